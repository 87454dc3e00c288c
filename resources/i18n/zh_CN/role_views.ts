<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>RoleViews</name>
    <message>
        <source>&amp;Verify a stamped file or a paper copy…</source>
        <translation>核验签章文件或纸质件(&amp;V)…</translation>
    </message>
</context>
</TS>
