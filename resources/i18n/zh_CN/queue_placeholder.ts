<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>QueuePlaceholder</name>
    <message>
        <source>The requests waiting for you appear here. Open a document from disk with File ▸ Open (Ctrl+O): the station finds the request that covers it.</source>
        <translation>待您处理的用印申请将显示在这里。也可用“文件 ▸ 打开文档”（Ctrl+O）从磁盘打开文档，签章站会找到对应的用印申请。</translation>
    </message>
</context>
</TS>
