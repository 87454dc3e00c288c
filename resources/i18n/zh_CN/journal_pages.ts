<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>JournalPageModel</name>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Seal</source>
        <translation>印章</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>用印申请</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>This entry does not match its hash: it was changed after it was written.</source>
        <translation>此条记录与其哈希值不符：写入后曾被改动。</translation>
    </message>
    <message>
        <source>Entry {seq}: {time}, {user}, {action}</source>
        <translation>第 {seq} 条：{time}，{user}，{action}</translation>
    </message>
    <message>
        <source>(the station)</source>
        <translation>（本用印站）</translation>
    </message>
</context>
</TS>
