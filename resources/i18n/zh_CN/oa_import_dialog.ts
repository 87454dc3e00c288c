<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>OaImportDialog</name>
    <message>
        <source>Import an OA approval</source>
        <translation>导入 OA 审批</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>正在读取 {file}…</translation>
    </message>
    <message>
        <source>Your password</source>
        <translation>您的密码</translation>
    </message>
    <message>
        <source>Password of {user}</source>
        <translation>{user} 的密码</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>{file} approves:
Document: {document} ({pages} pages)
SHA-256: {sha256}
Seals: {seals}
Copies: {copies}
Purpose: {purpose}
Requested by {requester}, approved by {approver}
Valid until {until} (OA approval {id})</source>
        <translation>{file} 审批的内容：
文件：{document}（共 {pages} 页）
SHA-256：{sha256}
印章：{seals}
份数：{copies}
用途：{purpose}
申请人：{requester}，审批人：{approver}
有效期至 {until}（OA 审批编号 {id}）</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>{file} cannot be imported.</source>
        <translation>{file} 无法导入。</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Not imported: {error}</source>
        <translation>未导入：{error}</translation>
    </message>
</context>
</TS>
