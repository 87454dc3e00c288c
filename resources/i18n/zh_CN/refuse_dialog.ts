<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>RefuseDialog</name>
    <message>
        <source>Refuse or send back — {document}</source>
        <translation>不予批准或退回 — {document}</translation>
    </message>
    <message>
        <source>Request {id}: {document}
Purpose: {purpose}
Asked by {requester}. Whichever you choose, it can no longer be stamped; the requester sees your reason.</source>
        <translation>申请 {id}：{document}
用途：{purpose}
申请人 {requester}。无论选择哪一项，该申请都不能再盖章；申请人可看到您填写的理由。</translation>
    </message>
    <message>
        <source>Re&amp;fuse it (不予批准)</source>
        <translation>不予批准(&amp;F)</translation>
    </message>
    <message>
        <source>Send it &amp;back to be corrected (退回修改)</source>
        <translation>退回修改(&amp;B)</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Why? (required; the requester reads it)</source>
        <translation>理由（必填，申请人可见）</translation>
    </message>
    <message>
        <source>Refuse</source>
        <translation>不予批准</translation>
    </message>
    <message>
        <source>Send back</source>
        <translation>退回</translation>
    </message>
    <message>
        <source>Recording your decision…</source>
        <translation>正在记录您的决定…</translation>
    </message>
    <message>
        <source>Nothing was recorded: {error}</source>
        <translation>未作记录：{error}</translation>
    </message>
</context>
</TS>
