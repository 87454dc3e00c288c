<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ReasonForm</name>
    <message>
        <source>Your password</source>
        <translation>您的登录密码</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Your password ({user})</source>
        <translation>您的密码（{user}）</translation>
    </message>
</context>
</TS>
