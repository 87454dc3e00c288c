<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>SinglePageDocumentView</name>
    <message>
        <source>Page preview: click or drag to place the seal, arrow keys nudge it</source>
        <translation>页面预览：点击或拖动放置印章，方向键微调</translation>
    </message>
    <message>
        <source>The seal's centre would be off the page.</source>
        <translation>印章中心将超出页面。</translation>
    </message>
</context>
</TS>