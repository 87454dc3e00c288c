<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>StatusStrip</name>
    <message>
        <source>Station status</source>
        <translation>签章站状态</translation>
    </message>
    <message>
        <source>USB key</source>
        <translation>USB Key</translation>
    </message>
    <message>
        <source>Seals usable today</source>
        <translation>今日可用印章</translation>
    </message>
    <message>
        <source>Journal</source>
        <translation>签章日志</translation>
    </message>
    <message>
        <source>Office archive</source>
        <translation>办公室存档</translation>
    </message>
    <message>
        <source>USB key: not checked yet</source>
        <translation>USB Key：尚未检测</translation>
    </message>
    <message>
        <source>Seals: log in to see yours</source>
        <translation>印章：登录后显示您保管的印章</translation>
    </message>
    <message>
        <source>Status cannot be read</source>
        <translation>无法读取状态</translation>
    </message>
    <message>
        <source>No seal is kept by you</source>
        <translation>您未保管任何印章</translation>
    </message>
    <message>
        <source>{seal}: usable as deputy (代管) until {until}</source>
        <translation>{seal}：代管可用，至 {until}</translation>
    </message>
    <message>
        <source>{seal}: usable</source>
        <translation>{seal}：可用</translation>
    </message>
    <message>
        <source>{seal}: not usable: {why}</source>
        <translation>{seal}：不可用：{why}</translation>
    </message>
    <message>
        <source>Seals usable today: {n} of {total}</source>
        <translation>今日可用印章：{n} / {total}</translation>
    </message>
    <message>
        <source>No stamp has written a checkpoint to a USB key yet ({head} entries).</source>
        <translation>尚无签章在 USB Key 上写入检查点（日志共 {head} 条）。</translation>
    </message>
    <message>
        <source>The journal (entries 1–{head}) agrees with the last checkpoint written to a seal&apos;s USB key (entry {seq}).</source>
        <translation>签章日志（第 1–{head} 条）与最近写入印章 USB Key 的检查点（第 {seq} 条）一致。</translation>
    </message>
    <message>
        <source>{n} entries since the last checkpoint (entry {seq}): the next stamp verifies them against the USB key.</source>
        <translation>最近检查点（第 {seq} 条）之后有 {n} 条记录，下次签章时将与 USB Key 核对。</translation>
    </message>
    <message>
        <source>Journal: intact</source>
        <translation>签章日志：完整</translation>
    </message>
    <message>
        <source>Stamping stopped: the journal failed verification</source>
        <translation>已停止签章：签章日志校验未通过</translation>
    </message>
    <message>
        <source>Stamping will stop: the journal disagrees with the USB key&apos;s checkpoint</source>
        <translation>即将停止签章：签章日志与 USB Key 检查点不一致</translation>
    </message>
    <message>
        <source>Stamping stopped: the computer&apos;s clock was set back</source>
        <translation>已停止签章：计算机时钟被回拨</translation>
    </message>
    <message>
        <source>Stamping stopped: the office archive has not been reached for too long</source>
        <translation>已停止签章：过久未同步到办公室存档</translation>
    </message>
    <message>
        <source>Stamping stopped: the station&apos;s records are not office-signed</source>
        <translation>已停止签章：签章站记录尚未经办公室签名</translation>
    </message>
    <message>
        <source>Archive: none configured</source>
        <translation>存档：未配置</translation>
    </message>
    <message>
        <source>This station sends its records to no office archive. The office sets one in Office ▸ Station set-up.</source>
        <translation>本签章站未向任何办公室存档发送记录。由办公室在“办公室 ▸ 签章站设置”中设置。</translation>
    </message>
    <message>
        <source>never</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <source>Archive {archive}
Last successful sync: {last}</source>
        <translation>存档 {archive}
上次成功同步：{last}</translation>
    </message>
    <message>
        <source>Archive: {n} waiting; sync failing ({failures}×), next try {next}</source>
        <translation>存档：{n} 条待报送；同步失败（{failures} 次），下次重试 {next}</translation>
    </message>
    <message>
        <source>Last failure: {error}</source>
        <translation>最近一次失败：{error}</translation>
    </message>
    <message>
        <source>Archive: {n} entries waiting ({stamps} stamps); last sync {last}</source>
        <translation>存档：{n} 条待报送（{stamps} 次签章）；上次同步：{last}</translation>
    </message>
</context>
</TS>
