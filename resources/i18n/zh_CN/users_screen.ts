<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>UsersScreen</name>
    <message>
        <source>Users and roles</source>
        <translation>用户与角色</translation>
    </message>
    <message>
        <source>Login name</source>
        <translation>登录名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
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
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Users of the station</source>
        <translation>本签章站的用户</translation>
    </message>
    <message>
        <source>A&amp;dd a user…</source>
        <translation>新增用户(&amp;D)…</translation>
    </message>
    <message>
        <source>Change &amp;roles…</source>
        <translation>变更角色(&amp;R)…</translation>
    </message>
    <message>
        <source>Reset &amp;password…</source>
        <translation>重置密码(&amp;P)…</translation>
    </message>
    <message>
        <source>{level} (no approval key: reset the password)</source>
        <translation>{level}（无审批密钥：请重置密码）</translation>
    </message>
    <message>
        <source>Refused: the record was changed outside the office</source>
        <translation>已拒用：用户记录在办公室之外被改动</translation>
    </message>
    <message>
        <source>Locked by the office</source>
        <translation>已被办公室锁定</translation>
    </message>
    <message>
        <source>Locked for a while after wrong passwords</source>
        <translation>因密码输错暂时锁定</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>New or reset: changed at the next login</source>
        <translation>新设或已重置：下次登录时须修改</translation>
    </message>
    <message>
        <source>Expired ({age} days old): changed at the next login</source>
        <translation>已过期（已用 {age} 天）：下次登录时须修改</translation>
    </message>
    <message>
        <source>{age} days old; expires in {left} days</source>
        <translation>已用 {age} 天；{left} 天后过期</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>解锁(&amp;U)</translation>
    </message>
    <message>
        <source>Loc&amp;k</source>
        <translation>锁定(&amp;K)</translation>
    </message>
    <message>
        <source>{user} was added; the record is signed. They change the initial password at the first login.</source>
        <translation>已新增 {user}，用户记录已签名。其须在首次登录时修改初始密码。</translation>
    </message>
    <message>
        <source>The roles of {user} were changed; the record is signed.</source>
        <translation>{user} 的角色已变更，用户记录已签名。</translation>
    </message>
    <message>
        <source>The password of {user} was reset; they change it at the next login.</source>
        <translation>{user} 的密码已重置，其须在下次登录时修改。</translation>
    </message>
    <message>
        <source>Lock the account of {user}: they can no longer log in, approve or stamp until the office unlocks it. The lock is signed into their record.</source>
        <translation>锁定 {user} 的账户：在办公室解锁之前，其不能登录、审批或签章。锁定状态将签入其用户记录。</translation>
    </message>
    <message>
        <source>Unlock the account of {user}: they can log in again with their password.</source>
        <translation>解锁 {user} 的账户：其可再次凭密码登录。</translation>
    </message>
    <message>
        <source>Lock an account</source>
        <translation>锁定账户</translation>
    </message>
    <message>
        <source>Unlock an account</source>
        <translation>解锁账户</translation>
    </message>
    <message>
        <source>Lock and sign</source>
        <translation>锁定并签名</translation>
    </message>
    <message>
        <source>Unlock and sign</source>
        <translation>解锁并签名</translation>
    </message>
    <message>
        <source>{user} is locked.</source>
        <translation>{user} 已锁定。</translation>
    </message>
    <message>
        <source>{user} is unlocked.</source>
        <translation>{user} 已解锁。</translation>
    </message>
</context>
</TS>
