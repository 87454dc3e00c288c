<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>UserDialog</name>
    <message>
        <source>The office&apos;s password rules: at least {min} characters; an initial password is changed at the first login; a password is changed every {days} days; {tries} wrong tries lock the account for {minutes} minutes.</source>
        <translation>办公室的密码规则：至少 {min} 个字符；初始密码须在首次登录时修改；密码每 {days} 天须更换一次；连续输错 {tries} 次，账户锁定 {minutes} 分钟。</translation>
    </message>
    <message>
        <source>Add a user</source>
        <translation>新增用户</translation>
    </message>
    <message>
        <source>Change roles</source>
        <translation>变更角色</translation>
    </message>
    <message>
        <source>Reset a password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>&amp;Login name</source>
        <translation>登录名(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Name shown</source>
        <translation>显示姓名(&amp;N)</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Approver level</source>
        <translation>审批权限级别</translation>
    </message>
    <message>
        <source>Approver &amp;level</source>
        <translation>审批权限级别(&amp;L)</translation>
    </message>
    <message>
        <source>Initial password</source>
        <translation>初始密码</translation>
    </message>
    <message>
        <source>Repeat the initial password</source>
        <translation>再次输入初始密码</translation>
    </message>
    <message>
        <source>&amp;Initial password</source>
        <translation>初始密码(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Repeat it</source>
        <translation>再次输入(&amp;R)</translation>
    </message>
    <message>
        <source>Add and sign</source>
        <translation>新增并签名</translation>
    </message>
    <message>
        <source>Change and sign</source>
        <translation>变更并签名</translation>
    </message>
    <message>
        <source>Reset and sign</source>
        <translation>重置并签名</translation>
    </message>
    <message>
        <source>{user} gets a new initial password and must change it at the next login.</source>
        <translation>{user} 将获得新的初始密码，下次登录时须修改。</translation>
    </message>
    <message>
        <source>An approver also gets a new approval key: the old one opens only with the old password.</source>
        <translation>审批人还将获得新的审批密钥：原密钥只能用原密码打开。</translation>
    </message>
    <message>
        <source>{user} becomes an approver and needs an approval key: it is made with a new initial password, changed at the next login.</source>
        <translation>{user} 将成为审批人，需要审批密钥：该密钥以新的初始密码生成，下次登录时须修改密码。</translation>
    </message>
    <message>
        <source>The new user must change the initial password at the first login.</source>
        <translation>新用户须在首次登录时修改初始密码。</translation>
    </message>
    <message>
        <source>Give a login name.</source>
        <translation>请填写登录名。</translation>
    </message>
    <message>
        <source>Choose at least one role.</source>
        <translation>请至少选择一个角色。</translation>
    </message>
    <message>
        <source>The two initial passwords differ. Type it twice.</source>
        <translation>两次输入的初始密码不一致，请重新输入两次。</translation>
    </message>
    <message>
        <source>The initial password needs at least {min} characters.</source>
        <translation>初始密码至少需要 {min} 个字符。</translation>
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
