<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>SetupAssistant</name>
    <message>
        <source>SealStation — set up this station</source>
        <translation>SealStation — 设置本签章站</translation>
    </message>
    <message>
        <source>Make the station</source>
        <translation>建立签章站</translation>
    </message>
    <message>
        <source>Making the station…</source>
        <translation>正在建立签章站…</translation>
    </message>
</context>
</TS>
