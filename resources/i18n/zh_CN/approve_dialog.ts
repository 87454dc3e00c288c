<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ApproveDialog</name>
    <message>
        <source>Approve the request — {document}</source>
        <translation>审批用印申请 — {document}</translation>
    </message>
    <message>
        <source>Request {id}: {document}, asked by {requester}.
SHA-256: {sha}
Your approval binds this exact document; it is signed with your key and journalled.</source>
        <translation>申请 {id}：{document}，申请人 {requester}。
SHA-256：{sha}
您的审批仅对此文件有效；审批以您的密钥签名，并记入日志。</translation>
    </message>
    <message>
        <source>Reprint (重印) — {document}</source>
        <translation>重印 — {document}</translation>
    </message>
    <message>
        <source>{document} replaces the stamped {old} (request {id}). Once it is stamped, the earlier file is no longer printed; its printed copies should be recalled.
SHA-256: {sha}</source>
        <translation>{document} 替换已盖章的 {old}（申请 {id}）。新文件盖章后，原文件不再打印；其已打印的纸质件应予收回。
SHA-256：{sha}</translation>
    </message>
    <message>
        <source>(reading…)</source>
        <translation>（正在读取…）</translation>
    </message>
    <message>
        <source>{name} ({id})</source>
        <translation>{name}（{id}）</translation>
    </message>
    <message>
        <source>{name} ({id}): beyond your authority, needs a {level}</source>
        <translation>{name}（{id}）：超出您的审批权限，需{level}审批</translation>
    </message>
    <message>
        <source>Seals</source>
        <translation>印章</translation>
    </message>
    <message>
        <source> day(s)</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>A blank form, to be filled in after it is stamped (表格类文书)</source>
        <translation>空白表格，签章后仍可填写（表格类文书）</translation>
    </message>
    <message>
        <source>The last seal locks the document: with this box ticked it still allows filling in the form&apos;s fields, and nothing else; otherwise no change at all.</source>
        <translation>最后一枚印章加盖后，文书即被锁定：勾选此项，锁定后仍允许填写表单字段，其他修改一律不允许；不勾选则不允许任何修改。</translation>
    </message>
    <message>
        <source>&amp;Copies</source>
        <translation>份数(&amp;C)</translation>
    </message>
    <message>
        <source>P&amp;urpose</source>
        <translation>用途(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Valid for (at most {days} days)</source>
        <translation>有效期（最长 {days} 天）(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Your password ({user})</source>
        <translation>您的密码（{user}）(&amp;Y)</translation>
    </message>
    <message>
        <source>Approve and sign</source>
        <translation>审批并签名</translation>
    </message>
    <message>
        <source>Signing the approval…</source>
        <translation>正在签署审批…</translation>
    </message>
    <message>
        <source>Not approved: {what}
{todo}</source>
        <translation>未审批：{what}
{todo}</translation>
    </message>
</context>
</TS>
