<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>VerifyDialog</name>
    <message>
        <source>Verify a file or a copy</source>
        <translation>核验文件或纸质件</translation>
    </message>
    <message>
        <source>Stamped file</source>
        <translation>签章文件</translation>
    </message>
    <message>
        <source>Paper copy</source>
        <translation>纸质件</translation>
    </message>
    <message>
        <source>Choose a stamped PDF file, or drop it on this window.</source>
        <translation>请选择已签章的 PDF 文件，或将其拖放到本窗口。</translation>
    </message>
    <message>
        <source>&amp;Choose a file…</source>
        <translation>选择文件(&amp;C)…</translation>
    </message>
    <message>
        <source>QR code text or serial</source>
        <translation>二维码内容或份号</translation>
    </message>
    <message>
        <source>Chec&amp;k</source>
        <translation>核验(&amp;K)</translation>
    </message>
    <message>
        <source>Open a &amp;scan or photo…</source>
        <translation>打开扫描件或照片(&amp;S)…</translation>
    </message>
    <message>
        <source>Signatures found</source>
        <translation>文件中的签章</translation>
    </message>
    <message>
        <source>About this copy</source>
        <translation>该纸质件的信息</translation>
    </message>
    <message>
        <source>The copy&apos;s status</source>
        <translation>纸质件状态</translation>
    </message>
    <message>
        <source>Signatures and pages</source>
        <translation>签章与页面</translation>
    </message>
    <message>
        <source>Pages with the seals found highlighted</source>
        <translation>页面预览（已标出找到的印章）</translation>
    </message>
    <message>
        <source>Choose a stamped file</source>
        <translation>选择签章文件</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Open a scan or photo of a copy</source>
        <translation>打开纸质件的扫描件或照片</translation>
    </message>
    <message>
        <source>Scans and photos ({patterns})</source>
        <translation>扫描件和照片 ({patterns})</translation>
    </message>
    <message>
        <source>Checking {file}…</source>
        <translation>正在核验 {file}…</translation>
    </message>
    <message>
        <source>VALID BUT NOT REGISTERED: the signatures of {file} check out, but the office archive has no record of {n} of its stamps.</source>
        <translation>有效但未登记：{file} 的签章核验通过，但办公室存档中没有其中 {n} 个签章的记录。</translation>
    </message>
    <message>
        <source>VALID: {file} is stamped and unchanged since.</source>
        <translation>有效：{file} 已签章，签章后未被改动。</translation>
    </message>
    <message>
        <source>NOT VALID: {file} carries no signature.</source>
        <translation>无效：{file} 没有任何签章。</translation>
    </message>
    <message>
        <source>NOT VALID: {file} fails the checks below.</source>
        <translation>无效：{file} 未通过以下核验。</translation>
    </message>
    <message>
        <source>Something was added to the file after its last signature.</source>
        <translation>最后一个签章之后，文件被追加了内容。</translation>
    </message>
    <message>
        <source>The file can act by itself when opened: {what}.</source>
        <translation>该文件打开时会自行执行操作：{what}。</translation>
    </message>
    <message>
        <source>SHA-256 of the file: {sha}</source>
        <translation>文件的 SHA-256：{sha}</translation>
    </message>
    <message>
        <source>The office archive could not be asked whether these stamps are registered: {what}</source>
        <translation>无法向办公室存档查询这些签章是否已登记：{what}</translation>
    </message>
    <message>
        <source>This station has no office archive configured: whether these stamps are registered cannot be checked here.</source>
        <translation>本用印站未配置办公室存档，无法在此核查这些签章是否已登记。</translation>
    </message>
    <message>
        <source>The office archive {archive} was asked. It recorded the unregistered signatures seen here ({n}) for the office&apos;s monthly report.</source>
        <translation>已向办公室存档 {archive} 查询。存档已记录在此发现的未登记签章（{n} 个），供办公室月度汇总表使用。</translation>
    </message>
    <message>
        <source>The office archive {archive} was asked.</source>
        <translation>已向办公室存档 {archive} 查询。</translation>
    </message>
    <message>
        <source>not a seal of this system</source>
        <translation>非本系统的印章</translation>
    </message>
    <message>
        <source>page {page}</source>
        <translation>第 {page} 页</translation>
    </message>
    <message>
        <source>not visible</source>
        <translation>不可见</translation>
    </message>
    <message>
        <source>the whole file</source>
        <translation>整个文件</translation>
    </message>
    <message>
        <source>an earlier version of the file</source>
        <translation>文件的较早版本</translation>
    </message>
    <message>
        <source>good</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>Signature {n}: {verdict}
Seal: {seal}
Signer: {signer}
Time: {time}
Where: {where}
Covers: {covers}</source>
        <translation>签章 {n}：{verdict}
印章：{seal}
签章人：{signer}
时间：{time}
位置：{where}
覆盖范围：{covers}</translation>
    </message>
    <message>
        <source>not stated</source>
        <translation>未注明</translation>
    </message>
    <message>
        <source>The same seal also on pages: {pages}</source>
        <translation>同一印章还盖在第 {pages} 页</translation>
    </message>
    <message>
        <source>Cross-page seal: strips on {n} of the {total} pages stamped</source>
        <translation>骑缝章：签章时的 {total} 页中有 {n} 页带有骑缝章</translation>
    </message>
    <message>
        <source>Office archive: registered, stamped at station {station} by {custodian} under request {request}, {time}</source>
        <translation>办公室存档：已登记，由 {custodian} 于用印站 {station} 按用印申请 {request} 签章，时间 {time}</translation>
    </message>
    <message>
        <source>Locked after the last seal ({field}): only filling in the form is allowed.</source>
        <translation>最后一枚印章（{field}）加盖后已锁定：仅允许填写表单。</translation>
    </message>
    <message>
        <source>Locked after the last seal ({field}): no change is allowed.</source>
        <translation>最后一枚印章（{field}）加盖后已锁定：不允许任何修改。</translation>
    </message>
    <message>
        <source>The lock is BROKEN: the file was changed after it was locked.</source>
        <translation>锁定已被破坏：文件在锁定后被修改。</translation>
    </message>
    <message>
        <source>NOT VALID: the file was changed after the last seal locked it</source>
        <translation>无效：最后一枚印章锁定文件后，文件又被修改</translation>
    </message>
    <message>
        <source>NOT VALID: the signed content was changed</source>
        <translation>无效：签章所覆盖的内容已被改动</translation>
    </message>
    <message>
        <source>NOT VALID: the signature does not match</source>
        <translation>无效：签名与内容不符</translation>
    </message>
    <message>
        <source>NOT VALID: not made by a seal authority this station trusts</source>
        <translation>无效：并非由本站信任的印章证书机构签发</translation>
    </message>
    <message>
        <source>NOT VALID: a page carrying a strip of its cross-page seal was removed or replaced</source>
        <translation>无效：带有骑缝章的页面已被删除或替换</translation>
    </message>
    <message>
        <source>NOT VALID: the file was changed after this signature</source>
        <translation>无效：该签章之后文件被改动</translation>
    </message>
    <message>
        <source>Could not check the file: {what}</source>
        <translation>无法核验该文件：{what}</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在核验…</translation>
    </message>
    <message>
        <source>Looking for the copy&apos;s code on {file}…</source>
        <translation>正在 {file} 中查找纸质件的二维码…</translation>
    </message>
    <message>
        <source>The scan holds the codes of {n} copies; the first is shown above.</source>
        <translation>该扫描件含有 {n} 份纸质件的二维码，上方显示的是第一份。</translation>
    </message>
    <message>
        <source>{serial}: {status}</source>
        <translation>{serial}：{status}</translation>
    </message>
    <message>
        <source>Genuine</source>
        <translation>真实件</translation>
    </message>
    <message>
        <source>Voided</source>
        <translation>已作废</translation>
    </message>
    <message>
        <source>Recalled</source>
        <translation>已收回</translation>
    </message>
    <message>
        <source>Status unknown</source>
        <translation>状态未知</translation>
    </message>
    <message>
        <source>Never finished printing</source>
        <translation>未完成打印</translation>
    </message>
    <message>
        <source>Not genuine</source>
        <translation>非真实件</translation>
    </message>
    <message>
        <source>NOT GENUINE: this copy was not printed by a trusted station, or its code was altered.</source>
        <translation>非真实件：该纸质件并非由受信任的用印站打印，或其二维码已被篡改。</translation>
    </message>
    <message>
        <source>GENUINE: copy {k} of {n} ({serial}), {status}.</source>
        <translation>真实件：共 {n} 份中的第 {k} 份（{serial}），{status}。</translation>
    </message>
    <message>
        <source>Printed on {date} by station {station}.</source>
        <translation>于 {date} 由用印站 {station} 打印。</translation>
    </message>
    <message>
        <source>Request: {request}
Document: {document}
Custodian: {custodian}</source>
        <translation>用印申请：{request}
文件：{document}
专管人员：{custodian}</translation>
    </message>
    <message>
        <source>Reason given: {reason}</source>
        <translation>所述原因：{reason}</translation>
    </message>
    <message>
        <source>Its status is as the office archive records it (another station printed it).</source>
        <translation>该状态以办公室存档的记录为准（由其他用印站打印）。</translation>
    </message>
    <message>
        <source>The office archive could not be asked about this copy: {what}</source>
        <translation>无法向办公室存档查询该纸质件：{what}</translation>
    </message>
    <message>
        <source>SHA-256 of the stamped document: {sha}</source>
        <translation>签章文件的 SHA-256：{sha}</translation>
    </message>
    <message>
        <source>but its print job never completed</source>
        <translation>但其打印任务未完成</translation>
    </message>
    <message>
        <source>printed and current</source>
        <translation>已打印，当前有效</translation>
    </message>
    <message>
        <source>printed, since VOIDED</source>
        <translation>已打印，现已作废</translation>
    </message>
    <message>
        <source>Scan the copy&apos;s QR code, or type or paste its text or its serial (for example C000012), then press Enter. Or open a scan or a photo of the page (PNG, JPEG or PDF), or drop it here.</source>
        <translation>请扫描纸质件上的二维码，或输入、粘贴二维码内容或份号（例如 C000012），然后按回车键；也可以打开该页的扫描件或照片（PNG、JPEG 或 PDF），或将其拖放到此处。</translation>
    </message>
    <message>
        <source>Office archive: NOT REGISTERED: the archive has no record of this stamp (made outside a station that reports to it, or not sent there yet)</source>
        <translation>办公室存档：未登记：存档中没有该签章的记录（并非在向存档报送记录的用印站加盖，或尚未报送）</translation>
    </message>
    <message>
        <source>GENUINE: copy {k} of {n} ({serial}), printed by station {station}; neither this station nor the office archive has a record of it, so whether it was voided or recalled is not known.</source>
        <translation>真实件：共 {n} 份中的第 {k} 份（{serial}），由用印站 {station} 打印；本用印站和办公室存档均无该份记录，无法确定其是否已作废或收回。</translation>
    </message>
    <message>
        <source>printed, since RECALLED</source>
        <translation>已打印，现已收回</translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation>未核验</translation>
    </message>
    <message>
        <source>NOT GENUINE: {what}</source>
        <translation>非真实件：{what}</translation>
    </message>
</context>
</TS>
