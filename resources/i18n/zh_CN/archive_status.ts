<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ArchiveStatus</name>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>Archive: none configured</source>
        <translation>存档：未配置</translation>
    </message>
    <message>
        <source>Archive: {entries} entries waiting (1 stamp); last sync {last}; failing ({failures}×, next try {next}): {error}</source>
        <translation>存档：{entries} 条待发送（盖章 1 次）；上次同步 {last}；同步失败（{failures} 次，下次 {next}）：{error}</translation>
    </message>
    <message>
        <source>Archive: {entries} entries waiting ({stamps} stamps); last sync {last}; failing ({failures}×, next try {next}): {error}</source>
        <translation>存档：{entries} 条待发送（盖章 {stamps} 次）；上次同步 {last}；同步失败（{failures} 次，下次 {next}）：{error}</translation>
    </message>
    <message>
        <source>Archive: {entries} entries waiting (1 stamp); last sync {last}</source>
        <translation>存档：{entries} 条待发送（盖章 1 次）；上次同步 {last}</translation>
    </message>
    <message>
        <source>Archive: {entries} entries waiting ({stamps} stamps); last sync {last}</source>
        <translation>存档：{entries} 条待发送（盖章 {stamps} 次）；上次同步 {last}</translation>
    </message>
</context>
</TS>
