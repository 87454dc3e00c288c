<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>SealRegisterScreen</name>
    <message>
        <source>Seal register</source>
        <translation>印章台账</translation>
    </message>
    <message>
        <source>&amp;Make a seal…</source>
        <translation>刻制印章(&amp;M)…</translation>
    </message>
    <message>
        <source>Make a new seal: its image, its key on the USB key, its record</source>
        <translation>刻制新印章：印模、USB Key 中的密钥和印章记录</translation>
    </message>
    <message>
        <source>&amp;Issue…</source>
        <translation>颁发(&amp;I)…</translation>
    </message>
    <message>
        <source>C&amp;hange…</source>
        <translation>变更(&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;Suspend…</source>
        <translation>停用(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Resume…</source>
        <translation>恢复启用(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Withdraw…</source>
        <translation>撤回(&amp;W)…</translation>
    </message>
    <message>
        <source>Revo&amp;ke…</source>
        <translation>作废(&amp;K)…</translation>
    </message>
    <message>
        <source>&amp;Destroy the key…</source>
        <translation>销毁密钥(&amp;D)…</translation>
    </message>
    <message>
        <source>The station&apos;s seals</source>
        <translation>本签章站的印章</translation>
    </message>
    <message>
        <source>Seal</source>
        <translation>印章</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Custodian</source>
        <translation>专管人员</translation>
    </message>
    <message>
        <source>USB key</source>
        <translation>USB Key</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>The seal</source>
        <translation>印章信息</translation>
    </message>
    <message>
        <source>The seal&apos;s image at true size</source>
        <translation>按实际尺寸显示的印模</translation>
    </message>
    <message>
        <source>Stations</source>
        <translation>签章站</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>有效期</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>证书序列号</translation>
    </message>
    <message>
        <source>Certificate valid</source>
        <translation>证书有效期</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>The seal&apos;s history</source>
        <translation>印章的历史记录</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Reading the register…</source>
        <translation>正在读取印章台账……</translation>
    </message>
    <message>
        <source>{n} seals in the register.</source>
        <translation>印章台账中共有 {n} 枚印章。</translation>
    </message>
    <message>
        <source>Record altered: not signed</source>
        <translation>记录被篡改：无有效签名</translation>
    </message>
    <message>
        <source>Destroyed with the key</source>
        <translation>已随密钥销毁</translation>
    </message>
    <message>
        <source>Not on the USB key plugged in</source>
        <translation>不在当前插入的 USB Key 中</translation>
    </message>
    <message>
        <source>Another certificate than the registered one</source>
        <translation>与登记的证书不一致</translation>
    </message>
    <message>
        <source>On the USB key, valid until {day}</source>
        <translation>在 USB Key 中，有效期至 {day}</translation>
    </message>
    <message>
        <source>No seal chosen</source>
        <translation>未选择印章</translation>
    </message>
    <message>
        <source>The image is missing or not the registered one</source>
        <translation>印模缺失或不是登记的印模</translation>
    </message>
    <message>
        <source>{name} ({id}), {w:g} × {h:g} mm, version {version}</source>
        <translation>{name}（{id}），{w:g} × {h:g} 毫米，第 {version} 版</translation>
    </message>
    <message>
        <source>The record was altered outside the office: it is not signed and the seal stamps nothing.</source>
        <translation>该记录已在办公室之外被改动：没有有效签名，该印章不能签章。</translation>
    </message>
    <message>
        <source>{name} ({user})</source>
        <translation>{name}（{user}）</translation>
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
        <source>{since} to {until}</source>
        <translation>{since} 至 {until}</translation>
    </message>
    <message>
        <source>{name}, {organisation}; certified by {issuer}</source>
        <translation>{name}，{organisation}；签发机构：{issuer}</translation>
    </message>
    <message>
        <source>version {version}: {status}, custodian {custodian}</source>
        <translation>第 {version} 版：{status}，专管人员 {custodian}</translation>
    </message>
    <message>
        <source>{delegate}, {starts} to {ends}</source>
        <translation>{delegate}，{starts} 至 {ends}</translation>
    </message>
    <message>
        <source>the station</source>
        <translation>签章站</translation>
    </message>
</context>
</TS>
