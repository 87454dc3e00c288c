<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ReportDialog</name>
    <message>
        <source>Monthly report</source>
        <translation>月度汇总表</translation>
    </message>
    <message>
        <source>Summary of seal uses and online printing
The office or an auditor logs in to export it.</source>
        <translation>签盖记录和在线打印情况汇总表
办公室或审计人员登录后导出。</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Stations</source>
        <translation>签章站</translation>
    </message>
    <message>
        <source>seal-uses-{month}.xlsx</source>
        <translation>签盖记录汇总-{month}.xlsx</translation>
    </message>
    <message>
        <source>Choose where to export</source>
        <translation>选择导出位置</translation>
    </message>
    <message>
        <source>Export to (.xlsx/.pdf/.csv)</source>
        <translation>导出到（.xlsx/.pdf/.csv）</translation>
    </message>
    <message>
        <source>Export progress</source>
        <translation>导出进度</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>The archive cannot be read: {what}
{todo}</source>
        <translation>无法读取存档：{what}
{todo}</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;PDF (*.pdf);;CSV (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;PDF (*.pdf);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>Choose at least one station.</source>
        <translation>请至少选择一个签章站。</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Exported {file}: {stamps} seal uses, {prints} documents printed, {findings} findings.</source>
        <translation>已导出 {file}：用印 {stamps} 次，打印文件 {prints} 份，发现问题 {findings} 项。</translation>
    </message>
    <message>
        <source>{kind}: {count}</source>
        <translation>{kind}：{count}</translation>
    </message>
    <message>
        <source>Not exported: {what}
{todo}</source>
        <translation>未导出：{what}
{todo}</translation>
    </message>
</context>
</TS>
