<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DocumentView</name>
    <message>
        <source>Document preview</source>
        <translation>文件预览</translation>
    </message>
    <message>
        <source>Document pages</source>
        <translation>文件页面</translation>
    </message>
    <message>
        <source>The seal must be placed on a page of the document.</source>
        <translation>印章必须放在文件的页面上。</translation>
    </message>
    <message>
        <source>Page {page} ({pw:.0f}×{ph:.0f} mm) is too small for the seal {name} ({sw:g}×{sh:g} mm).</source>
        <translation>第 {page} 页（{pw:.0f}×{ph:.0f} 毫米）放不下印章“{name}”（{sw:g}×{sh:g} 毫米）。</translation>
    </message>
    <message>
        <source>The seal {name} would leave page {page}: its centre must be between {x0:.1f} and {x1:.1f} mm across and between {y0:.1f} and {y1:.1f} mm down.</source>
        <translation>印章“{name}”会超出第 {page} 页：印章中心的横向位置须在 {x0:.1f} 至 {x1:.1f} 毫米之间，纵向位置须在 {y0:.1f} 至 {y1:.1f} 毫米之间。</translation>
    </message>
    <message>
        <source>Covers the seal {name}.</source>
        <translation>压住了印章“{name}”。</translation>
    </message>
    <message>
        <source>Covers text on the page: check that it stays readable.</source>
        <translation>压住了页面文字：请确认文字仍清晰可读。</translation>
    </message>
</context>
</TS>
