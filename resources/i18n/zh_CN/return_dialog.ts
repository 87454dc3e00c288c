<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ReturnDialog</name>
    <message>
        <source>Return the request (退签)</source>
        <translation>退签</translation>
    </message>
    <message>
        <source>Request {id}: {document}
Purpose: {purpose}
The request goes back to its requester with your reason; it can no longer be stamped.</source>
        <translation>用印申请 {id}：{document}
用印事由：{purpose}
该申请将连同退签原因退回申请人，之后不能再签章。</translation>
    </message>
    <message>
        <source>Reason for the return</source>
        <translation>退签原因</translation>
    </message>
    <message>
        <source>Why is it sent back? (required)</source>
        <translation>退签原因（必填）</translation>
    </message>
    <message>
        <source>Return (退签)</source>
        <translation>退签</translation>
    </message>
    <message>
        <source>Returning…</source>
        <translation>正在退签…</translation>
    </message>
    <message>
        <source>Not returned: {error}</source>
        <translation>未退签：{error}</translation>
    </message>
</context>
</TS>
