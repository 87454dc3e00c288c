<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>OfficeWords</name>
    <message>
        <source>Seal custodian</source>
        <translation>印章专管人员</translation>
    </message>
    <message>
        <source>Approver</source>
        <translation>审批人</translation>
    </message>
    <message>
        <source>Seal office</source>
        <translation>印章管理员（办公室）</translation>
    </message>
    <message>
        <source>Auditor</source>
        <translation>审计人员</translation>
    </message>
    <message>
        <source>Department manager</source>
        <translation>部门经理</translation>
    </message>
    <message>
        <source>Finance director</source>
        <translation>财务总监</translation>
    </message>
    <message>
        <source>General manager</source>
        <translation>总经理</translation>
    </message>
    <message>
        <source>Official seal</source>
        <translation>公章</translation>
    </message>
    <message>
        <source>Contract seal</source>
        <translation>合同专用章</translation>
    </message>
    <message>
        <source>Finance seal</source>
        <translation>财务专用章</translation>
    </message>
    <message>
        <source>Legal representative&apos;s seal</source>
        <translation>法定代表人章</translation>
    </message>
    <message>
        <source>Department seal</source>
        <translation>部门章</translation>
    </message>
    <message>
        <source>Personal seal</source>
        <translation>个人章</translation>
    </message>
    <message>
        <source>made, not issued</source>
        <translation>已制作，未颁发</translation>
    </message>
    <message>
        <source>issued</source>
        <translation>已颁发</translation>
    </message>
    <message>
        <source>suspended</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <source>revoked</source>
        <translation>已作废</translation>
    </message>
    <message>
        <source>destroyed</source>
        <translation>已销毁</translation>
    </message>
    <message>
        <source>{name} ({kind})</source>
        <translation>{name}（{kind}）</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
</TS>
