<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>RoleViews</name>
    <message>
        <source>Requests to &amp;approve</source>
        <translation>待审批申请(&amp;A)</translation>
    </message>
</context>
</TS>
