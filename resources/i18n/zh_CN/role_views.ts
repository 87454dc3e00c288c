<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>RoleViews</name>
    <message>
        <source>Station se&amp;t-up</source>
        <translation>签章站设置(&amp;T)</translation>
    </message>
    <message>
        <source>Office a&amp;rchive</source>
        <translation>办公室存档(&amp;R)</translation>
    </message>
</context>
</TS>
