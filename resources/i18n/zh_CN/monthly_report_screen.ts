<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>MonthlyReportScreen</name>
    <message>
        <source>Summary of seal uses and online printing</source>
        <translation>签盖记录和在线打印情况汇总表</translation>
    </message>
    <message>
        <source>Reading the archive</source>
        <translation>读取档案进度</translation>
    </message>
    <message>
        <source>&amp;Month</source>
        <translation>月份(&amp;M)</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>S&amp;tations</source>
        <translation>签章站(&amp;T)</translation>
    </message>
    <message>
        <source>Stations</source>
        <translation>签章站</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>显示(&amp;S)</translation>
    </message>
    <message>
        <source>Uses per seal</source>
        <translation>按印章统计的用印次数</translation>
    </message>
    <message>
        <source>Seal</source>
        <translation>印章</translation>
    </message>
    <message>
        <source>Uses</source>
        <translation>用印次数</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文件数</translation>
    </message>
    <message>
        <source>Uses and printing per station</source>
        <translation>按签章站统计的用印和打印情况</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>签章站</translation>
    </message>
    <message>
        <source>Documents printed</source>
        <translation>已打印文件</translation>
    </message>
    <message>
        <source>Copies printed</source>
        <translation>已打印份数</translation>
    </message>
    <message>
        <source>Voided</source>
        <translation>作废</translation>
    </message>
    <message>
        <source>Recalled</source>
        <translation>收回</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>发现的问题</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Found by</source>
        <translation>发现途径</translation>
    </message>
    <message>
        <source>Per seal</source>
        <translation>按印章</translation>
    </message>
    <message>
        <source>Per station</source>
        <translation>按签章站</translation>
    </message>
    <message>
        <source>Uses per day</source>
        <translation>每日用印次数</translation>
    </message>
    <message>
        <source>PDF for the office&apos;s files</source>
        <translation>PDF（送办公室存档）</translation>
    </message>
    <message>
        <source>Excel workbook</source>
        <translation>Excel 工作簿</translation>
    </message>
    <message>
        <source>Export format</source>
        <translation>导出格式</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <source>Choose where to export</source>
        <translation>选择导出位置</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>密码(&amp;P)</translation>
    </message>
    <message>
        <source>Your password</source>
        <translation>您的密码</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>The archive cannot be read: {what}
{todo}</source>
        <translation>无法读取档案：{what}
{todo}</translation>
    </message>
    <message>
        <source>Choose at least one station.</source>
        <translation>请至少选择一个签章站。</translation>
    </message>
    <message>
        <source>Reading {month} from the office archive…</source>
        <translation>正在从办公室档案读取 {month} 的记录…</translation>
    </message>
    <message>
        <source>The month cannot be shown: {what}
{todo}</source>
        <translation>无法显示该月汇总：{what}
{todo}</translation>
    </message>
    <message>
        <source>{start} to {end} (Beijing time): {stamps} seal uses, {documents} documents printed ({copies} copies). Stations covered ({count}): {stations}. Read from the archive at {read}.</source>
        <translation>{start} 至 {end}（北京时间）：用印 {stamps} 次，打印文件 {documents} 份（共 {copies} 张）。涵盖签章站（{count} 个）：{stations}。档案读取时间：{read}。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Verified: the {segments} segments of {count} stations check out against the office&apos;s certificate.</source>
        <translation>核验通过：{count} 个签章站的 {segments} 个数据段均已按办公室证书核验无误。</translation>
    </message>
    <message>
        <source>Not verified: the archive&apos;s checks found {findings} problems; see the findings.</source>
        <translation>核验未通过：档案核验发现 {findings} 个问题，详见“发现的问题”。</translation>
    </message>
    <message>
        <source>No findings: nothing for the office to look into.</source>
        <translation>未发现问题，办公室无需核查。</translation>
    </message>
    <message>
        <source>The archive&apos;s checks</source>
        <translation>档案核验</translation>
    </message>
    <message>
        <source>The report</source>
        <translation>报表核对</translation>
    </message>
    <message>
        <source>{finding} at {station}. The archive&apos;s record: {detail}</source>
        <translation>{station}：{finding}。档案记录原文：{detail}</translation>
    </message>
    <message>
        <source>seal-uses-{month}{suffix}</source>
        <translation>签盖记录汇总-{month}{suffix}</translation>
    </message>
    <message>
        <source>PDF (*.pdf);;Excel workbook (*.xlsx)</source>
        <translation>PDF (*.pdf);;Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Type your password to export the report.</source>
        <translation>请输入您的密码以导出报表。</translation>
    </message>
    <message>
        <source>Exporting {file}…</source>
        <translation>正在导出 {file}…</translation>
    </message>
    <message>
        <source>Exported {file}: {stamps} seal uses, {prints} documents printed, {findings} findings.
{path}</source>
        <translation>已导出 {file}：用印 {stamps} 次，打印文件 {prints} 份，发现问题 {findings} 项。
{path}</translation>
    </message>
    <message>
        <source>Not exported: {what}
{todo}</source>
        <translation>未能导出：{what}
{todo}</translation>
    </message>
</context>
</TS>
