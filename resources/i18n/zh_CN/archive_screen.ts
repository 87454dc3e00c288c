<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ArchiveScreen</name>
    <message>
        <source>A record in the archive cannot be read: it was damaged or replaced on the share. Tell the office&apos;s IT; keep the file.</source>
        <translation>存档中有记录无法读取：它在共享目录中被损坏或替换。请告知办公室的信息技术人员，并保留该文件。</translation>
    </message>
    <message>
        <source>Records were signed by a station key the office did not issue. Someone may be sending records in a station&apos;s name.</source>
        <translation>有记录由非办公室签发的签章站密钥签名，可能有人冒用签章站名义报送记录。</translation>
    </message>
    <message>
        <source>A record was altered after the station signed it. Compare it with the station&apos;s journal; the office reviews it.</source>
        <translation>有记录在签章站签名后被改动。请与签章站日志核对，由办公室审查。</translation>
    </message>
    <message>
        <source>The station&apos;s records do not follow on from each other: entries were changed or left out. The office reviews the station&apos;s journal.</source>
        <translation>签章站的记录前后不衔接：有条目被改动或遗漏。由办公室审查该站日志。</translation>
    </message>
    <message>
        <source>Records the station sent are no longer in the archive: removed from the share. Restore them from the share&apos;s backup; the station still holds them.</source>
        <translation>签章站报送的记录已不在存档中：已从共享目录删除。请从共享目录的备份中恢复；签章站本地仍保有这些记录。</translation>
    </message>
    <message>
        <source>The station&apos;s journal was rolled back or rewritten after it was sent: stamping stops there until the office reviews it.</source>
        <translation>签章站日志在报送后被回滚或改写：该站停止签章，直至办公室审查。</translation>
    </message>
    <message>
        <source>The USB key&apos;s checkpoint disagrees with the journal: the key was used or rewritten outside the station. The office reviews it.</source>
        <translation>USB Key 的检查点与日志不一致：该 Key 曾在签章站之外被使用或改写。由办公室审查。</translation>
    </message>
    <message>
        <source>The station has not reported for days: check that it is connected and syncing.</source>
        <translation>该签章站已多日未报送：请检查其网络连接及同步情况。</translation>
    </message>
    <message>
        <source>The station stamped more, or longer, without the archive than the office allows.</source>
        <translation>该签章站在未连通存档的情况下签章的次数或时长超出办公室的允许范围。</translation>
    </message>
    <message>
        <source>The station sent records without the content the office needs.</source>
        <translation>该签章站报送的记录缺少办公室所需的内容。</translation>
    </message>
    <message>
        <source>Entries were sent as their kind only, without content.</source>
        <translation>有条目仅报送了类型，未附内容。</translation>
    </message>
    <message>
        <source>A record was filed again: a copy of an old one.</source>
        <translation>有记录被重复存档：为旧记录的副本。</translation>
    </message>
    <message>
        <source>Records were filed under another station than the one that sent them.</source>
        <translation>有记录被归入了非报送方的其他签章站名下。</translation>
    </message>
    <message>
        <source>The station stopped stamping because its records were tampered with. The office reviews its journal.</source>
        <translation>该签章站因记录被篡改已停止签章。由办公室审查其日志。</translation>
    </message>
    <message>
        <source>The station&apos;s clock is out of step with the archive&apos;s.</source>
        <translation>该签章站的时钟与存档不一致。</translation>
    </message>
    <message>
        <source>An approval or a record behind a stamp is not signed by the office&apos;s seal authority.</source>
        <translation>某次签章所依据的审批或记录未经办公室印章管理机构签名。</translation>
    </message>
    <message>
        <source>Copies were printed before the archive could count them (within the office&apos;s offline grace).</source>
        <translation>有份数在存档计数之前即已打印（在办公室允许的离线宽限内）。</translation>
    </message>
    <message>
        <source>Office archive</source>
        <translation>办公室存档</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>立即同步(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Check the archive</source>
        <translation>核查存档(&amp;C)</translation>
    </message>
    <message>
        <source>Stations in the archive</source>
        <translation>存档中的签章站</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>签章站</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录数</translation>
    </message>
    <message>
        <source>Journal held through</source>
        <translation>已存档至日志条目</translation>
    </message>
    <message>
        <source>Last report</source>
        <translation>最近报送</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Findings of the archive&apos;s check</source>
        <translation>存档核查发现的问题</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>条目</translation>
    </message>
    <message>
        <source>The entry here</source>
        <translation>本站对应条目</translation>
    </message>
    <message>
        <source>What it means</source>
        <translation>含义及处理</translation>
    </message>
    <message>
        <source>Stations in the archive: shown when the archive is checked (Check the archive).</source>
        <translation>存档中的签章站：核查存档后在此列出（点击“核查存档”）。</translation>
    </message>
    <message>
        <source>Findings: the archive has not been checked yet.</source>
        <translation>发现的问题：尚未核查存档。</translation>
    </message>
    <message>
        <source>Stations in the archive ({n})</source>
        <translation>存档中的签章站（{n} 个）</translation>
    </message>
    <message>
        <source>Findings ({n})</source>
        <translation>发现的问题（{n} 项）</translation>
    </message>
    <message>
        <source>Findings: none, every record is in order.</source>
        <translation>发现的问题：无，全部记录完好。</translation>
    </message>
    <message>
        <source>{what}
{todo}</source>
        <translation>{what}
{todo}</translation>
    </message>
    <message>
        <source>This station sends its records to no office archive yet. The office sets one in Office ▸ Station set-up.</source>
        <translation>本签章站尚未向任何办公室存档报送记录。由办公室在“办公室 ▸ 签章站设置”中设置。</translation>
    </message>
    <message>
        <source>Archive: {archive}</source>
        <translation>存档：{archive}</translation>
    </message>
    <message>
        <source>Waiting to be sent: {n} journal entries, of which {stamps} stamps.</source>
        <translation>待报送：{n} 条日志，其中签章 {stamps} 次。</translation>
    </message>
    <message>
        <source>Last successful sync: {last}</source>
        <translation>最近一次成功同步：{last}</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>The last {n} syncs failed; the next try is at {next}. Last failure: {error}</source>
        <translation>最近 {n} 次同步失败；下次尝试时间 {next}。最近一次失败原因：{error}</translation>
    </message>
    <message>
        <source>Sending to the office archive…</source>
        <translation>正在报送办公室存档…</translation>
    </message>
    <message>
        <source>The sync failed: {what}
{todo}</source>
        <translation>同步失败：{what}
{todo}</translation>
    </message>
    <message>
        <source>Sent {n} journal entries in {segments} record(s); the archive holds this station&apos;s journal through entry {through}.</source>
        <translation>已报送 {n} 条日志（{segments} 份记录）；存档已存有本站日志至第 {through} 条。</translation>
    </message>
    <message>
        <source>Nothing was waiting; the archive holds this station&apos;s journal through entry {through}.</source>
        <translation>没有待报送的内容；存档已存有本站日志至第 {through} 条。</translation>
    </message>
    <message>
        <source>The archive disagrees with this station from entry {seq}: stamping is stopped until the office reviews the journal.</source>
        <translation>存档自第 {seq} 条起与本站不一致：签章已停止，直至办公室审查日志。</translation>
    </message>
    <message>
        <source>Checking every station&apos;s records in the archive…</source>
        <translation>正在核查存档中各签章站的记录…</translation>
    </message>
    <message>
        <source>The archive cannot be checked: {what}
{todo}</source>
        <translation>无法核查存档：{what}
{todo}</translation>
    </message>
    <message>
        <source>The archive checks out: no findings.</source>
        <translation>存档核查无误：未发现问题。</translation>
    </message>
    <message>
        <source>The archive&apos;s check has {n} finding(s): each is listed below with the entry it points at.</source>
        <translation>存档核查发现 {n} 个问题，下面逐条列出及其对应的日志条目。</translation>
    </message>
    <message>
        <source>in order</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>{n} finding(s)</source>
        <translation>{n} 个问题</translation>
    </message>
    <message>
        <source>No. {seq}</source>
        <translation>第 {seq} 条</translation>
    </message>
    <message>
        <source>{kind}, {when}, by {who}</source>
        <translation>{kind}，{when}，操作人 {who}</translation>
    </message>
    <message>
        <source>the station</source>
        <translation>签章站</translation>
    </message>
    <message>
        <source>in station {station}&apos;s journal</source>
        <translation>在签章站 {station} 的日志中</translation>
    </message>
    <message>
        <source>not in this station&apos;s journal</source>
        <translation>本站日志中无此条目</translation>
    </message>
    <message>
        <source>{finding} at station {station}</source>
        <translation>签章站 {station}：{finding}</translation>
    </message>
    <message>
        <source>It points at entry No. {seq}: {entry}</source>
        <translation>对应日志第 {seq} 条：{entry}</translation>
    </message>
    <message>
        <source>The archive&apos;s own words: {detail}</source>
        <translation>存档原文：{detail}</translation>
    </message>
</context>
</TS>
