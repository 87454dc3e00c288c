<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Ruler</name>
    <message>
        <source>Horizontal ruler in millimetres</source>
        <translation>水平标尺（毫米）</translation>
    </message>
    <message>
        <source>Vertical ruler in millimetres</source>
        <translation>垂直标尺（毫米）</translation>
    </message>
</context>
</TS>
