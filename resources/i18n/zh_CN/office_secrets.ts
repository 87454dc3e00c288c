<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>OfficeSecrets</name>
    <message>
        <source>Your password</source>
        <translation>您的密码</translation>
    </message>
    <message>
        <source>Passphrase of the office&apos;s seal authority key</source>
        <translation>办公室印章签发机构密钥的口令</translation>
    </message>
    <message>
        <source>&amp;Your password ({user})</source>
        <translation>您的密码（{user}）(&amp;Y)</translation>
    </message>
    <message>
        <source>Seal &amp;authority passphrase</source>
        <translation>印章签发机构口令(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;USB key PIN</source>
        <translation>USB Key PIN 码(&amp;U)</translation>
    </message>
    <message>
        <source>PIN of the USB key</source>
        <translation>USB Key 的 PIN 码</translation>
    </message>
</context>
</TS>
