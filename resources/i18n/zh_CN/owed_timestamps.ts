<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>OwedTimestampsLine</name>
    <message>
        <source>The office&apos;s timestamp was added to {added} file(s) stamped while its authority was down; {left} still wait for it.</source>
        <translation>已为 {added} 份在时间戳服务中断期间签章的文件补加单位时间戳；还有 {left} 份待补。</translation>
    </message>
</context>
</TS>
