<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>RoleViews</name>
    <message>
        <source>&amp;Seal register</source>
        <translation>印章台账(&amp;S)</translation>
    </message>
</context>
</TS>
