<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>PasswordChangeDialog</name>
    <message>
        <source>Change your password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>The password of {user} has expired. Choose a new one to go on.</source>
        <translation>{user} 的密码已过期，请设置新密码后继续。</translation>
    </message>
    <message>
        <source>{user} logs in for the first time, or the office reset the password. Choose a new one to go on.</source>
        <translation>{user} 首次登录，或密码已由办公室重置，请设置新密码后继续。</translation>
    </message>
    <message>
        <source>The office&apos;s rules: at least {min} characters, different from the old one; it expires after {days} days; {tries} wrong tries lock the account for {minutes} minutes.</source>
        <translation>办公室规定：密码至少 {min} 个字符，且不得与旧密码相同；有效期 {days} 天；连续输错 {tries} 次将锁定账户 {minutes} 分钟。</translation>
    </message>
    <message>
        <source>&amp;New password</source>
        <translation>新密码(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Repeat it</source>
        <translation>再次输入(&amp;R)</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>The two passwords differ. Type the new one twice.</source>
        <translation>两次输入的密码不一致，请重新输入新密码两次。</translation>
    </message>
    <message>
        <source>Changing…</source>
        <translation>正在修改…</translation>
    </message>
</context>
</TS>
