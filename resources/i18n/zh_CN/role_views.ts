<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>RoleViews</name>
    <message>
        <source>&amp;Journal (every entry)</source>
        <translation>用印记录（全部）(&amp;J)</translation>
    </message>
</context>
</TS>
