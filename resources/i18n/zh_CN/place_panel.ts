<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>PlacePanel</name>
    <message>
        <source>Place the seal</source>
        <translation>盖章方式</translation>
    </message>
    <message>
        <source>At a position</source>
        <translation>按位置</translation>
    </message>
    <message>
        <source>On a keyword</source>
        <translation>按关键字</translation>
    </message>
    <message>
        <source>In a signature field</source>
        <translation>盖入签章域</translation>
    </message>
    <message>
        <source>O&amp;n pages</source>
        <translation>盖章页(&amp;N)</translation>
    </message>
    <message>
        <source>This page</source>
        <translation>本页</translation>
    </message>
    <message>
        <source>The last page</source>
        <translation>最后一页</translation>
    </message>
    <message>
        <source>Every page</source>
        <translation>每一页</translation>
    </message>
    <message>
        <source>Odd pages</source>
        <translation>奇数页</translation>
    </message>
    <message>
        <source>Even pages</source>
        <translation>偶数页</translation>
    </message>
    <message>
        <source>Or type pages and ranges, e.g. 1-3,-1 (pages 1 to 3 and the last page). One signature covers every page.</source>
        <translation>也可输入页码和页码范围，例如 1-3,-1（第 1 至 3 页及最后一页）。所有页面由一次签名覆盖。</translation>
    </message>
    <message>
        <source>&amp;Keyword</source>
        <translation>关键字(&amp;K)</translation>
    </message>
    <message>
        <source>Type the words the seal goes on, or choose one the document contains</source>
        <translation>输入印章要盖在其上的文字，或从文档包含的关键字中选择</translation>
    </message>
    <message>
        <source>e.g. Seal here</source>
        <translation>例如：盖章</translation>
    </message>
    <message>
        <source>&amp;Matches</source>
        <translation>匹配处(&amp;M)</translation>
    </message>
    <message>
        <source>The first</source>
        <translation>第一处</translation>
    </message>
    <message>
        <source>The last</source>
        <translation>最后一处</translation>
    </message>
    <message>
        <source>Every one</source>
        <translation>每一处</translation>
    </message>
    <message>
        <source>Offs&amp;et</source>
        <translation>偏移(&amp;E)</translation>
    </message>
    <message>
        <source>Where the seal&apos;s centre goes from the keyword&apos;s centre: mm to the right and down (negative: left and up)</source>
        <translation>印章中心相对关键字中心的偏移：向右、向下的毫米数（负数表示向左、向上）</translation>
    </message>
    <message>
        <source>Offset to the right, in mm</source>
        <translation>向右偏移（毫米）</translation>
    </message>
    <message>
        <source>Offset downwards, in mm</source>
        <translation>向下偏移（毫米）</translation>
    </message>
    <message>
        <source>&amp;Signature field</source>
        <translation>签章域(&amp;S)</translation>
    </message>
    <message>
        <source>(the document has no empty signature field)</source>
        <translation>（文档中没有空白签章域）</translation>
    </message>
</context>
</TS>
