<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AuditExportDialog</name>
    <message>
        <source>Export the journal</source>
        <translation>导出用印记录</translation>
    </message>
    <message>
        <source>The {n} entries the filter shows are exported.</source>
        <translation>将导出当前筛选出的 {n} 条记录。</translation>
    </message>
    <message>
        <source>The entries the filter shows are exported.</source>
        <translation>将导出当前筛选出的记录。</translation>
    </message>
    <message>
        <source>CSV (text, opens in any spreadsheet)</source>
        <translation>CSV（文本，任何电子表格均可打开）</translation>
    </message>
    <message>
        <source>Excel workbook (.xlsx)</source>
        <translation>Excel 工作簿（.xlsx）</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>File to write</source>
        <translation>导出到的文件</translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation>选择(&amp;C)…</translation>
    </message>
    <message>
        <source>Your password</source>
        <translation>您的密码</translation>
    </message>
    <message>
        <source>&amp;Format</source>
        <translation>格式(&amp;F)</translation>
    </message>
    <message>
        <source>Fi&amp;le</source>
        <translation>文件(&amp;L)</translation>
    </message>
    <message>
        <source>Your &amp;password</source>
        <translation>您的密码(&amp;P)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Export the journal to</source>
        <translation>将用印记录导出到</translation>
    </message>
    <message>
        <source>CSV or Excel (*.csv *.xlsx)</source>
        <translation>CSV 或 Excel（*.csv *.xlsx）</translation>
    </message>
    <message>
        <source>Choose the file and type your password.</source>
        <translation>请选择文件并输入您的密码。</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
</context>
</TS>
