<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>RoleViews</name>
    <message>
        <source>&amp;Seal register</source>
        <translation>印章台账(&amp;S)</translation>
    </message>
    <message>
        <source>Requests to &amp;approve</source>
        <translation>待审批申请(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Users and roles</source>
        <translation>用户与角色(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Delegations and handovers</source>
        <translation>代管与交接(&amp;D)</translation>
    </message>
    <message>
        <source>Station &amp;policy</source>
        <translation>签章站策略(&amp;P)</translation>
    </message>
    <message>
        <source>Station se&amp;t-up</source>
        <translation>签章站设置(&amp;T)</translation>
    </message>
    <message>
        <source>Office a&amp;rchive</source>
        <translation>办公室存档(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Journal (every entry)</source>
        <translation>用印记录（全部）(&amp;J)</translation>
    </message>
    <message>
        <source>&amp;Monthly report summary</source>
        <translation>月度汇总表(&amp;M)</translation>
    </message>
</context>
</TS>
