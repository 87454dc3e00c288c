<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>JournalView</name>
    <message>
        <source>Stamped</source>
        <translation>已签章</translation>
    </message>
    <message>
        <source>Stamp started</source>
        <translation>开始签章</translation>
    </message>
    <message>
        <source>Stamp failed</source>
        <translation>签章失败</translation>
    </message>
    <message>
        <source>Stamp refused</source>
        <translation>签章被拒绝</translation>
    </message>
    <message>
        <source>Stamp interrupted, undone</source>
        <translation>签章中断，已撤销</translation>
    </message>
    <message>
        <source>Stamp recovered</source>
        <translation>签章已恢复</translation>
    </message>
    <message>
        <source>Wrong PIN</source>
        <translation>PIN 错误</translation>
    </message>
    <message>
        <source>Returned (退签)</source>
        <translation>退签</translation>
    </message>
    <message>
        <source>Copy reserved</source>
        <translation>已预留打印份数</translation>
    </message>
    <message>
        <source>Copy printed</source>
        <translation>已打印</translation>
    </message>
    <message>
        <source>Print refused</source>
        <translation>打印被拒绝</translation>
    </message>
    <message>
        <source>Copy voided</source>
        <translation>已作废打印件</translation>
    </message>
    <message>
        <source>Copies recalled (收回)</source>
        <translation>已收回打印件</translation>
    </message>
    <message>
        <source>Logged in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Login failed</source>
        <translation>登录失败</translation>
    </message>
    <message>
        <source>Password changed</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>Backup made</source>
        <translation>已备份</translation>
    </message>
    <message>
        <source>OA import refused</source>
        <translation>OA 审批导入被拒绝</translation>
    </message>
    <message>
        <source>Approval granted</source>
        <translation>审批通过</translation>
    </message>
    <message>
        <source>Request received</source>
        <translation>收到用印申请</translation>
    </message>
    <message>
        <source>From date</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>To date (included)</source>
        <translation>结束日期（含当天）</translation>
    </message>
    <message>
        <source>Seal</source>
        <translation>印章</translation>
    </message>
    <message>
        <source>All seals</source>
        <translation>全部印章</translation>
    </message>
    <message>
        <source>Kind of action</source>
        <translation>操作类型</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>全部操作</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>显示(&amp;S)</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
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
        <source>Your journal entries</source>
        <translation>您的签章日志记录</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Reading the journal…</source>
        <translation>正在读取签章日志…</translation>
    </message>
    <message>
        <source>The journal cannot be read: {error}</source>
        <translation>无法读取签章日志：{error}</translation>
    </message>
    <message>
        <source>Entry {seq}: {time}, {action}</source>
        <translation>第 {seq} 条记录：{time}，{action}</translation>
    </message>
    <message>
        <source>{n} entries.</source>
        <translation>共 {n} 条记录。</translation>
    </message>
</context>
</TS>
