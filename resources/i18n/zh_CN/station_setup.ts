<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>StationSetupScreen</name>
    <message>
        <source>Station set-up</source>
        <translation>签章站设置</translation>
    </message>
    <message>
        <source>USB key and its driver</source>
        <translation>USB Key 及其驱动</translation>
    </message>
    <message>
        <source>Driver of the USB key (PKCS#11 module):</source>
        <translation>USB Key 驱动（PKCS#11 模块）：</translation>
    </message>
    <message>
        <source>Driver of the USB key (PKCS#11 module)</source>
        <translation>USB Key 驱动（PKCS#11 模块）</translation>
    </message>
    <message>
        <source>empty: found by itself (SoftHSM2 or OpenSC)</source>
        <translation>留空：自动查找（SoftHSM2 或 OpenSC）</translation>
    </message>
    <message>
        <source>Office archive</source>
        <translation>办公室存档</translation>
    </message>
    <message>
        <source>Archive folder or PostgreSQL address:</source>
        <translation>存档文件夹或 PostgreSQL 地址：</translation>
    </message>
    <message>
        <source>/mnt/office-archive or postgresql://station@archive.lan/sealarchive</source>
        <translation>/mnt/office-archive 或 postgresql://station@archive.lan/sealarchive</translation>
    </message>
    <message>
        <source>Archive folder or PostgreSQL address</source>
        <translation>存档文件夹或 PostgreSQL 地址</translation>
    </message>
    <message>
        <source>&amp;Test the connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <source>Use this archive</source>
        <translation>使用此存档</translation>
    </message>
    <message>
        <source>Backup key</source>
        <translation>备份密钥</translation>
    </message>
    <message>
        <source>Write the private key file to:</source>
        <translation>私钥文件写入：</translation>
    </message>
    <message>
        <source>Where to write the private backup key</source>
        <translation>备份私钥的写入位置</translation>
    </message>
    <message>
        <source>Or the office&apos;s existing key (age1…):</source>
        <translation>或办公室现有的密钥（age1…）：</translation>
    </message>
    <message>
        <source>The office&apos;s existing backup key</source>
        <translation>办公室现有的备份密钥</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Back up now to:</source>
        <translation>立即备份到：</translation>
    </message>
    <message>
        <source>Backup file to write</source>
        <translation>要写入的备份文件</translation>
    </message>
    <message>
        <source>&amp;Back up now…</source>
        <translation>立即备份(&amp;B)…</translation>
    </message>
    <message>
        <source>Scheduled backups into:</source>
        <translation>定期备份到：</translation>
    </message>
    <message>
        <source>Folder of the scheduled backups</source>
        <translation>定期备份的文件夹</translation>
    </message>
    <message>
        <source>Every (days):</source>
        <translation>间隔（天）：</translation>
    </message>
    <message>
        <source>Days between scheduled backups</source>
        <translation>定期备份的间隔天数</translation>
    </message>
    <message>
        <source>Check or restore a backup</source>
        <translation>核验或恢复备份</translation>
    </message>
    <message>
        <source>A backup is checked against the office&apos;s seal authority; with the office&apos;s private backup key, every file inside is checked too. A restore writes the station into a new, empty folder: never over a station that is open.</source>
        <translation>备份依据办公室印章管理机构进行核验；提供办公室的备份私钥时，还会逐一核验其中的每个文件。恢复时将签章站写入一个新的空文件夹，绝不覆盖正在使用的签章站。</translation>
    </message>
    <message>
        <source>Backup file:</source>
        <translation>备份文件：</translation>
    </message>
    <message>
        <source>Backup file</source>
        <translation>备份文件</translation>
    </message>
    <message>
        <source>Private backup key file:</source>
        <translation>备份私钥文件：</translation>
    </message>
    <message>
        <source>Private backup key file</source>
        <translation>备份私钥文件</translation>
    </message>
    <message>
        <source>&amp;Check the backup…</source>
        <translation>核验备份(&amp;C)…</translation>
    </message>
    <message>
        <source>Restore into the empty folder:</source>
        <translation>恢复到空文件夹：</translation>
    </message>
    <message>
        <source>Folder to restore into</source>
        <translation>恢复目标文件夹</translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation>恢复(&amp;R)…</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>{what}
{todo}</source>
        <translation>{what}
{todo}</translation>
    </message>
    <message>
        <source>Station set-up: {station}</source>
        <translation>签章站设置：{station}</translation>
    </message>
    <message>
        <source>none found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <source>found by itself</source>
        <translation>自动查找</translation>
    </message>
    <message>
        <source>Driver (PKCS#11 module): {module} ({how})</source>
        <translation>驱动（PKCS#11 模块）：{module}（{how}）</translation>
    </message>
    <message>
        <source>From the next start of SealStation: {module}</source>
        <translation>下次启动 SealStation 起使用：{module}</translation>
    </message>
    <message>
        <source>This station sends its records to the office archive {archive}.</source>
        <translation>本签章站向办公室存档 {archive} 报送记录。</translation>
    </message>
    <message>
        <source>No office archive is set: stamps and prints wait here, and the office&apos;s grace limits will stop stamping. Choose the archive below, test it, and use it.</source>
        <translation>尚未设置办公室存档：签章和打印记录暂存本机，超出办公室规定的宽限后将停止签章。请在下方选择存档，测试连接后启用。</translation>
    </message>
    <message>
        <source>The office&apos;s signed policy names {archive}: no other archive is accepted.</source>
        <translation>办公室签署的策略指定存档为 {archive}，不接受其他存档。</translation>
    </message>
    <message>
        <source>Backups are encrypted to the office&apos;s backup key {key}, installed here and signed by the seal authority.</source>
        <translation>备份使用办公室备份密钥 {key} 加密；该密钥已安装在本机，并经印章管理机构签名。</translation>
    </message>
    <message>
        <source>{what} Make the office&apos;s backup key here (its private half is written to a file the office keeps offline), or install the key the office already has.</source>
        <translation>{what} 可在此生成办公室备份密钥（私钥写入一个由办公室离线保管的文件），或安装办公室已有的密钥。</translation>
    </message>
    <message>
        <source>Last backup: {when}, {file}</source>
        <translation>最近一次备份：{when}，{file}</translation>
    </message>
    <message>
        <source>No backup has been made at this station yet.</source>
        <translation>本签章站尚未进行过备份。</translation>
    </message>
    <message>
        <source>Scheduled: a backup into {folder} every {days:g} day(s), made by the window while it runs.</source>
        <translation>已设定计划：窗口运行期间每 {days:g} 天向 {folder} 备份一次。</translation>
    </message>
    <message>
        <source>No schedule: backups are made by hand only.</source>
        <translation>未设定计划：仅手动备份。</translation>
    </message>
    <message>
        <source>Your password ({user}):</source>
        <translation>您的密码（{user}）：</translation>
    </message>
    <message>
        <source>The station will find the driver by itself (SoftHSM2 or OpenSC), from the next start.</source>
        <translation>自下次启动起，签章站将自动查找驱动（SoftHSM2 或 OpenSC）。</translation>
    </message>
    <message>
        <source>The USB key&apos;s driver</source>
        <translation>USB Key 驱动</translation>
    </message>
    <message>
        <source>Saved: the driver {module} is used from the next start of SealStation.</source>
        <translation>已保存：自下次启动 SealStation 起使用驱动 {module}。</translation>
    </message>
    <message>
        <source>Saved: the driver is found by itself from the next start of SealStation.</source>
        <translation>已保存：自下次启动 SealStation 起自动查找驱动。</translation>
    </message>
    <message>
        <source>Type the archive&apos;s folder or PostgreSQL address first.</source>
        <translation>请先输入存档文件夹或 PostgreSQL 地址。</translation>
    </message>
    <message>
        <source>Test the connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>Testing the connection…</source>
        <translation>正在测试连接…</translation>
    </message>
    <message>
        <source>The connection failed: {what}
{todo}</source>
        <translation>连接失败：{what}
{todo}</translation>
    </message>
    <message>
        <source>Password of the station&apos;s database role:</source>
        <translation>签章站数据库角色的密码：</translation>
    </message>
    <message>
        <source>The connection works: {archive} is an office archive; {n} station(s) report to it. Choose &quot;Use this archive&quot; to save it.</source>
        <translation>连接正常：{archive} 是办公室存档，已有 {n} 个签章站向其报送。点击“使用此存档”保存设置。</translation>
    </message>
    <message>
        <source>The connection works: {archive} is an office archive, empty so far. Choose &quot;Use this archive&quot; to save it.</source>
        <translation>连接正常：{archive} 是办公室存档，目前为空。点击“使用此存档”保存设置。</translation>
    </message>
    <message>
        <source>{archive} is a folder, but not an office archive yet (a share not mounted looks the same). If it is the office&apos;s share, make it an archive once.</source>
        <translation>{archive} 是一个文件夹，但还不是办公室存档（未挂载的共享目录看起来也是这样）。如确为办公室的共享目录，请将其设为存档（只需一次）。</translation>
    </message>
    <message>
        <source>There is no folder {archive}. Check the path; or make it a new archive.</source>
        <translation>文件夹 {archive} 不存在。请检查路径，或将其新建为存档。</translation>
    </message>
    <message>
        <source>Making the archive…</source>
        <translation>正在建立存档…</translation>
    </message>
    <message>
        <source>Not made: {what}
{todo}</source>
        <translation>未能建立：{what}
{todo}</translation>
    </message>
    <message>
        <source>{archive} is now an office archive. Choose &quot;Use this archive&quot; to send this station&apos;s records to it.</source>
        <translation>{archive} 现已成为办公室存档。点击“使用此存档”，本站记录将报送至此。</translation>
    </message>
    <message>
        <source>Use this office archive</source>
        <translation>使用此办公室存档</translation>
    </message>
    <message>
        <source>Testing and saving…</source>
        <translation>正在测试并保存…</translation>
    </message>
    <message>
        <source>Not saved: {what}
{todo}</source>
        <translation>未保存：{what}
{todo}</translation>
    </message>
    <message>
        <source>Read a&amp;gain</source>
        <translation>重新读取(&amp;G)</translation>
    </message>
    <message>
        <source>Use this &amp;driver…</source>
        <translation>使用此驱动(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Make this folder an archive</source>
        <translation>将此文件夹设为存档(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Use this archive</source>
        <translation>使用此存档(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Protect the file with a passphrase</source>
        <translation>用口令保护该文件(&amp;P)</translation>
    </message>
    <message>
        <source>Make a new backup &amp;key…</source>
        <translation>生成新的备份密钥(&amp;K)…</translation>
    </message>
    <message>
        <source>&amp;Install this key…</source>
        <translation>安装此密钥(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Save the schedule…</source>
        <translation>保存备份计划(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;No schedule…</source>
        <translation>取消定期备份(&amp;N)…</translation>
    </message>
    <message>
        <source>set at this station</source>
        <translation>在本签章站设定</translation>
    </message>
    <message>
        <source>The station will load the USB key&apos;s driver {module} (kept in the station&apos;s settings). A running SealStation keeps the driver it started with: the new one is used from the next start.</source>
        <translation>签章站将加载 USB Key 驱动 {module}（保存在本站设置中）。正在运行的 SealStation 继续使用启动时的驱动，新驱动自下次启动起生效。</translation>
    </message>
    <message>
        <source>{archive} is a PostgreSQL archive. Type the password of the station&apos;s database role, or leave it empty to use the one kept in this computer&apos;s keyring. It is kept in the keyring once the archive is used, never in the station&apos;s settings file.</source>
        <translation>{archive} 是 PostgreSQL 存档。请输入签章站数据库角色的密码；留空则使用本机密钥环中保存的密码。启用该存档后，密码保存在密钥环中，绝不写入本站设置文件。</translation>
    </message>
    <message>
        <source>The station will send its journal to {archive} (kept in the station&apos;s settings). The connection is tested first.</source>
        <translation>本签章站将向 {archive} 报送日志（保存在本站设置中）。保存前先测试连接。</translation>
    </message>
    <message>
        <source>Saved: this station now sends its records to {archive}. The first sync runs in the background; Office archive shows what waits.</source>
        <translation>已保存：本签章站现向 {archive} 报送记录。首次同步在后台进行；待报送内容可在“办公室存档”中查看。</translation>
    </message>
    <message>
        <source>Choose where to write the private key file first.</source>
        <translation>请先选择私钥文件的写入位置。</translation>
    </message>
    <message>
        <source>Seal authority passphrase:</source>
        <translation>印章管理机构口令：</translation>
    </message>
    <message>
        <source>New passphrase for the key file:</source>
        <translation>密钥文件的新口令：</translation>
    </message>
    <message>
        <source>The same passphrase again:</source>
        <translation>再次输入口令：</translation>
    </message>
    <message>
        <source>Make the office&apos;s backup key</source>
        <translation>生成办公室备份密钥</translation>
    </message>
    <message>
        <source>A new backup key pair is made. Its PRIVATE half is written to {file}: keep it OFFLINE (a safe, or a USB stick the office keeps), never on a station. Without it no backup can be restored; whoever holds it can read every backup. Its public half is installed here, signed with the seal authority&apos;s key.</source>
        <translation>将生成一对新的备份密钥。其中的私钥写入 {file}：请离线保管（存放于保险柜，或由办公室保管的 U 盘中），切勿留在签章站上。没有私钥则任何备份都无法恢复；持有私钥者可读取全部备份。公钥安装在本机，并用印章管理机构的密钥签名。</translation>
    </message>
    <message>
        <source>Make the key</source>
        <translation>生成密钥</translation>
    </message>
    <message>
        <source>Making the backup key…</source>
        <translation>正在生成备份密钥…</translation>
    </message>
    <message>
        <source>No key was made: {what}
{todo}</source>
        <translation>未生成密钥：{what}
{todo}</translation>
    </message>
    <message>
        <source>Paste the office&apos;s backup key (age1…) first.</source>
        <translation>请先粘贴办公室的备份密钥（age1…）。</translation>
    </message>
    <message>
        <source>Install the office&apos;s backup key</source>
        <translation>安装办公室备份密钥</translation>
    </message>
    <message>
        <source>Backups of this station will be encrypted to {key}, signed here with the seal authority&apos;s key.</source>
        <translation>本签章站的备份将使用 {key} 加密，并在本机用印章管理机构的密钥签名。</translation>
    </message>
    <message>
        <source>Install the key</source>
        <translation>安装密钥</translation>
    </message>
    <message>
        <source>Installing the backup key…</source>
        <translation>正在安装备份密钥…</translation>
    </message>
    <message>
        <source>Not installed: {what}
{todo}</source>
        <translation>未安装：{what}
{todo}</translation>
    </message>
    <message>
        <source>Backups of this station are now encrypted to the office&apos;s backup key {key}.</source>
        <translation>本签章站的备份现使用办公室备份密钥 {key} 加密。</translation>
    </message>
    <message>
        <source>The PRIVATE key is in {file}: move it OFFLINE now (a safe, or a USB stick the office keeps), never leave it on a station.</source>
        <translation>私钥位于 {file}：请立即转为离线保管（存放于保险柜，或由办公室保管的 U 盘中），切勿留在签章站上。</translation>
    </message>
    <message>
        <source>Choose the backup file to write first.</source>
        <translation>请先选择要写入的备份文件。</translation>
    </message>
    <message>
        <source>Back up the station now</source>
        <translation>立即备份签章站</translation>
    </message>
    <message>
        <source>The whole station is written to {file}, encrypted to the office&apos;s backup key and signed by the station.</source>
        <translation>整个签章站将写入 {file}，使用办公室备份密钥加密，并由签章站签名。</translation>
    </message>
    <message>
        <source>Back up</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <source>No backup was made: {what}
{todo}</source>
        <translation>未能备份：{what}
{todo}</translation>
    </message>
    <message>
        <source>Backup written to {file}: the journal through entry {seq}, {n} file(s), encrypted to the office&apos;s backup key.</source>
        <translation>备份已写入 {file}：日志截至第 {seq} 条，共 {n} 个文件，已使用办公室备份密钥加密。</translation>
    </message>
    <message>
        <source>Choose the folder of the scheduled backups first.</source>
        <translation>请先选择定期备份的文件夹。</translation>
    </message>
    <message>
        <source>Scheduled backups stop; backups are made by hand only.</source>
        <translation>停止定期备份；此后仅手动备份。</translation>
    </message>
    <message>
        <source>While the window runs, it writes a backup into {folder} whenever the last one there is {days:g} day(s) old.</source>
        <translation>窗口运行期间，每当该文件夹中最近一次备份已满 {days:g} 天，即向 {folder} 写入一份新备份。</translation>
    </message>
    <message>
        <source>Backup schedule</source>
        <translation>备份计划</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Saved: no scheduled backups.</source>
        <translation>已保存：不进行定期备份。</translation>
    </message>
    <message>
        <source>Saved: a backup into {folder} every {days:g} day(s); the first is made at the next timer.</source>
        <translation>已保存：每 {days:g} 天向 {folder} 备份一次；首次备份在下一次定时检查时进行。</translation>
    </message>
    <message>
        <source>Choose the backup file first.</source>
        <translation>请先选择备份文件。</translation>
    </message>
    <message>
        <source>The backup cannot be read: {what}
{todo}</source>
        <translation>无法读取备份：{what}
{todo}</translation>
    </message>
    <message>
        <source>Check the backup</source>
        <translation>核验备份</translation>
    </message>
    <message>
        <source>The private backup key file {file} is protected by a passphrase.</source>
        <translation>备份私钥文件 {file} 受口令保护。</translation>
    </message>
    <message>
        <source>Passphrase of the key file:</source>
        <translation>密钥文件口令：</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>核验</translation>
    </message>
    <message>
        <source>Checking the backup…</source>
        <translation>正在核验备份…</translation>
    </message>
    <message>
        <source>NOT GOOD: {what}
{todo}</source>
        <translation>核验未通过：{what}
{todo}</translation>
    </message>
    <message>
        <source>GOOD: a backup of station {station} made {when}, the journal through entry {seq}; the station&apos;s signature and the encrypted content check.</source>
        <translation>核验通过：签章站 {station} 于 {when} 制作的备份，日志截至第 {seq} 条；签章站签名和加密内容均核验无误。</translation>
    </message>
    <message>
        <source>Give the private backup key file to check every file inside too.</source>
        <translation>提供备份私钥文件可逐一核验其中的每个文件。</translation>
    </message>
    <message>
        <source>All {n} files inside match.</source>
        <translation>其中全部 {n} 个文件均核对一致。</translation>
    </message>
    <message>
        <source>A restore needs the private backup key file and an empty folder to restore into.</source>
        <translation>恢复需要备份私钥文件和一个用于恢复的空文件夹。</translation>
    </message>
    <message>
        <source>Journal passphrase of the backed-up station:</source>
        <translation>被备份签章站的日志口令：</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>The station in {file} is written into {folder}, which must be empty, and its history is checked against the office archive. Nothing is written over this station while it is open.</source>
        <translation>{file} 中的签章站将写入 {folder}（该文件夹必须为空），其历史记录将与办公室存档核对。本签章站处于打开状态时，不会被覆盖写入。</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Restoring…</source>
        <translation>正在恢复…</translation>
    </message>
    <message>
        <source>Not restored: {what}
{todo}</source>
        <translation>未恢复：{what}
{todo}</translation>
    </message>
    <message>
        <source>Restored station {station} into {folder}: {n} file(s), the journal verified through entry {seq}. Entries made after {when} are not in it. To use it, start SealStation with that folder as the station home.</source>
        <translation>已将签章站 {station} 恢复到 {folder}：共 {n} 个文件，日志已核验至第 {seq} 条。{when} 之后的条目不在其中。如需使用，请以该文件夹作为签章站主目录启动 SealStation。</translation>
    </message>
    <message>
        <source>Its history was NOT checked against an office archive (none is set).</source>
        <translation>其历史记录未与办公室存档核对（未设置存档）。</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>选择文件夹</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>选择文件</translation>
    </message>
</context>
</TS>
