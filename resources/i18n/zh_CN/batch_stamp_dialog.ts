<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>BatchStampDialog</name>
    <message>
        <source>Stamp several documents</source>
        <translation>批量签章</translation>
    </message>
    <message>
        <source>{n} document(s), each stamped and recorded on its own, under one password and one PIN.</source>
        <translation>共 {n} 份文件：只需输入一次密码和 PIN 码，每份文件单独签章、单独记录。</translation>
    </message>
    <message>
        <source>Documents of the batch</source>
        <translation>本批文件</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Seals</source>
        <translation>印章</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>页码</translation>
    </message>
    <message>
        <source>Seal centre from the left edge, mm</source>
        <translation>印章中心距页面左边缘（毫米）</translation>
    </message>
    <message>
        <source>Seal centre from the top edge, mm</source>
        <translation>印章中心距页面上边缘（毫米）</translation>
    </message>
    <message>
        <source>from the left</source>
        <translation>距左</translation>
    </message>
    <message>
        <source>from the top</source>
        <translation>距上</translation>
    </message>
    <message>
        <source>&amp;Page (the same on every document)</source>
        <translation>页码(&amp;P)（每份文件相同）</translation>
    </message>
    <message>
        <source>Seal centre (mm, as the page is shown)</source>
        <translation>印章中心（毫米，按页面显示方向）</translation>
    </message>
    <message>
        <source>Folder for the stamped files</source>
        <translation>签章后文件的保存文件夹</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Write the stamped files &amp;to</source>
        <translation>签章后文件保存到(&amp;T)</translation>
    </message>
    <message>
        <source>Documents stamped</source>
        <translation>已签章文件</translation>
    </message>
    <message>
        <source>&amp;Check</source>
        <translation>检查(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Stamp…</source>
        <translation>签章(&amp;S)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>The place changed: check again.</source>
        <translation>盖章位置已更改，请重新检查。</translation>
    </message>
    <message>
        <source>Checking each document (no password or PIN yet)…</source>
        <translation>正在逐份检查文件（尚不需要密码和 PIN 码）…</translation>
    </message>
    <message>
        <source>{ready} of {total} document(s) can be stamped.</source>
        <translation>{total} 份文件中有 {ready} 份可以签章。</translation>
    </message>
    <message>
        <source>None of the documents can be stamped: see each row.</source>
        <translation>没有可以签章的文件，原因见各行。</translation>
    </message>
    <message>
        <source>Cannot be stamped: {why}</source>
        <translation>无法签章：{why}</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>可以签章</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Reading the USB key…</source>
        <translation>正在读取 USB Key…</translation>
    </message>
    <message>
        <source>{n} document(s), seal(s) {seals}: one password and one PIN for all.</source>
        <translation>共 {n} 份文件，印章：{seals}；全部只需输入一次密码和 PIN 码。</translation>
    </message>
    <message>
        <source>Waiting for the password and the PIN…</source>
        <translation>等待输入密码和 PIN 码…</translation>
    </message>
    <message>
        <source>Cancelled; nothing was stamped.</source>
        <translation>已取消，未签章任何文件。</translation>
    </message>
    <message>
        <source>Stamping {n} document(s)…</source>
        <translation>正在为 {n} 份文件签章…</translation>
    </message>
    <message>
        <source>Stamping…</source>
        <translation>正在签章…</translation>
    </message>
    <message>
        <source>Stamped: {file}</source>
        <translation>已签章：{file}</translation>
    </message>
    <message>
        <source>Not stamped: {why}</source>
        <translation>未签章：{why}</translation>
    </message>
    <message>
        <source>{stamped} of {total} document(s) stamped.</source>
        <translation>{total} 份文件中已签章 {stamped} 份。</translation>
    </message>
    <message>
        <source>Nothing more was stamped: {error}</source>
        <translation>后续文件均未签章：{error}</translation>
    </message>
    <message>
        <source>Wait: the batch is running; each document finishes or fails whole.</source>
        <translation>请稍候：批量签章正在进行，每份文件要么完整签章，要么完全不动。</translation>
    </message>
</context>
</TS>
