<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>SealWords</name>
    <message>
        <source>Made, not issued</source>
        <translation>已刻制，未颁发</translation>
    </message>
    <message>
        <source>Issued, in use</source>
        <translation>已颁发，使用中</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>已作废</translation>
    </message>
    <message>
        <source>Destroyed</source>
        <translation>已销毁</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>刻制</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>颁发</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Resumed</source>
        <translation>恢复启用</translation>
    </message>
    <message>
        <source>Handed over</source>
        <translation>交接</translation>
    </message>
    <message>
        <source>Delegation started</source>
        <translation>开始代管</translation>
    </message>
    <message>
        <source>Delegation ended</source>
        <translation>代管结束</translation>
    </message>
</context>
</TS>
