<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>PrintDialog</name>
    <message>
        <source>Print — {file}</source>
        <translation>打印 — {file}</translation>
    </message>
    <message>
        <source>Copies approved, printed and left</source>
        <translation>批准、已打印和剩余份数</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>Black and white</source>
        <translation>黑白</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>份数</translation>
    </message>
    <message>
        <source>Custodian</source>
        <translation>印章专管人员</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Copies sent to the printer</source>
        <translation>已发送到打印机的份数</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Extra copies (加印)…</source>
        <translation>加印…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>PDF file…</source>
        <translation>PDF 文件…</translation>
    </message>
    <message>
        <source>No printer is set up on this computer, and the office&apos;s policy does not allow printing to a file. Ask IT to add the office&apos;s printer.</source>
        <translation>本机未设置打印机，且办公室策略不允许打印到文件。请联系信息技术人员添加办公室打印机。</translation>
    </message>
    <message>
        <source>{name} (colour)</source>
        <translation>{name}（彩色）</translation>
    </message>
    <message>
        <source>{name} (black and white)</source>
        <translation>{name}（黑白）</translation>
    </message>
    <message>
        <source>{name} (colour) — {state}</source>
        <translation>{name}（彩色）— {state}</translation>
    </message>
    <message>
        <source>{name} (black and white) — {state}</source>
        <translation>{name}（黑白）— {state}</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>extra copies</source>
        <translation>加印</translation>
    </message>
    <message>
        <source>replacement</source>
        <translation>补印</translation>
    </message>
    <message>
        <source>Request {request}: approved {approved} · printed {printed} · left {left}</source>
        <translation>用印申请 {request}：批准 {approved} 份 · 已打印 {printed} 份 · 剩余 {left} 份</translation>
    </message>
    <message>
        <source>{kind} {id}: {printed}/{approved}</source>
        <translation>{kind} {id}：{printed}/{approved}</translation>
    </message>
    <message>
        <source>None left: more copies need an approval for extra copies (加印) by an approver with the authority for its seals, here in person or from the OA system.</source>
        <translation>已无剩余份数：再打印需由对其印章有审批权限的审批人批准加印（本人在本站办理，或经 OA 系统审批）。</translation>
    </message>
    <message>
        <source>Warning: this prints in black and white; the seal is red and will print grey.</source>
        <translation>注意：黑白打印，红色印章将印成灰色。</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <source>Copy {number}: sending…</source>
        <translation>第 {number} 份：正在发送…</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Copy {number}/{of} · {serial}: {status} (job {job}) — {reason}</source>
        <translation>第 {number}/{of} 份 · {serial}：{status}（作业 {job}）— {reason}</translation>
    </message>
    <message>
        <source>Copy {number}/{of} · {serial}: {status} (job {job})</source>
        <translation>第 {number}/{of} 份 · {serial}：{status}（作业 {job}）</translation>
    </message>
    <message>
        <source>Copy {number}/{of} · {serial}: {status} — {reason}</source>
        <translation>第 {number}/{of} 份 · {serial}：{status} — {reason}</translation>
    </message>
    <message>
        <source>Copy {number}/{of} · {serial}: {status}</source>
        <translation>第 {number}/{of} 份 · {serial}：{status}</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Printed {printed} of {copies} → {destination}</source>
        <translation>已打印 {printed}/{copies} 份 → {destination}</translation>
    </message>
    <message>
        <source>Not counted: copy {serial} was not printed ({reason}). This copy does not use up the approval.</source>
        <translation>未计数：{serial} 未打印（{reason}）。该份不占用批准份数。</translation>
    </message>
    <message>
        <source>Note: {note}</source>
        <translation>注意：{note}</translation>
    </message>
    <message>
        <source>Not printed: {what}
{todo}</source>
        <translation>未打印：{what}
{todo}</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Save the copies as PDF</source>
        <translation>将打印件保存为 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
</context>
</TS>
