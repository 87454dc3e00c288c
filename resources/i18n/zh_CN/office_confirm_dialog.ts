<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>OfficeConfirmDialog</name>
    <message>
        <source>Say why: it is journalled with the change.</source>
        <translation>请说明原因：原因将随此项变更记入签章日志。</translation>
    </message>
    <message>
        <source>Type your password and the seal authority passphrase.</source>
        <translation>请输入您的密码和印章签发机构口令。</translation>
    </message>
    <message>
        <source>Signing…</source>
        <translation>正在签名…</translation>
    </message>
</context>
</TS>
