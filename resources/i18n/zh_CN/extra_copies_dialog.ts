<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ExtraCopiesDialog</name>
    <message>
        <source>Extra copies (加印) — {file}</source>
        <translation>加印 — {file}</translation>
    </message>
    <message>
        <source>More copies of {file} than were approved, printed from the same stamped file. Your approval is signed with your key and journalled.</source>
        <translation>在批准份数之外，用同一份已盖章文件 {file} 加印。您的审批以您的密钥签名，并记入签章日志。</translation>
    </message>
    <message>
        <source>The approved copies of {file} are printed. More copies need an approval for extra copies by an approver with the authority for its seals. The approver enters it here in person with their own password; it is signed with their key and journalled.</source>
        <translation>{file} 的批准份数已打印完毕。再打印需由对其印章有审批权限的审批人批准加印。审批人须本人在此输入自己的密码；加印审批以其密钥签名并记入签章日志。</translation>
    </message>
    <message>
        <source>Why more copies are needed (required)</source>
        <translation>加印原因（必填）</translation>
    </message>
    <message>
        <source>Approver</source>
        <translation>审批人</translation>
    </message>
    <message>
        <source>Approver&apos;s password</source>
        <translation>审批人密码</translation>
    </message>
    <message>
        <source>Extra copies</source>
        <translation>加印份数</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Approve the extra copies</source>
        <translation>批准加印</translation>
    </message>
    <message>
        <source>Checking the approver&apos;s authority…</source>
        <translation>正在核验审批人权限…</translation>
    </message>
    <message>
        <source>Not approved: {what}
{todo}</source>
        <translation>未批准：{what}
{todo}</translation>
    </message>
</context>
</TS>
