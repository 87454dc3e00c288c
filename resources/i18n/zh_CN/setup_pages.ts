<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ArchivePage</name>
    <message>
        <source>The office archive</source>
        <translation>办公室存档</translation>
    </message>
    <message>
        <source>The station sends its records to the office archive: the office&apos;s shared folder, or its PostgreSQL database. It is tested before going on; leave it empty to set it later.</source>
        <translation>签章站将用印记录报送至办公室存档：办公室的共享文件夹或其 PostgreSQL 数据库。继续之前会测试连接；留空则以后再设置。</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>存档位置</translation>
    </message>
    <message>
        <source>/mnt/office-archive or postgresql://station@server/archive</source>
        <translation>/mnt/office-archive 或 postgresql://station@server/archive</translation>
    </message>
    <message>
        <source>Make this empty folder the office archive</source>
        <translation>将此空文件夹设为办公室存档</translation>
    </message>
    <message>
        <source>Database password</source>
        <translation>数据库密码</translation>
    </message>
    <message>
        <source>The archive database&apos;s password</source>
        <translation>存档数据库的密码</translation>
    </message>
    <message>
        <source>The archive answers.</source>
        <translation>存档连接正常。</translation>
    </message>
</context>
<context>
    <name>JournalKeyPage</name>
    <message>
        <source>The journal&apos;s key</source>
        <translation>签章日志密钥</translation>
    </message>
    <message>
        <source>The station&apos;s journal is encrypted. Its key is kept in this computer&apos;s keyring, or made from a passphrase that must be typed at every start.</source>
        <translation>签章站的签章日志经过加密。其密钥保存在本机的系统密钥环中，或由口令生成（每次启动时都须输入该口令）。</translation>
    </message>
    <message>
        <source>In this computer&apos;s keyring</source>
        <translation>保存在本机的系统密钥环中</translation>
    </message>
    <message>
        <source>From a passphrase typed at each start</source>
        <translation>由每次启动时输入的口令生成</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <source>The journal passphrase</source>
        <translation>签章日志口令</translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation>再次输入口令</translation>
    </message>
    <message>
        <source>The journal passphrase, again</source>
        <translation>再次输入签章日志口令</translation>
    </message>
    <message>
        <source>This computer has a secure keyring: the key is kept there, and nobody types it.</source>
        <translation>本机有安全的系统密钥环：密钥保存在其中，无需任何人输入。</translation>
    </message>
    <message>
        <source>This computer has no secure keyring. The journal key is made from a passphrase instead: the office must type it at every start of the station, and without it the journal cannot be opened.</source>
        <translation>本机没有安全的系统密钥环，签章日志密钥将由口令生成：每次启动签章站时，办公室都须输入该口令；没有口令，签章日志将无法打开。</translation>
    </message>
    <message>
        <source>The two passphrases differ. Type the same one twice.</source>
        <translation>两次输入的口令不一致，请输入相同的口令。</translation>
    </message>
</context>
<context>
    <name>ModulePage</name>
    <message>
        <source>The USB key&apos;s driver</source>
        <translation>USB Key 驱动程序</translation>
    </message>
    <message>
        <source>SealStation signs with the seals&apos; USB key through its driver (a PKCS#11 module from the key&apos;s maker).</source>
        <translation>SealStation 通过驱动程序（USB Key 厂商提供的 PKCS#11 模块）使用存放印章密钥的 USB Key 签章。</translation>
    </message>
    <message>
        <source>Driver file</source>
        <translation>驱动程序文件</translation>
    </message>
    <message>
        <source>The USB key&apos;s PKCS#11 module</source>
        <translation>USB Key 的 PKCS#11 模块</translation>
    </message>
    <message>
        <source>PKCS#11 modules (*.so *.dll *.dylib);;All files (*)</source>
        <translation>PKCS#11 模块 (*.so *.dll *.dylib);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Drivers found on this computer</source>
        <translation>本机已找到的驱动程序</translation>
    </message>
    <message>
        <source>Found here</source>
        <translation>本机已有</translation>
    </message>
    <message>
        <source>its maker&apos;s own driver</source>
        <translation>厂商自带的驱动程序</translation>
    </message>
    <message>
        <source>Plugged in: {key} ({usb_id}); it is served by {serves}.</source>
        <translation>已插入：{key}（{usb_id}），适用的驱动程序：{serves}。</translation>
    </message>
    <message>
        <source>No known USB key is seen on this computer&apos;s USB ports; choose its driver.</source>
        <translation>本机 USB 端口上未发现已知型号的 USB Key，请选择其驱动程序。</translation>
    </message>
</context>
<context>
    <name>OfficePage</name>
    <message>
        <source>The office&apos;s files</source>
        <translation>办公室交付的文件</translation>
    </message>
    <message>
        <source>The office hands over its seal authority certificate and key and the policy it signed for this station. The passphrase opens the key; it is not kept.</source>
        <translation>办公室交付其印章管理机构的证书和密钥，以及为本签章站签名的策略。口令用于打开密钥，不会被保存。</translation>
    </message>
    <message>
        <source>Certificates and keys (*.pem *.crt *.cer);;All files (*)</source>
        <translation>证书和密钥 (*.pem *.crt *.cer);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Seal authority certificate</source>
        <translation>印章管理机构证书</translation>
    </message>
    <message>
        <source>The office&apos;s seal authority certificate</source>
        <translation>办公室的印章管理机构证书</translation>
    </message>
    <message>
        <source>Seal authority key</source>
        <translation>印章管理机构密钥</translation>
    </message>
    <message>
        <source>The office&apos;s seal authority key</source>
        <translation>办公室的印章管理机构密钥</translation>
    </message>
    <message>
        <source>Key passphrase</source>
        <translation>密钥口令</translation>
    </message>
    <message>
        <source>The seal authority key&apos;s passphrase</source>
        <translation>印章管理机构密钥的口令</translation>
    </message>
    <message>
        <source>Signed policy</source>
        <translation>已签名的策略</translation>
    </message>
    <message>
        <source>The office&apos;s signed policy</source>
        <translation>办公室已签名的策略</translation>
    </message>
    <message>
        <source>Policies (policy.json *.json);;All files (*)</source>
        <translation>策略文件 (policy.json *.json);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>SetupPage</name>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Choose the file: {what}</source>
        <translation>选择文件：{what}</translation>
    </message>
</context>
<context>
    <name>StationPage</name>
    <message>
        <source>This station</source>
        <translation>本签章站</translation>
    </message>
    <message>
        <source>Its id names it in the office archive; its name says where signatures are made.</source>
        <translation>编号用于在办公室存档中标识本签章站；名称写明签章地点。</translation>
    </message>
    <message>
        <source>Station id</source>
        <translation>签章站编号</translation>
    </message>
    <message>
        <source>Station name</source>
        <translation>签章站名称</translation>
    </message>
    <message>
        <source>e.g. Head office, general office</source>
        <translation>例如：总部 办公室</translation>
    </message>
    <message>
        <source>Station folder</source>
        <translation>签章站文件夹</translation>
    </message>
</context>
<context>
    <name>TokenPage</name>
    <message>
        <source>The seals&apos; USB key</source>
        <translation>印章 USB Key</translation>
    </message>
    <message>
        <source>Choose the USB key the office prepared with the seals&apos; keys and type its PIN: SealStation checks the keys on it. The PIN is not kept.</source>
        <translation>请选择办公室已写入印章密钥的 USB Key 并输入其 PIN：SealStation 将检查其中的密钥。PIN 不会被保存。</translation>
    </message>
    <message>
        <source>USB key</source>
        <translation>USB Key</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>The USB key&apos;s PIN</source>
        <translation>USB Key 的 PIN</translation>
    </message>
    <message>
        <source>{label} (serial {serial})</source>
        <translation>{label}（序列号 {serial}）</translation>
    </message>
    <message>
        <source>The driver sees no prepared USB key. Plug in the seals&apos; USB key, then go back and on again.</source>
        <translation>驱动程序未发现已初始化的 USB Key。请插入印章 USB Key，然后返回上一步再继续。</translation>
    </message>
    <message>
        <source>Seal keys on it: {keys}</source>
        <translation>其中的印章密钥：{keys}</translation>
    </message>
</context>
<context>
    <name>UserPage</name>
    <message>
        <source>The first office user</source>
        <translation>第一位办公室用户</translation>
    </message>
    <message>
        <source>The office user adds the station&apos;s other people and registers its seals. They choose their own password at their first login.</source>
        <translation>办公室用户负责添加本签章站的其他人员并登记印章。首次登录时须自行设置密码。</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Initial password</source>
        <translation>初始密码</translation>
    </message>
    <message>
        <source>Initial password again</source>
        <translation>再次输入初始密码</translation>
    </message>
    <message>
        <source>The two passwords differ. Type the same one twice.</source>
        <translation>两次输入的密码不一致，请输入相同的密码。</translation>
    </message>
</context>
</TS>
