<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CrossPagePanel</name>
    <message>
        <source>Cross-page seal on every page</source>
        <translation>每页加盖骑缝章</translation>
    </message>
    <message>
        <source>&amp;Edge, centre</source>
        <translation>页边与位置(&amp;E)</translation>
    </message>
    <message>
        <source>Right edge</source>
        <translation>右侧页边</translation>
    </message>
    <message>
        <source>Left edge</source>
        <translation>左侧页边</translation>
    </message>
    <message>
        <source>Top edge</source>
        <translation>上侧页边</translation>
    </message>
    <message>
        <source>Bottom edge</source>
        <translation>下侧页边</translation>
    </message>
    <message>
        <source>Millimetres from the top of each page, as displayed</source>
        <translation>距各页（按显示方向）顶部的毫米数</translation>
    </message>
    <message>
        <source>Millimetres from the left of each page, as displayed</source>
        <translation>距各页（按显示方向）左侧的毫米数</translation>
    </message>
    <message>
        <source>Edge of the cross-page seal</source>
        <translation>骑缝章所在页边</translation>
    </message>
</context>
</TS>
