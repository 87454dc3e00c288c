<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>PinDialog</name>
    <message>
        <source>Confirm stamping</source>
        <translation>确认盖章</translation>
    </message>
    <message>
        <source>Seals to stamp, in order: {seals}</source>
        <translation>待盖印章（按顺序）：{seals}</translation>
    </message>
    <message>
        <source>&amp;User</source>
        <translation>用户(&amp;U)</translation>
    </message>
    <message>
        <source>Pass&amp;word</source>
        <translation>密码(&amp;W)</translation>
    </message>
    <message>
        <source>USB key &amp;PIN</source>
        <translation>USB Key PIN(&amp;P)</translation>
    </message>
    <message>
        <source>Stamp</source>
        <translation>盖章</translation>
    </message>
    <message>
        <source>USB key: not read</source>
        <translation>USB Key：未能读取</translation>
    </message>
    <message>
        <source>USB key: {label} (serial {serial})</source>
        <translation>USB Key：{label}（序列号 {serial}）</translation>
    </message>
    <message>
        <source>The PIN of this USB key is locked. The office unblocks it; nothing can be stamped with it until then.</source>
        <translation>该 USB Key 的 PIN 已锁定，须由办公室解锁；解锁前无法用它盖章。</translation>
    </message>
    <message>
        <source>Careful: the USB key says this is the final try. A wrong PIN now locks it.</source>
        <translation>注意：USB Key 提示这是最后一次机会，再输错 PIN 将被锁定。</translation>
    </message>
    <message>
        <source>A wrong PIN was entered since the last success; the key does not say how many tries are left.</source>
        <translation>自上次成功以来曾输错 PIN；该 Key 不提供剩余次数。</translation>
    </message>
    <message>
        <source>No wrong PIN since the last success.</source>
        <translation>自上次成功以来没有输错 PIN。</translation>
    </message>
    <message>
        <source>Type the user, the password and the PIN.</source>
        <translation>请输入用户、密码和 PIN。</translation>
    </message>
    <message>
        <source>Checking the password…</source>
        <translation>正在核验密码…</translation>
    </message>
</context>
</TS>
