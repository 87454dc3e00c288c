<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>_Starter</name>
    <message>
        <source>That passphrase does not open this station&apos;s journal. Type it again.</source>
        <translation>该口令无法打开本签章站的签章日志，请重新输入。</translation>
    </message>
    <message>
        <source>The office&apos;s seal authority certificate is not pinned: {warning}</source>
        <translation>印章管理机构证书尚未固定：{warning}</translation>
    </message>
    <message>
        <source>The policy names no office archive: {warning}</source>
        <translation>策略未指定办公室归档：{warning}</translation>
    </message>
    <message>
        <source>Finished or undid {count} stamp attempt(s) a crash left open; see the journal.</source>
        <translation>已完成或撤销因异常中断而未结束的签章 {count} 项，详见签章日志。</translation>
    </message>
    <message>
        <source>SealStation cannot start</source>
        <translation>SealStation 无法启动</translation>
    </message>
</context>
</TS>
