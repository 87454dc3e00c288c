<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>RoleViews</name>
    <message>
        <source>Monthly report &amp;summary</source>
        <translation>月度汇总表(&amp;U)</translation>
    </message>
</context>
</TS>
