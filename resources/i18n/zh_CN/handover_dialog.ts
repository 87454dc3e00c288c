<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>HandoverDialog</name>
    <message>
        <source>Hand a seal over (交接)</source>
        <translation>印章交接</translation>
    </message>
    <message>
        <source>The seal passes to another custodian from now on, with no end date; the one who held it can no longer stamp with it. The office signs the seal&apos;s new record; no approver is needed. For a few days&apos; absence, delegate the seal instead.</source>
        <translation>自即日起，印章移交给另一名专管人员，不设截止日期；原专管人员不能再使用该印章签章。由办公室对印章的新记录签名，无需审批人。如只是短期不在岗，请改用代管。</translation>
    </message>
    <message>
        <source>Held now by</source>
        <translation>现由谁保管</translation>
    </message>
    <message>
        <source>New custodian</source>
        <translation>新专管人员</translation>
    </message>
    <message>
        <source>&amp;New custodian</source>
        <translation>新专管人员(&amp;N)</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>事由</translation>
    </message>
    <message>
        <source>&amp;Why</source>
        <translation>事由(&amp;W)</translation>
    </message>
    <message>
        <source>Hand over and sign</source>
        <translation>交接并签名</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>无人</translation>
    </message>
    <message>
        <source>There is no other custodian: the office adds a user with the custodian role first (Office ▸ Users and roles).</source>
        <translation>没有其他专管人员可以接管：请先新增一名具有印章专管人员角色的用户（办公室 ▸ 用户与角色）。</translation>
    </message>
    <message>
        <source>Say why: it is journalled with the change.</source>
        <translation>请说明原因：原因将随此项变更记入签章日志。</translation>
    </message>
    <message>
        <source>Type your password and the seal authority passphrase.</source>
        <translation>请输入您的密码和印章签发机构口令。</translation>
    </message>
</context>
</TS>
