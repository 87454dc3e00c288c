<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>PolicyScreen</name>
    <message>
        <source>Approvals last (days)</source>
        <translation>审批有效期（天）</translation>
    </message>
    <message>
        <source>An approval made at the station may be used for this many days; an OA approval file&apos;s own expiry may be sooner.</source>
        <translation>在签章站作出的审批在此天数内可以使用；OA 审批文件自身的有效期可能更短。</translation>
    </message>
    <message>
        <source>One person may approve and stamp</source>
        <translation>允许同一人审批并签章</translation>
    </message>
    <message>
        <source>When ticked, the approver of a request may also stamp it, and the person who asked may approve it. Usually off: two people see every stamp.</source>
        <translation>勾选后，用印申请的审批人也可以签章，申请人也可以审批。通常不勾选：每次签章都经两人之手。</translation>
    </message>
    <message>
        <source>Shortest password (characters)</source>
        <translation>密码最短长度（字符）</translation>
    </message>
    <message>
        <source>A password shorter than this is refused.</source>
        <translation>短于此长度的密码将被拒绝。</translation>
    </message>
    <message>
        <source>Passwords are changed every (days)</source>
        <translation>密码更换周期（天）</translation>
    </message>
    <message>
        <source>After this many days a password must be changed at the next login. An initial or reset password is always changed at the first login.</source>
        <translation>密码使用满此天数后，须在下次登录时更换。初始密码或重置后的密码一律在首次登录时修改。</translation>
    </message>
    <message>
        <source>Wrong passwords before a lock</source>
        <translation>锁定前允许输错次数</translation>
    </message>
    <message>
        <source>This many wrong passwords in a row lock the account for a while.</source>
        <translation>连续输错密码达到此次数，账户将被暂时锁定。</translation>
    </message>
    <message>
        <source>Lock after wrong passwords (minutes)</source>
        <translation>输错密码后的锁定时长（分钟）</translation>
    </message>
    <message>
        <source>How long such an account stays locked; the office can unlock it sooner.</source>
        <translation>账户因此锁定的时长；办公室可以提前解锁。</translation>
    </message>
    <message>
        <source>Idle lock (minutes)</source>
        <translation>空闲锁定（分钟）</translation>
    </message>
    <message>
        <source>The window logs a person out after this many minutes without a key press or a click (0: never).</source>
        <translation>无按键或点击满此分钟数后，窗口自动注销登录（0：从不）。</translation>
    </message>
    <message>
        <source>Offline grace (days)</source>
        <translation>离线宽限（天）</translation>
    </message>
    <message>
        <source>Stamping stops when a stamp has waited this many days to reach the office archive (0: each stamp must reach it at once).</source>
        <translation>签章记录等待送达办公室存档满此天数时，停止签章（0：每次签章须立即送达）。</translation>
    </message>
    <message>
        <source>Offline grace (stamps)</source>
        <translation>离线宽限（次）</translation>
    </message>
    <message>
        <source>Stamping stops when this many stamps wait for the office archive (0: each must reach it before the next).</source>
        <translation>等待送达办公室存档的签章达到此次数时，停止签章（0：每次签章须在下一次之前送达）。</translation>
    </message>
    <message>
        <source>Copies printed offline</source>
        <translation>离线可打印份数</translation>
    </message>
    <message>
        <source>Copies that may be printed while the office archive cannot count them first; past this, printing waits for the archive (0: always online).</source>
        <translation>办公室存档无法先行计数时仍可打印的份数；超出后，打印须等待存档（0：始终在线打印）。</translation>
    </message>
    <message>
        <source>Copies may be printed to a PDF file</source>
        <translation>允许打印到 PDF 文件</translation>
    </message>
    <message>
        <source>A file is a copy the station cannot take back: a real station prints to paper only; turn it on for a demonstration or a test.</source>
        <translation>文件是签章站无法收回的副本：正式签章站只打印到纸张；仅在演示或测试时开启。</translation>
    </message>
    <message>
        <source>Station policy</source>
        <translation>签章站策略</translation>
    </message>
    <message>
        <source>Who may approve each kind of seal: the lowest approver level; a higher level may approve it too.</source>
        <translation>各类印章由谁审批：以下为最低审批级别，更高级别的审批人也可审批。</translation>
    </message>
    <message>
        <source>Lowest approver level for: {kind}</source>
        <translation>{kind}的最低审批级别</translation>
    </message>
    <message>
        <source>&amp;Sign the change…</source>
        <translation>签名确认修改(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Undo the changes</source>
        <translation>撤销修改(&amp;U)</translation>
    </message>
    <message>
        <source>The policy in force, version {version}, is signed by the office&apos;s seal authority: the station checks the signature at every start and refuses a policy changed by anyone else.</source>
        <translation>现行策略（第 {version} 版）已由办公室印章签发机构签名：签章站每次启动时核验签名，拒绝任何他人改动过的策略。</translation>
    </message>
    <message>
        <source>This station&apos;s policy is not signed yet: whoever installed the station upgrades it once (the installation guide says how); until then no change can be signed here.</source>
        <translation>本签章站的策略尚未签名：须由安装签章站的人员对其进行一次升级（方法见安装说明）；在此之前，此处不能签名任何修改。</translation>
    </message>
    <message>
        <source>The station must use the office archive at {location}.</source>
        <translation>本签章站须使用位于 {location} 的办公室存档。</translation>
    </message>
    <message>
        <source>The policy names no office archive: the station uses the one set in its own settings.</source>
        <translation>策略未指定办公室存档：签章站使用其自身设置中的存档。</translation>
    </message>
    <message>
        <source>Each stamp is timestamped by the office&apos;s timestamp authority at {url}; when it cannot be reached, the stamp goes on and the timestamp is added later.</source>
        <translation>每次签章均由单位的时间戳服务（{url}）加盖时间戳；无法连接时照常签章，事后补加时间戳。</translation>
    </message>
    <message>
        <source>The policy names no timestamp authority: stamps carry the station&apos;s clock only.</source>
        <translation>策略未指定时间戳服务：签章只带有本机时间。</translation>
    </message>
    <message>
        <source>Each stamp embeds the seal authority&apos;s revocation list, published at {url}, so that it can be checked offline years later.</source>
        <translation>每次签章均嵌入印章管理机构发布于 {url} 的证书吊销列表，多年后仍可离线验证。</translation>
    </message>
    <message>
        <source>The policy names no revocation list: stamps carry no revocation data.</source>
        <translation>策略未指定证书吊销列表：签章不含吊销信息。</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>{setting}: {old} → {new}</source>
        <translation>{setting}：{old} → {new}</translation>
    </message>
    <message>
        <source>Sign the station&apos;s policy with these changes; the station works by them from now on:
{lines}</source>
        <translation>按以下修改对签章站策略签名；自即刻起签章站按新策略运行：
{lines}</translation>
    </message>
    <message>
        <source>Sign the policy</source>
        <translation>策略签名</translation>
    </message>
    <message>
        <source>Sign</source>
        <translation>签名</translation>
    </message>
    <message>
        <source>The policy is signed (version {version}); the station works by it from now on.</source>
        <translation>策略已签名（第 {version} 版）；自即刻起签章站按此策略运行。</translation>
    </message>
</context>
</TS>
