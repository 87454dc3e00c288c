<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>SealStation — journal passphrase</source>
        <translation>SealStation — 签章日志口令</translation>
    </message>
    <message>
        <source>This station&apos;s journal is locked with the office&apos;s passphrase. Type it to open the station.</source>
        <translation>本签章站的签章日志由办公室口令加密。请输入口令以打开签章站。</translation>
    </message>
    <message>
        <source>Journal passphrase</source>
        <translation>签章日志口令</translation>
    </message>
    <message>
        <source>Open the station</source>
        <translation>打开签章站</translation>
    </message>
    <message>
        <source>Type the journal passphrase.</source>
        <translation>请输入签章日志口令。</translation>
    </message>
    <message>
        <source>Opening the station…</source>
        <translation>正在打开签章站…</translation>
    </message>
</context>
</TS>
