<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>SealActionDialog</name>
    <message>
        <source>Custodian</source>
        <translation>印章专管人员</translation>
    </message>
    <message>
        <source>{name} ({user})</source>
        <translation>{name}（{user}）</translation>
    </message>
    <message>
        <source>&amp;Custodian</source>
        <translation>专管人员(&amp;C)</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>&amp;Valid until</source>
        <translation>有效期至(&amp;V)</translation>
    </message>
    <message>
        <source>Stations where it may be used</source>
        <translation>可使用该印章的签章站</translation>
    </message>
    <message>
        <source>&amp;Stations (separated by commas)</source>
        <translation>签章站(&amp;S)（以逗号分隔）</translation>
    </message>
    <message>
        <source>Why (kept in the journal)</source>
        <translation>原因（记入签章日志）</translation>
    </message>
    <message>
        <source>e.g. the custodian is on leave; the seal was lost</source>
        <translation>例如：专管人员休假；印章遗失</translation>
    </message>
    <message>
        <source>&amp;Why</source>
        <translation>原因(&amp;W)</translation>
    </message>
    <message>
        <source>e.g. a new seal for the contracts office</source>
        <translation>例如：新刻制的合同专用章交由合同管理部门使用</translation>
    </message>
    <message>
        <source>e.g. used at a second station as well</source>
        <translation>例如：增加一台可使用该印章的签章站</translation>
    </message>
    <message>
        <source>e.g. the custodian is back; the seal was found</source>
        <translation>例如：专管人员已返岗；印章已找回</translation>
    </message>
    <message>
        <source>e.g. the custodian has left the post</source>
        <translation>例如：专管人员已调离岗位</translation>
    </message>
    <message>
        <source>e.g. the key may have been copied; the seal is replaced</source>
        <translation>例如：密钥可能已被复制，印章另行刻制替换</translation>
    </message>
    <message>
        <source>e.g. end of life, after its revocation</source>
        <translation>例如：印章作废后到期销毁</translation>
    </message>
    <message>
        <source>Issue the seal {name}</source>
        <translation>颁发印章：{name}</translation>
    </message>
    <message>
        <source>Change the seal {name}</source>
        <translation>变更印章：{name}</translation>
    </message>
    <message>
        <source>Suspend the seal {name}</source>
        <translation>停用印章：{name}</translation>
    </message>
    <message>
        <source>Resume the seal {name}</source>
        <translation>恢复启用印章：{name}</translation>
    </message>
    <message>
        <source>Withdraw the seal {name}</source>
        <translation>撤回印章：{name}</translation>
    </message>
    <message>
        <source>Revoke the seal {name}</source>
        <translation>作废印章：{name}</translation>
    </message>
    <message>
        <source>Destroy the key of the seal {name}</source>
        <translation>销毁印章密钥：{name}</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>颁发</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Suspend</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>恢复启用</translation>
    </message>
    <message>
        <source>Withdraw</source>
        <translation>撤回</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>作废</translation>
    </message>
    <message>
        <source>Destroy the key</source>
        <translation>销毁密钥</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>无</translation>
    </message>
    <message>
        <source>any station</source>
        <translation>任一签章站</translation>
    </message>
    <message>
        <source>no end</source>
        <translation>长期有效</translation>
    </message>
    <message>
        <source>The seal {name} is handed to the custodian you choose below. From then on they may stamp with it, at {stations}, until {until}; nobody else may, unless the office appoints a deputy.</source>
        <translation>印章“{name}”将颁发给下面选定的印章专管人员。自颁发起，由其在 {stations} 使用该印章签章，有效期至 {until}；除办公室指定的代管人外，其他人均不得使用。</translation>
    </message>
    <message>
        <source>The seal {name} gets a new validity or new stations. Its status ({status}) and its custodian ({custodian}) stay as they are.</source>
        <translation>变更印章“{name}”的有效期或可使用的签章站。其状态（{status}）和专管人员（{custodian}）保持不变。</translation>
    </message>
    <message>
        <source>The seal {name} is stopped for now: nobody can stamp with it until the office resumes it. Stamps made with it before stay valid.</source>
        <translation>印章“{name}”将暂时停用：在办公室恢复启用之前，任何人都不能使用该印章签章。此前已盖的印章仍然有效。</translation>
    </message>
    <message>
        <source>The suspended seal {name} is put back in use: its custodian, {custodian}, may stamp with it again.</source>
        <translation>已停用的印章“{name}”将恢复启用：其专管人员 {custodian} 可再次使用该印章签章。</translation>
    </message>
    <message>
        <source>The seal {name} is taken back from its custodian, {custodian}: nobody can stamp with it until the office issues it again, to them or to another custodian.</source>
        <translation>印章“{name}”将从专管人员 {custodian} 处撤回：在办公室重新颁发（给原专管人员或其他专管人员）之前，任何人都不能使用该印章签章。</translation>
    </message>
    <message>
        <source>The seal {name} is revoked for good: it can never stamp again, and this cannot be undone. Stamps made with it before stay valid. Its key stays on the USB key until it is destroyed.</source>
        <translation>印章“{name}”将永久作废：此后再也不能用于签章，且不可撤销。此前已盖的印章仍然有效。其密钥在销毁之前仍保留在 USB Key 中。</translation>
    </message>
    <message>
        <source>The key and the certificate of the seal {name} are deleted from the USB key {token}: this needs the USB key&apos;s PIN and cannot be undone. The seal&apos;s record and its whole history stay in the register.</source>
        <translation>印章“{name}”的密钥和证书将从 USB Key {token} 中删除：需要输入该 USB Key 的 PIN 码，且不可撤销。该印章的记录及全部历史仍保留在印章台账中。</translation>
    </message>
    <message>
        <source>The office&apos;s seal authority signs the seal&apos;s new record with its key (its passphrase is asked below), and the step is kept in the journal with your name.</source>
        <translation>办公室印章签发机构将用其密钥签署该印章的新记录（口令在下方输入），此项操作将以您的名义记入签章日志。</translation>
    </message>
    <message>
        <source>Signing the seal&apos;s new record…</source>
        <translation>正在签署印章的新记录……</translation>
    </message>
</context>
</TS>
