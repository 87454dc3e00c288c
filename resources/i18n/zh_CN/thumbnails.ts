<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ThumbnailStrip</name>
    <message>
        <source>Page thumbnails</source>
        <translation>页面缩略图</translation>
    </message>
    <message>
        <source>Page {n}</source>
        <translation>第 {n} 页</translation>
    </message>
</context>
</TS>
