<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>UsesChart</name>
    <message>
        <source>Seal uses per day</source>
        <translation>每日用印次数</translation>
    </message>
    <message>
        <source>{uses} uses in {days} days; the busiest day {day} with {peak}.</source>
        <translation>{days} 天内共用印 {uses} 次；最多的一天是 {day}，{peak} 次。</translation>
    </message>
</context>
</TS>
