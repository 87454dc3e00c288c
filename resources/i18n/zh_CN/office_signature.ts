<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>OfficeSignatureBox</name>
    <message>
        <source>Signed by the office</source>
        <translation>办公室签名确认</translation>
    </message>
    <message>
        <source>The change is signed with the office&apos;s seal authority key; the station accepts nothing the office did not sign.</source>
        <translation>此项变更以办公室印章签发机构的密钥签名；未经办公室签名的内容，签章站一概不予接受。</translation>
    </message>
    <message>
        <source>Password of {user}</source>
        <translation>{user} 的密码</translation>
    </message>
    <message>
        <source>Seal authority passphrase</source>
        <translation>印章签发机构口令</translation>
    </message>
    <message>
        <source>Your &amp;password ({user})</source>
        <translation>您的密码（{user}）(&amp;P)</translation>
    </message>
    <message>
        <source>Seal &amp;authority passphrase</source>
        <translation>印章签发机构口令(&amp;A)</translation>
    </message>
</context>
</TS>
