<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ApprovalQueueScreen</name>
    <message>
        <source>department manager</source>
        <translation>部门经理</translation>
    </message>
    <message>
        <source>finance director</source>
        <translation>财务总监</translation>
    </message>
    <message>
        <source>general manager</source>
        <translation>总经理</translation>
    </message>
    <message>
        <source>Requests to approve</source>
        <translation>待审批的用印申请</translation>
    </message>
    <message>
        <source>Waiting for approval</source>
        <translation>待审批</translation>
    </message>
    <message>
        <source>Stamped documents (加印, 重印)</source>
        <translation>已盖章文件（加印、重印）</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Seals asked for</source>
        <translation>申请用印</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>份数</translation>
    </message>
    <message>
        <source>Asked by</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>收到时间</translation>
    </message>
    <message>
        <source>Seals</source>
        <translation>印章</translation>
    </message>
    <message>
        <source>Copies approved</source>
        <translation>批准份数</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>已打印</translation>
    </message>
    <message>
        <source>Stamped</source>
        <translation>盖章时间</translation>
    </message>
    <message>
        <source>Requests waiting for your approval</source>
        <translation>等待您审批的申请</translation>
    </message>
    <message>
        <source>Stamped documents</source>
        <translation>已盖章文件</translation>
    </message>
    <message>
        <source>Scroll left</source>
        <translation>向左滚动</translation>
    </message>
    <message>
        <source>Scroll right</source>
        <translation>向右滚动</translation>
    </message>
    <message>
        <source>&amp;Approve…</source>
        <translation>审批通过(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Refuse or send back…</source>
        <translation>不予批准或退回(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Extra copies (加印)…</source>
        <translation>加印(&amp;E)…</translation>
    </message>
    <message>
        <source>Re&amp;print a corrected document (重印)…</source>
        <translation>更正后重印(&amp;P)…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Read the requests again (F5)</source>
        <translation>重新读取申请（F5）</translation>
    </message>
    <message>
        <source>Reading the requests…</source>
        <translation>正在读取申请…</translation>
    </message>
    <message>
        <source>Requests waiting for your approval: {n}.</source>
        <translation>等待您审批的申请：{n} 件。</translation>
    </message>
    <message>
        <source>The requests cannot be read: {error}</source>
        <translation>无法读取申请：{error}</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between seal names</comment>
        <translation>、</translation>
    </message>
    <message>
        <source>The document is not at the station: it cannot be shown.</source>
        <translation>文件不在本签章机上，无法显示。</translation>
    </message>
    <message>
        <source>SHA-256: {sha}</source>
        <translation>SHA-256：{sha}</translation>
    </message>
    <message>
        <source>SHA-256: {sha}
The file at the station is the document asked for.</source>
        <translation>SHA-256：{sha}
本机上的文件即为申请用印的文件。</translation>
    </message>
    <message>
        <source>SHA-256 asked for: {sha}
The file at the station changed since (now {now}): it cannot be approved.</source>
        <translation>申请时的 SHA-256：{sha}
本机上的文件此后已被改动（现为 {now}），不能审批。</translation>
    </message>
    <message>
        <source>Stamped file&apos;s SHA-256: {sha}</source>
        <translation>已盖章文件的 SHA-256：{sha}</translation>
    </message>
    <message>
        <source>No request waits for your approval. New requests are listed here as they arrive (Refresh: F5).</source>
        <translation>目前没有等待您审批的申请。新的申请到达后将列在此处（刷新：F5）。</translation>
    </message>
    <message>
        <source>No document approved by you has been stamped yet.</source>
        <translation>尚无经您审批并已盖章的文件。</translation>
    </message>
    <message>
        <source>Choose a request to see its document and what it asks for.</source>
        <translation>请选择一件申请，查看文件及申请内容。</translation>
    </message>
    <message>
        <source>Choose a stamped document to allow more copies of it or a corrected reprint.</source>
        <translation>请选择一份已盖章文件，审批加印或更正后重印。</translation>
    </message>
    <message>
        <source>{document} — request {id}
Seals: {seals}
Approved by {approver}; {approved} copies approved, {printed} printed; stamped {at}
Purpose: {purpose}</source>
        <translation>{document} — 申请 {id}
印章：{seals}
审批人 {approver}；批准 {approved} 份，已打印 {printed} 份；盖章时间 {at}
用途：{purpose}</translation>
    </message>
    <message>
        <source>{document} — request {id}, {pages} page(s)
Seals asked for: {seals}
Copies: {copies}
Purpose: {purpose}
Asked by {requester} on {at}</source>
        <translation>{document} — 申请 {id}，共 {pages} 页
申请用印：{seals}
份数：{copies}
用途：{purpose}
申请人 {requester}，申请时间 {at}</translation>
    </message>
    <message>
        <source>{name} ({id})</source>
        <translation>{name}（{id}）</translation>
    </message>
    <message>
        <source>You may approve every seal asked for.</source>
        <translation>您有权审批所申请的全部印章。</translation>
    </message>
    <message>
        <source>{seal} (needs a {level})</source>
        <translation>{seal}（需{level}审批）</translation>
    </message>
    <message>
        <source>Beyond your authority: {seals}. Ask an approver with that authority; you may refuse or send it back.</source>
        <translation>超出您的审批权限：{seals}。请由具有相应权限的审批人审批；您可以不予批准或退回。</translation>
    </message>
    <message>
        <source>Beyond your authority: {seals}. You may approve the others only.</source>
        <translation>超出您的审批权限：{seals}。您只能审批其余印章。</translation>
    </message>
    <message>
        <source>Approved and signed.</source>
        <translation>已审批并签名。</translation>
    </message>
    <message>
        <source>The request was refused or sent back.</source>
        <translation>申请已不予批准或已退回。</translation>
    </message>
    <message>
        <source>Extra copies (加印) allowed.</source>
        <translation>已批准加印。</translation>
    </message>
    <message>
        <source>The corrected document for {document}</source>
        <translation>{document} 的更正文件</translation>
    </message>
    <message>
        <source>The corrected document is approved (重印); the custodian stamps it.</source>
        <translation>更正文件已批准重印，由印章专管人员盖章。</translation>
    </message>
</context>
</TS>
