<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>MakeSealDialog</name>
    <message>
        <source>Make a seal</source>
        <translation>刻制印章</translation>
    </message>
    <message>
        <source>Seal id</source>
        <translation>印章编号</translation>
    </message>
    <message>
        <source>e.g. hr (letters, digits, - or _)</source>
        <translation>例如 hr（字母、数字、- 或 _）</translation>
    </message>
    <message>
        <source>Seal &amp;id</source>
        <translation>印章编号(&amp;I)</translation>
    </message>
    <message>
        <source>Kind of seal</source>
        <translation>印章类型</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>类型(&amp;K)</translation>
    </message>
    <message>
        <source>Organisation, as engraved</source>
        <translation>单位名称（与印面一致）</translation>
    </message>
    <message>
        <source>&amp;Organisation</source>
        <translation>单位名称(&amp;O)</translation>
    </message>
    <message>
        <source>Full name of the seal</source>
        <translation>印章全称</translation>
    </message>
    <message>
        <source>empty: the organisation&apos;s name and the kind</source>
        <translation>留空：单位名称加印章类型</translation>
    </message>
    <message>
        <source>Full &amp;name</source>
        <translation>印章全称(&amp;N)</translation>
    </message>
    <message>
        <source>Name on a personal seal</source>
        <translation>人名章上的姓名</translation>
    </message>
    <message>
        <source>for a legal representative&apos;s or a personal seal</source>
        <translation>用于法定代表人章或个人章</translation>
    </message>
    <message>
        <source>&amp;Person</source>
        <translation>姓名(&amp;P)</translation>
    </message>
    <message>
        <source>Seal code from the filing record</source>
        <translation>备案印章编码</translation>
    </message>
    <message>
        <source>Seal &amp;code</source>
        <translation>备案编码(&amp;C)</translation>
    </message>
    <message>
        <source>Kind of key made on the USB key</source>
        <translation>在 USB Key 中生成的密钥类型</translation>
    </message>
    <message>
        <source>RSA 2048</source>
        <translation>RSA 2048</translation>
    </message>
    <message>
        <source>ECDSA P-256</source>
        <translation>ECDSA P-256</translation>
    </message>
    <message>
        <source>Key &amp;type</source>
        <translation>密钥类型(&amp;T)</translation>
    </message>
    <message>
        <source>Days the seal may be used</source>
        <translation>印章可使用的天数</translation>
    </message>
    <message>
        <source>&amp;Valid for (days)</source>
        <translation>有效期（天）(&amp;V)</translation>
    </message>
    <message>
        <source>Drawn from the templates</source>
        <translation>按模板生成</translation>
    </message>
    <message>
        <source>Use a &amp;scanned imprint…</source>
        <translation>使用扫描印模(&amp;S)…</translation>
    </message>
    <message>
        <source>Draw it instead</source>
        <translation>改为按模板生成</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>印模</translation>
    </message>
    <message>
        <source>Preview at true size</source>
        <translation>实际尺寸预览</translation>
    </message>
    <message>
        <source>The seal&apos;s image at true size</source>
        <translation>按实际尺寸显示的印模</translation>
    </message>
    <message>
        <source>Making the seal generates its key on the USB key plugged in to this station (the key&apos;s PIN is asked), has the office&apos;s seal authority certify the key (its passphrase is asked) and files the seal in the register with the image shown, as made: nobody can stamp with it until the office issues it to a custodian.</source>
        <translation>刻制印章时，将在本签章站插入的 USB Key 中生成该印章的密钥（需输入 USB Key 的 PIN 码），由办公室印章签发机构为密钥签发证书（需输入其口令），并以上面显示的印模将该印章登记到印章台账，状态为“已刻制”：在办公室将其颁发给印章专管人员之前，任何人都不能使用该印章签章。</translation>
    </message>
    <message>
        <source>Make the seal</source>
        <translation>刻制印章</translation>
    </message>
    <message>
        <source>A scanned imprint of the seal</source>
        <translation>印章的扫描印模</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>图片 (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>No preview yet</source>
        <translation>尚无预览</translation>
    </message>
    <message>
        <source>Type the seal id and the organisation to see the seal.</source>
        <translation>输入印章编号和单位名称后即可预览印章。</translation>
    </message>
    <message>
        <source>Drawing the preview…</source>
        <translation>正在生成预览……</translation>
    </message>
    <message>
        <source>{name}, {w:g} × {h:g} mm. This is the image the seal will have.</source>
        <translation>{name}，{w:g} × {h:g} 毫米。印章将使用此印模。</translation>
    </message>
    <message>
        <source>No preview</source>
        <translation>无预览</translation>
    </message>
    <message>
        <source>Generating the key on the USB key and signing the seal&apos;s record…</source>
        <translation>正在 USB Key 中生成密钥并签署印章记录……</translation>
    </message>
</context>
</TS>
