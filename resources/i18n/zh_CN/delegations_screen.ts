<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DelegationsScreen</name>
    <message>
        <source>Delegations and handovers</source>
        <translation>代管与交接</translation>
    </message>
    <message>
        <source>A delegation (代管) lets a stand-in custodian stamp with a seal on the days given, approved by an approver with the seal&apos;s authority. A handover (交接) passes the seal to another custodian for good. Green: who holds the seal; blue: delegations (dark: now, light: planned, grey: over); red: now.</source>
        <translation>代管：经具有该印章审批权限的审批人批准，代管人员可在所定日期内使用印章签章。交接：印章永久移交给另一名专管人员。绿色：印章保管人；蓝色：代管（深色：进行中，浅色：已安排，灰色：已结束）；红线：当前时间。</translation>
    </message>
    <message>
        <source>◀ &amp;Earlier</source>
        <translation>◀ 往前(&amp;E)</translation>
    </message>
    <message>
        <source>Two weeks earlier</source>
        <translation>往前两周</translation>
    </message>
    <message>
        <source>&amp;Today</source>
        <translation>今天(&amp;T)</translation>
    </message>
    <message>
        <source>Two weeks later</source>
        <translation>往后两周</translation>
    </message>
    <message>
        <source>Seal</source>
        <translation>印章</translation>
    </message>
    <message>
        <source>Stand-in custodian</source>
        <translation>代管人员</translation>
    </message>
    <message>
        <source>First day</source>
        <translation>起始日</translation>
    </message>
    <message>
        <source>Last day</source>
        <translation>截止日</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>审批人</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>事由</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Delegations</source>
        <translation>代管记录</translation>
    </message>
    <message>
        <source>&amp;Delegate a seal…</source>
        <translation>印章代管(&amp;D)…</translation>
    </message>
    <message>
        <source>Late&amp;r ▶</source>
        <translation>往后(&amp;R) ▶</translation>
    </message>
    <message>
        <source>No delegation is recorded for these seals yet: &apos;Delegate a seal…&apos; adds one, dated and approved.</source>
        <translation>这些印章尚无代管记录：点击“印章代管…”可新增一项，须注明日期并经审批。</translation>
    </message>
    <message>
        <source>E&amp;nd early…</source>
        <translation>提前结束(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Hand over…</source>
        <translation>印章交接(&amp;H)…</translation>
    </message>
    <message>
        <source>{first} to {last}</source>
        <translation>{first} 至 {last}</translation>
    </message>
    <message>
        <source>{name}
{kind}</source>
        <translation>{name}
{kind}</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>已安排</translation>
    </message>
    <message>
        <source>Over</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>{deputy} stands in for the seal from {first} to {last}; signed by the office.</source>
        <translation>{deputy} 自 {first} 至 {last} 代管该印章，已由办公室签名。</translation>
    </message>
    <message>
        <source>Cancel the delegation of seal {seal} to {deputy} (planned from {first} to {last}): it will never give them the seal.</source>
        <translation>取消印章 {seal} 交由 {deputy} 的代管（原定 {first} 至 {last}）：其将不会获得该印章的使用权。</translation>
    </message>
    <message>
        <source>End the delegation of seal {seal} to {deputy} now, instead of after {last}: from now on they can no longer stamp with it.</source>
        <translation>立即结束印章 {seal} 交由 {deputy} 的代管，而不是在 {last} 之后结束：自即刻起其不能再使用该印章签章。</translation>
    </message>
    <message>
        <source>End a delegation early</source>
        <translation>提前结束代管</translation>
    </message>
    <message>
        <source>End and sign</source>
        <translation>结束并签名</translation>
    </message>
    <message>
        <source>Why it ends early</source>
        <translation>提前结束的原因</translation>
    </message>
    <message>
        <source>The delegation of seal {seal} to {deputy} has ended; signed by the office.</source>
        <translation>印章 {seal} 交由 {deputy} 的代管已结束，已由办公室签名。</translation>
    </message>
    <message>
        <source>Seal {seal} is now held by {custodian}; signed by the office.</source>
        <translation>印章 {seal} 现由 {custodian} 保管，已由办公室签名。</translation>
    </message>
</context>
</TS>
