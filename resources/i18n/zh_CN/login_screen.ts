<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>LoginScreen</name>
    <message>
        <source>Log in to the seal station</source>
        <translation>登录签章站</translation>
    </message>
    <message>
        <source>&amp;User</source>
        <translation>用户(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Opening the station…</source>
        <translation>正在打开签章站…</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在核验…</translation>
    </message>
    <message>
        <source>Opening the station… you are logged in as soon as it is open.</source>
        <translation>正在打开签章站……打开后将自动为您登录。</translation>
    </message>
</context>
</TS>
