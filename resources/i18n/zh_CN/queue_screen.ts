<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>QueueScreen</name>
    <message>
        <source>Approved, waiting</source>
        <translation>已审批，待签章</translation>
    </message>
    <message>
        <source>Partly stamped</source>
        <translation>部分已签章</translation>
    </message>
    <message>
        <source>Stamped, copies left to print</source>
        <translation>已签章，待打印</translation>
    </message>
    <message>
        <source>Printed (recall possible)</source>
        <translation>已打印（可收回）</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已退签</translation>
    </message>
    <message>
        <source>Recalled or superseded</source>
        <translation>已收回或已被重印替代</translation>
    </message>
    <message>
        <source>{n} min</source>
        <translation>{n} 分钟</translation>
    </message>
    <message>
        <source>{n} h</source>
        <translation>{n} 小时</translation>
    </message>
    <message>
        <source>{n} d</source>
        <translation>{n} 天</translation>
    </message>
    <message>
        <source>Official seal</source>
        <translation>公章</translation>
    </message>
    <message>
        <source>Contract seal</source>
        <translation>合同专用章</translation>
    </message>
    <message>
        <source>Finance seal</source>
        <translation>财务专用章</translation>
    </message>
    <message>
        <source>Legal representative&apos;s seal</source>
        <translation>法定代表人章</translation>
    </message>
    <message>
        <source>Department seal</source>
        <translation>部门章</translation>
    </message>
    <message>
        <source>Personal seal</source>
        <translation>个人章</translation>
    </message>
    <message>
        <source>{seal} with a cross-page seal</source>
        <translation>{seal}（含骑缝章）</translation>
    </message>
    <message>
        <source>{seal} ✓</source>
        <translation>{seal} ✓</translation>
    </message>
    <message>
        <source>{seal} (not usable now)</source>
        <translation>{seal}（暂不可用）</translation>
    </message>
    <message>
        <source>{seal} (next)</source>
        <translation>{seal}（当前应盖）</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between the seals of a request</comment>
        <translation>、</translation>
    </message>
    <message>
        <source>Search document, purpose, approver, request…</source>
        <translation>搜索文件、用印事由、审批人、申请编号…</translation>
    </message>
    <message>
        <source>Search the work queue</source>
        <translation>搜索待办事项</translation>
    </message>
    <message>
        <source>Show group</source>
        <translation>显示分组</translation>
    </message>
    <message>
        <source>All groups</source>
        <translation>全部分组</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
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
        <source>Purpose</source>
        <translation>用印事由</translation>
    </message>
    <message>
        <source>Approver</source>
        <translation>审批人</translation>
    </message>
    <message>
        <source>Copies approved / printed</source>
        <translation>批准份数 / 已打印</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>已等待</translation>
    </message>
    <message>
        <source>Work queue</source>
        <translation>待办事项</translation>
    </message>
    <message>
        <source>The requests waiting for you, in groups. Enter opens one.</source>
        <translation>等待您处理的用印申请，按状态分组。按回车键打开所选申请。</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Return (退签)…</source>
        <translation>退签(&amp;R)…</translation>
    </message>
    <message>
        <source>Re&amp;call copies (收回)…</source>
        <translation>收回已打印份数(&amp;C)…</translation>
    </message>
    <message>
        <source>Stamp selected &amp;together…</source>
        <translation>批量签章所选(&amp;T)…</translation>
    </message>
    <message>
        <source>Stamp every selected request still to stamp under one password and one PIN, each document on its own</source>
        <translation>对所选的待签章申请一并签章：只需输入一次密码和 PIN 码，每份文件单独签章</translation>
    </message>
    <message>
        <source>Select its &amp;batch</source>
        <translation>选中同批申请(&amp;B)</translation>
    </message>
    <message>
        <source>Select every request approved in the same batch as this one</source>
        <translation>选中与此申请同批审批的全部申请</translation>
    </message>
    <message>
        <source>Loading the work queue…</source>
        <translation>正在读取待办事项…</translation>
    </message>
    <message>
        <source>The work queue cannot be read: {error}</source>
        <translation>无法读取待办事项：{error}</translation>
    </message>
    <message>
        <source>{group} ({n})</source>
        <translation>{group}（{n}）</translation>
    </message>
    <message>
        <source>{n} request(s) of the batch selected.</source>
        <translation>已选中本批 {n} 个申请。</translation>
    </message>
    <message>
        <source>{n} request(s) for you.</source>
        <translation>共 {n} 项用印申请待您处理。</translation>
    </message>
    <message>
        <source>Nothing is waiting for you.</source>
        <translation>暂无待您处理的用印申请。</translation>
    </message>
    <message>
        <source>Request {id}: {document}; seals {seals}; purpose {purpose}; approved by {approver}; {printed} of {approved} copies printed; {group}</source>
        <translation>用印申请 {id}：{document}；印章 {seals}；用印事由 {purpose}；审批人 {approver}；已打印 {printed} 份，共批准 {approved} 份；{group}</translation>
    </message>
    <message>
        <source>Request {id}</source>
        <translation>用印申请 {id}</translation>
    </message>
    <message>
        <source>Seals: {seals}</source>
        <translation>印章：{seals}</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>原因：{reason}</translation>
    </message>
    <message>
        <source>Replaced by request {id}</source>
        <translation>已被用印申请 {id} 替代（重印）</translation>
    </message>
    <message>
        <source>No request is waiting for a seal.</source>
        <translation>没有等待加盖印章的用印申请。</translation>
    </message>
</context>
</TS>
