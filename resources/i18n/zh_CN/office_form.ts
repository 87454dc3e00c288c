<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>OfficeFormDialog</name>
    <message>
        <source>Seal</source>
        <translation>印章</translation>
    </message>
    <message>
        <source>{name} ({kind})</source>
        <translation>{name}（{kind}）</translation>
    </message>
    <message>
        <source>&amp;Seal</source>
        <translation>印章(&amp;S)</translation>
    </message>
    <message>
        <source>{name} ({user})</source>
        <translation>{name}（{user}）</translation>
    </message>
    <message>
        <source>Signing…</source>
        <translation>正在签名…</translation>
    </message>
</context>
</TS>
