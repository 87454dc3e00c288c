<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DelegationDialog</name>
    <message>
        <source>Delegate a seal (代管)</source>
        <translation>印章代管</translation>
    </message>
    <message>
        <source>A stand-in custodian may stamp with the seal on the days given, and only then. An approver with the seal&apos;s authority approves it here, with their own password; the office signs it.</source>
        <translation>代管人员只能在所定日期内使用该印章签章。须由具有该印章审批权限的审批人在此凭本人密码审批，并由办公室签名。</translation>
    </message>
    <message>
        <source>Stand-in custodian</source>
        <translation>代管人员</translation>
    </message>
    <message>
        <source>S&amp;tand-in custodian</source>
        <translation>代管人员(&amp;T)</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>起始日</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>截止日</translation>
    </message>
    <message>
        <source>&amp;First day</source>
        <translation>起始日(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Last day (included)</source>
        <translation>截止日（含当日）(&amp;L)</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>事由</translation>
    </message>
    <message>
        <source>e.g. annual leave, business trip</source>
        <translation>如：年休假、出差</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>事由(&amp;R)</translation>
    </message>
    <message>
        <source>Approver</source>
        <translation>审批人</translation>
    </message>
    <message>
        <source>A&amp;pprover</source>
        <translation>审批人(&amp;P)</translation>
    </message>
    <message>
        <source>The approver&apos;s password</source>
        <translation>审批人的密码</translation>
    </message>
    <message>
        <source>The approver&apos;s pass&amp;word</source>
        <translation>审批人的密码(&amp;W)</translation>
    </message>
    <message>
        <source>Delegate and sign</source>
        <translation>代管并签名</translation>
    </message>
    <message>
        <source>No other custodian may stand in: the office adds a user with the custodian role first (Office ▸ Users and roles).</source>
        <translation>没有其他专管人员可以代管：请先新增一名具有印章专管人员角色的用户（办公室 ▸ 用户与角色）。</translation>
    </message>
    <message>
        <source>No approver has the authority for this seal.</source>
        <translation>没有审批人具有该印章的审批权限。</translation>
    </message>
    <message>
        <source>The last day comes before the first day.</source>
        <translation>截止日早于起始日。</translation>
    </message>
    <message>
        <source>Say why the seal is delegated.</source>
        <translation>请说明代管事由。</translation>
    </message>
    <message>
        <source>Type the approver&apos;s password, your password and the seal authority passphrase.</source>
        <translation>请输入审批人的密码、您的密码和印章签发机构口令。</translation>
    </message>
</context>
</TS>
