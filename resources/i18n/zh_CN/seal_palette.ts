<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>SealPalette</name>
    <message>
        <source>Approved seals</source>
        <translation>已审批的印章</translation>
    </message>
    <message>
        <source>Seals approved for this request</source>
        <translation>本用印申请已审批的印章</translation>
    </message>
    <message>
        <source>{name} (next)</source>
        <translation>{name}（当前应盖）</translation>
    </message>
    <message>
        <source>{name}, {w:g}×{h:g} mm: drag it onto the page</source>
        <translation>{name}，{w:g}×{h:g} 毫米：拖到页面上放置</translation>
    </message>
    <message>
        <source>No seal to place: this document has no approved seal waiting.</source>
        <translation>没有可放置的印章：本文件没有待加盖的已审批印章。</translation>
    </message>
    <message>
        <source>Drag a seal onto the page, or choose it and double-click where it goes.</source>
        <translation>将印章拖到页面上，或选中印章后在要盖印的位置双击。</translation>
    </message>
</context>
</TS>
