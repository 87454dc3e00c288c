<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AuditJournal</name>
    <message>
        <source>Account locked</source>
        <translation>账户已锁定</translation>
    </message>
    <message>
        <source>User changed</source>
        <translation>用户信息已变更</translation>
    </message>
    <message>
        <source>Approval refused</source>
        <translation>审批未通过</translation>
    </message>
    <message>
        <source>Seal register changed</source>
        <translation>印章登记变更</translation>
    </message>
    <message>
        <source>Delegation (代管) started</source>
        <translation>代管开始</translation>
    </message>
    <message>
        <source>Delegation (代管) ended</source>
        <translation>代管结束</translation>
    </message>
    <message>
        <source>Handover (交接)</source>
        <translation>交接</translation>
    </message>
    <message>
        <source>Settings changed</source>
        <translation>设置已变更</translation>
    </message>
    <message>
        <source>Policy signed</source>
        <translation>用印策略已签发</translation>
    </message>
    <message>
        <source>Station records signed</source>
        <translation>用印站记录已签名</translation>
    </message>
    <message>
        <source>Journal exported</source>
        <translation>用印记录已导出</translation>
    </message>
    <message>
        <source>Monthly report exported</source>
        <translation>月度汇总表已导出</translation>
    </message>
    <message>
        <source>File permissions repaired</source>
        <translation>文件权限已修复</translation>
    </message>
    <message>
        <source>Station database upgraded (new version)</source>
        <translation>签章站数据库已升级（新版本）</translation>
    </message>
    <message>
        <source>Archive sync</source>
        <translation>归档同步</translation>
    </message>
    <message>
        <source>Journal break found, stamping stopped</source>
        <translation>发现用印记录断链，已停止盖章</translation>
    </message>
    <message>
        <source>Journal reviewed by the office</source>
        <translation>办公室已审查用印记录</translation>
    </message>
    <message>
        <source>Station key issued</source>
        <translation>已签发用印站密钥</translation>
    </message>
    <message>
        <source>Checkpoint started on the USB key</source>
        <translation>已在 USB Key 上建立检查点</translation>
    </message>
    <message>
        <source>More copies allowed (加印)</source>
        <translation>批准加印</translation>
    </message>
    <message>
        <source>Backup key installed</source>
        <translation>已安装备份密钥</translation>
    </message>
    <message>
        <source>Backup refused</source>
        <translation>备份被拒绝</translation>
    </message>
    <message>
        <source>Station restored from a backup</source>
        <translation>已从备份恢复用印站</translation>
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
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Document SHA-256</source>
        <translation>文件 SHA-256</translation>
    </message>
    <message>
        <source>SHA-256 before stamping</source>
        <translation>盖章前 SHA-256</translation>
    </message>
    <message>
        <source>SHA-256 after stamping</source>
        <translation>盖章后 SHA-256</translation>
    </message>
    <message>
        <source>Seal</source>
        <translation>印章</translation>
    </message>
    <message>
        <source>Seals</source>
        <translation>印章</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>份数</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Copy serial</source>
        <translation>副本编号</translation>
    </message>
    <message>
        <source>Copy serials</source>
        <translation>副本编号</translation>
    </message>
    <message>
        <source>Output file</source>
        <translation>输出文件</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>页码</translation>
    </message>
    <message>
        <source>Position (mm)</source>
        <translation>位置（毫米）</translation>
    </message>
    <message>
        <source>Attempt (entry No.)</source>
        <translation>盖章尝试（记录序号）</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Supersedes request</source>
        <translation>取代的用印申请</translation>
    </message>
    <message>
        <source>Allowance</source>
        <translation>打印额度</translation>
    </message>
    <message>
        <source>Copy number</source>
        <translation>份次</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>记录条数</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Approval key</source>
        <translation>审批密钥</translation>
    </message>
    <message>
        <source>Approver level</source>
        <translation>审批级别</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>User concerned</source>
        <translation>涉及的用户</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Custodian</source>
        <translation>专管人员</translation>
    </message>
    <message>
        <source>Previous custodian</source>
        <translation>原专管人员</translation>
    </message>
    <message>
        <source>Certificate SHA-256</source>
        <translation>证书 SHA-256</translation>
    </message>
    <message>
        <source>Backup key</source>
        <translation>备份密钥</translation>
    </message>
    <message>
        <source>New backup key</source>
        <translation>新备份密钥</translation>
    </message>
    <message>
        <source>Backup key protected by a passphrase</source>
        <translation>备份密钥受口令保护</translation>
    </message>
    <message>
        <source>Reset by the office</source>
        <translation>由办公室重置</translation>
    </message>
    <message>
        <source>Delegate (代管人)</source>
        <translation>代管人</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>批准人</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>用印站</translation>
    </message>
    <message>
        <source>Stations</source>
        <translation>用印站</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Stamps</source>
        <translation>盖章次数</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>发现的问题</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起</translation>
    </message>
    <message>
        <source>To</source>
        <translation>止</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>筛选条件</translation>
    </message>
    <message>
        <source>Stop number</source>
        <translation>停用编号</translation>
    </message>
    <message>
        <source>Problems found</source>
        <translation>发现的问题</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>审查</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>签名</translation>
    </message>
    <message>
        <source>Signature field</source>
        <translation>签名域</translation>
    </message>
    <message>
        <source>Signed records judged by</source>
        <translation>据以判定的签名记录</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Identifier</source>
        <translation>标识</translation>
    </message>
    <message>
        <source>Printed at</source>
        <translation>打印时间</translation>
    </message>
    <message>
        <source>Print job</source>
        <translation>打印任务</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>打印去向</translation>
    </message>
    <message>
        <source>Of</source>
        <translation>共</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <source>user added</source>
        <translation>新增用户</translation>
    </message>
    <message>
        <source>roles changed</source>
        <translation>变更角色</translation>
    </message>
    <message>
        <source>account locked</source>
        <translation>锁定账户</translation>
    </message>
    <message>
        <source>account unlocked</source>
        <translation>解锁账户</translation>
    </message>
    <message>
        <source>user records signed by the office</source>
        <translation>办公室签名用户记录</translation>
    </message>
    <message>
        <source>partner seal authority trusted</source>
        <translation>信任合作方印章签发机构</translation>
    </message>
    <message>
        <source>office archive set</source>
        <translation>设定办公室存档</translation>
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
        <source>changed after it was written</source>
        <translation>写入后被改动</translation>
    </message>
    <message>
        <source>entries removed</source>
        <translation>记录被删除</translation>
    </message>
    <message>
        <source>an entry inserted</source>
        <translation>被插入了一条记录</translation>
    </message>
    <message>
        <source>entries reordered</source>
        <translation>记录顺序被调换</translation>
    </message>
    <message>
        <source>it does not link to the entry before it</source>
        <translation>与前一条记录链接不上</translation>
    </message>
    <message>
        <source>written in the old hash format after the station had switched</source>
        <translation>在用印站已切换后仍以旧哈希格式写入</translation>
    </message>
    <message>
        <source>the journal ends before the entry the USB key has seen (entries were removed or an old copy restored)</source>
        <translation>用印记录止于 USB Key 已见过的记录之前（记录被删除，或恢复了旧副本）</translation>
    </message>
    <message>
        <source>the entry the USB key has seen is missing or different</source>
        <translation>USB Key 已见过的记录缺失或不一致</translation>
    </message>
    <message>
        <source>the USB key holds a stop the office has not reviewed</source>
        <translation>USB Key 上有办公室尚未审查的停用标记</translation>
    </message>
    <message>
        <source>a record in use is older than one already seen</source>
        <translation>正在使用的记录比已见过的版本更旧</translation>
    </message>
    <message>
        <source>the station&apos;s clock was set back</source>
        <translation>用印站时钟被调慢</translation>
    </message>
    <message>
        <source>an approval was already used</source>
        <translation>审批已被使用</translation>
    </message>
</context>
<context>
    <name>AuditJournalScreen</name>
    <message>
        <source>Journal (用印记录): every entry</source>
        <translation>用印记录：全部记录</translation>
    </message>
    <message>
        <source>&amp;Month</source>
        <translation>月份(&amp;M)</translation>
    </message>
    <message>
        <source>S&amp;eal</source>
        <translation>印章(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;User</source>
        <translation>用户(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>类别(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Request</source>
        <translation>用印申请(&amp;R)</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>All months</source>
        <translation>全部月份</translation>
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
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>All users</source>
        <translation>全部用户</translation>
    </message>
    <message>
        <source>Kind of entry</source>
        <translation>记录类别</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>Request number</source>
        <translation>用印申请编号</translation>
    </message>
    <message>
        <source>Request number, then Enter</source>
        <translation>输入用印申请编号后按回车</translation>
    </message>
    <message>
        <source>&amp;Newest first</source>
        <translation>最新的在前(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Clear filters</source>
        <translation>清除筛选(&amp;C)</translation>
    </message>
    <message>
        <source>Journal entries</source>
        <translation>用印记录条目</translation>
    </message>
    <message>
        <source>The entry</source>
        <translation>本条记录</translation>
    </message>
    <message>
        <source>The entry&apos;s fields</source>
        <translation>本条记录的各项内容</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>The request&apos;s story</source>
        <translation>该用印申请的全过程</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
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
        <source>Show only this &amp;story</source>
        <translation>只看此申请全过程(&amp;S)</translation>
    </message>
    <message>
        <source>Verif&amp;y the chain</source>
        <translation>校验记录链(&amp;Y)</translation>
    </message>
    <message>
        <source>Compare &amp;with the USB key…</source>
        <translation>与 USB Key 核对(&amp;W)…</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message>
        <source>Reading the journal…</source>
        <translation>正在读取用印记录…</translation>
    </message>
    <message>
        <source>{name} ({id})</source>
        <translation>{name}（{id}）</translation>
    </message>
    <message>
        <source>No entry matches the filter.</source>
        <translation>没有符合筛选条件的记录。</translation>
    </message>
    <message>
        <source>One entry matches the filter.</source>
        <translation>有 1 条符合条件的记录。</translation>
    </message>
    <message>
        <source>{total} entries match, all shown.</source>
        <translation>共 {total} 条符合条件的记录，已全部显示。</translation>
    </message>
    <message>
        <source>{total} entries match; {loaded} read so far (scroll for more).</source>
        <translation>共 {total} 条符合条件的记录；已读取 {loaded} 条（向下滚动查看更多）。</translation>
    </message>
    <message>
        <source>{loaded} entries read; counting…</source>
        <translation>已读取 {loaded} 条；正在计数…</translation>
    </message>
    <message>
        <source>The journal cannot be read: {error}</source>
        <translation>无法读取用印记录：{error}</translation>
    </message>
    <message>
        <source>Entry No.</source>
        <translation>记录序号</translation>
    </message>
    <message>
        <source>Time (UTC, as chained)</source>
        <translation>时间（UTC，入链原值）</translation>
    </message>
    <message>
        <source>(the station)</source>
        <translation>（本用印站）</translation>
    </message>
    <message>
        <source>Kind (as stored)</source>
        <translation>类别（存储原值）</translation>
    </message>
    <message>
        <source>Its hash</source>
        <translation>本条哈希</translation>
    </message>
    <message>
        <source>matches its content</source>
        <translation>与内容相符</translation>
    </message>
    <message>
        <source>DOES NOT MATCH: the entry was changed after it was written</source>
        <translation>不相符：此条记录写入后曾被改动</translation>
    </message>
    <message>
        <source>Previous entry&apos;s hash</source>
        <translation>前一条记录的哈希</translation>
    </message>
    <message>
        <source>Hash</source>
        <translation>哈希</translation>
    </message>
    <message>
        <source>Request {request}: its whole story, {n} entries (double-click one to see it)</source>
        <translation>用印申请 {request} 的全过程，共 {n} 条记录（双击查看）</translation>
    </message>
    <message>
        <source>This entry belongs to no request.</source>
        <translation>此条记录不属于任何用印申请。</translation>
    </message>
    <message>
        <source>Verifying the chain…</source>
        <translation>正在校验记录链…</translation>
    </message>
    <message>
        <source>The chain holds: all {n} entries and their links are as written.</source>
        <translation>记录链完好：全部 {n} 条记录及其链接均与写入时一致。</translation>
    </message>
    <message>
        <source>The chain is broken: {n} problems, the first at entry {seq} ({what}). Stamping is stopped until the office reviews it.</source>
        <translation>记录链已断：共 {n} 处问题，第一处在第 {seq} 条（{what}）。在办公室审查之前停止盖章。</translation>
    </message>
    <message>
        <source>The check could not be made: {error}</source>
        <translation>无法完成校验：{error}</translation>
    </message>
    <message>
        <source>Reading the USB key…</source>
        <translation>正在读取 USB Key…</translation>
    </message>
    <message>
        <source>Compare with the USB key</source>
        <translation>与 USB Key 核对</translation>
    </message>
    <message>
        <source>The journal is compared with the checkpoint on the station&apos;s USB key. Nothing is signed or changed.</source>
        <translation>将用印记录与本站 USB Key 上的检查点核对，不签署也不改动任何内容。</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>核对</translation>
    </message>
    <message>
        <source>Comparing with the USB key…</source>
        <translation>正在与 USB Key 核对…</translation>
    </message>
    <message>
        <source>The journal agrees with the checkpoint on the USB key (up to entry {seq}).</source>
        <translation>用印记录与 USB Key 上的检查点一致（截至第 {seq} 条）。</translation>
    </message>
    <message>
        <source>The USB key holds no checkpoint of this station yet (nothing was stamped with it): there is nothing to compare.</source>
        <translation>USB Key 上尚无本站的检查点（尚未用它盖过章），无可核对。</translation>
    </message>
    <message>
        <source>The journal does not agree with the USB key: {what}. Stamping is stopped until the office reviews it.</source>
        <translation>用印记录与 USB Key 不一致：{what}。在办公室审查之前停止盖章。</translation>
    </message>
    <message>
        <source>{n} entries exported to {file}.</source>
        <translation>已将 {n} 条记录导出到 {file}。</translation>
    </message>
</context>
</TS>
