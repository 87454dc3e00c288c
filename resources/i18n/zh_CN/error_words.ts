<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ErrorWords</name>
    <message>
        <source>Something went wrong.</source>
        <translation>操作未能完成。</translation>
    </message>
    <message>
        <source>Try again; if it happens again, tell the office what was shown.</source>
        <translation>请重试；如再次出现，请将提示内容告知办公室。</translation>
    </message>
    <message>
        <source>The station&apos;s configuration is missing or invalid.</source>
        <translation>签章站配置缺失或无效。</translation>
    </message>
    <message>
        <source>Ask the office to check the station&apos;s settings.</source>
        <translation>请联系办公室检查签章站设置。</translation>
    </message>
    <message>
        <source>The station&apos;s policy is not signed by the office, or a setting is where it does not belong.</source>
        <translation>签章站策略未经办公室签名，或某项设置位置不当。</translation>
    </message>
    <message>
        <source>Ask the office to sign the station&apos;s policy again.</source>
        <translation>请联系办公室重新签发签章站策略。</translation>
    </message>
    <message>
        <source>The document cannot be used.</source>
        <translation>该文件无法使用。</translation>
    </message>
    <message>
        <source>Check the file, or get it again from its author.</source>
        <translation>请检查文件，或向起草人重新索取。</translation>
    </message>
    <message>
        <source>The file is not a PDF file.</source>
        <translation>该文件不是 PDF 文件。</translation>
    </message>
    <message>
        <source>Open the approved document as a PDF file.</source>
        <translation>请打开已审批文件的 PDF 版本。</translation>
    </message>
    <message>
        <source>The document is damaged and cannot be read.</source>
        <translation>文件已损坏，无法读取。</translation>
    </message>
    <message>
        <source>Get an undamaged copy from its author, then have it approved.</source>
        <translation>请向起草人索取完好的文件，并重新报批。</translation>
    </message>
    <message>
        <source>The document is encrypted in a way SealStation cannot open.</source>
        <translation>文件采用了 SealStation 无法打开的加密方式。</translation>
    </message>
    <message>
        <source>Ask the author for an unencrypted copy, then have it approved.</source>
        <translation>请向起草人索取未加密的文件，并重新报批。</translation>
    </message>
    <message>
        <source>The document uses something SealStation cannot read.</source>
        <translation>文件中含有 SealStation 无法读取的内容。</translation>
    </message>
    <message>
        <source>Ask for a copy re-exported as a standard PDF, then have it approved.</source>
        <translation>请索取重新导出的标准 PDF 文件，并重新报批。</translation>
    </message>
    <message>
        <source>The document&apos;s owner forbids changes to it, a seal included.</source>
        <translation>文件所有者禁止修改该文件，包括加盖印章。</translation>
    </message>
    <message>
        <source>Ask the author for a copy that allows signing, then have it approved.</source>
        <translation>请向起草人索取允许签章的文件，并重新报批。</translation>
    </message>
    <message>
        <source>That page does not exist in the document.</source>
        <translation>文件中没有该页。</translation>
    </message>
    <message>
        <source>Choose a page of the document.</source>
        <translation>请选择文件中的页面。</translation>
    </message>
    <message>
        <source>The seal cannot be placed there.</source>
        <translation>印章不能放在该位置。</translation>
    </message>
    <message>
        <source>Move the seal so that it lies wholly on the page.</source>
        <translation>请移动印章，使其完全位于页面内。</translation>
    </message>
    <message>
        <source>The pages to stamp cannot be read.</source>
        <translation>无法识别要盖章的页码。</translation>
    </message>
    <message>
        <source>Write pages and ranges separated by commas, e.g. 1-3,-1.</source>
        <translation>请用逗号分隔页码和页码范围，例如 1-3,-1。</translation>
    </message>
    <message>
        <source>The keyword for the seal appears nowhere in the document.</source>
        <translation>文档中找不到用于定位印章的关键字。</translation>
    </message>
    <message>
        <source>Check the keyword as the document shows it, or choose one the document contains.</source>
        <translation>请按文档中显示的文字核对关键字，或从文档包含的关键字中选择。</translation>
    </message>
    <message>
        <source>That signature field cannot take the seal.</source>
        <translation>该签章域不能用于盖章。</translation>
    </message>
    <message>
        <source>Choose an empty signature field, or place the seal by position or keyword.</source>
        <translation>请选择一个空白签章域，或按位置、关键字放置印章。</translation>
    </message>
    <message>
        <source>The output file cannot be written.</source>
        <translation>无法写入输出文件。</translation>
    </message>
    <message>
        <source>Choose a folder you can write to, with free space.</source>
        <translation>请选择有写入权限且空间充足的文件夹。</translation>
    </message>
    <message>
        <source>The output file may not be written there.</source>
        <translation>输出文件不允许保存到该位置。</translation>
    </message>
    <message>
        <source>Choose another name or folder; nothing was written.</source>
        <translation>请另选文件名或文件夹；未写入任何内容。</translation>
    </message>
    <message>
        <source>A file of that name exists already.</source>
        <translation>同名文件已存在。</translation>
    </message>
    <message>
        <source>Choose another name, or confirm replacing it.</source>
        <translation>请另选文件名，或确认替换原文件。</translation>
    </message>
    <message>
        <source>The document changed on disk while it was being stamped.</source>
        <translation>签章过程中，磁盘上的文件发生了变化。</translation>
    </message>
    <message>
        <source>Nothing was stamped. Open the document again and check it.</source>
        <translation>未加盖任何印章。请重新打开文件并核对。</translation>
    </message>
    <message>
        <source>The stamp could not be made.</source>
        <translation>签章未能完成。</translation>
    </message>
    <message>
        <source>Nothing was stamped. Try again; if it happens again, tell the office.</source>
        <translation>未加盖任何印章。请重试；如再次出现，请告知办公室。</translation>
    </message>
    <message>
        <source>A signature could not be checked.</source>
        <translation>无法验证签名。</translation>
    </message>
    <message>
        <source>Check the file, or ask the office.</source>
        <translation>请检查文件，或联系办公室。</translation>
    </message>
    <message>
        <source>The seal&apos;s image cannot be drawn.</source>
        <translation>无法绘制印模。</translation>
    </message>
    <message>
        <source>Ask the office to check the seal&apos;s image.</source>
        <translation>请联系办公室检查印模。</translation>
    </message>
    <message>
        <source>The seal&apos;s USB key reported an error.</source>
        <translation>印章 USB Key 报告错误。</translation>
    </message>
    <message>
        <source>Unplug the USB key, plug it in again and retry.</source>
        <translation>请拔下 USB Key，重新插入后重试。</translation>
    </message>
    <message>
        <source>The USB key&apos;s driver cannot be found or loaded.</source>
        <translation>找不到或无法加载 USB Key 驱动程序。</translation>
    </message>
    <message>
        <source>Ask IT to install the USB key&apos;s driver.</source>
        <translation>请联系信息技术人员安装 USB Key 驱动程序。</translation>
    </message>
    <message>
        <source>The seal&apos;s USB key is not plugged in.</source>
        <translation>印章 USB Key 未插入。</translation>
    </message>
    <message>
        <source>Plug in the seal&apos;s USB key and try again.</source>
        <translation>请插入印章 USB Key 后重试。</translation>
    </message>
    <message>
        <source>The seal&apos;s key is not on its USB key.</source>
        <translation>USB Key 中没有该印章的密钥。</translation>
    </message>
    <message>
        <source>Ask the office to make or restore the seal&apos;s key.</source>
        <translation>请联系办公室制作或恢复印章密钥。</translation>
    </message>
    <message>
        <source>The PIN was not accepted.</source>
        <translation>PIN 码未被接受。</translation>
    </message>
    <message>
        <source>Check the PIN; do not guess.</source>
        <translation>请核对 PIN 码，切勿猜测。</translation>
    </message>
    <message>
        <source>Wrong PIN.</source>
        <translation>PIN 码错误。</translation>
    </message>
    <message>
        <source>Check the PIN and type it again; do not guess.</source>
        <translation>请核对 PIN 码后重新输入，切勿猜测。</translation>
    </message>
    <message>
        <source>The USB key&apos;s PIN is locked.</source>
        <translation>USB Key 的 PIN 码已锁定。</translation>
    </message>
    <message>
        <source>Only the office can unlock it, with the key&apos;s SO PIN.</source>
        <translation>只有办公室可以使用管理员 PIN（SO PIN）解锁。</translation>
    </message>
    <message>
        <source>The USB key was removed or stopped answering.</source>
        <translation>USB Key 已被拔出或无响应。</translation>
    </message>
    <message>
        <source>Plug the USB key back in and try again; nothing was signed.</source>
        <translation>请重新插入 USB Key 后重试；未签署任何内容。</translation>
    </message>
    <message>
        <source>The office&apos;s seal authority is missing or cannot be used.</source>
        <translation>办公室印章签发机构（CA）缺失或无法使用。</translation>
    </message>
    <message>
        <source>Ask the office to check the station.</source>
        <translation>请联系办公室检查签章站。</translation>
    </message>
    <message>
        <source>The seal authority in the station&apos;s folder is not the one the office installed.</source>
        <translation>签章站目录中的印章签发机构不是办公室安装的那一个。</translation>
    </message>
    <message>
        <source>Stamping is stopped. Ask the office to check the station.</source>
        <translation>签章已停止。请联系办公室检查签章站。</translation>
    </message>
    <message>
        <source>No such seal is registered at this station.</source>
        <translation>本签章站未登记该印章。</translation>
    </message>
    <message>
        <source>Choose one of the station&apos;s seals.</source>
        <translation>请选择本签章站的印章。</translation>
    </message>
    <message>
        <source>This is not allowed in the seal&apos;s current status.</source>
        <translation>印章当前状态下不允许此操作。</translation>
    </message>
    <message>
        <source>Check the seal&apos;s status with the office.</source>
        <translation>请向办公室核实印章状态。</translation>
    </message>
    <message>
        <source>This seal may not stamp now.</source>
        <translation>该印章当前不能用于签章。</translation>
    </message>
    <message>
        <source>Ask the office about the seal.</source>
        <translation>请向办公室咨询该印章的情况。</translation>
    </message>
    <message>
        <source>The station&apos;s journal cannot be opened or written.</source>
        <translation>无法打开或写入签章站的用印记录。</translation>
    </message>
    <message>
        <source>Nothing was stamped. Ask the office to check the station.</source>
        <translation>未加盖任何印章。请联系办公室检查签章站。</translation>
    </message>
    <message>
        <source>The journal passphrase does not open this station&apos;s journal.</source>
        <translation>签章日志口令无法打开本签章站的签章日志。</translation>
    </message>
    <message>
        <source>Type it again; ask the office if it was changed.</source>
        <translation>请重新输入；如口令已更改，请询问办公室。</translation>
    </message>
    <message>
        <source>No secure keyring holds the journal&apos;s key on this computer.</source>
        <translation>本机没有可保存用印记录密钥的安全密钥环。</translation>
    </message>
    <message>
        <source>Ask IT to set up the system keyring.</source>
        <translation>请联系信息技术人员配置系统密钥环。</translation>
    </message>
    <message>
        <source>Stamping is stopped: the journal failed its check.</source>
        <translation>签章已停止：用印记录校验未通过。</translation>
    </message>
    <message>
        <source>The office must review the journal before stamping resumes.</source>
        <translation>须经办公室审查用印记录后方可恢复签章。</translation>
    </message>
    <message>
        <source>Stamping is stopped: this computer&apos;s clock is behind the latest time the station has seen.</source>
        <translation>签章已停止：本机时钟早于签章站记录的最近时间。</translation>
    </message>
    <message>
        <source>Ask IT to set the clock right; the office then reviews the stop.</source>
        <translation>请联系信息技术人员校正时钟，再由办公室审查此次停止。</translation>
    </message>
    <message>
        <source>Stamping is stopped: the station&apos;s records disagree with the record on the seal&apos;s USB key.</source>
        <translation>签章已停止：签章站记录与印章 USB Key 中的记录不一致。</translation>
    </message>
    <message>
        <source>Nothing was signed. The office must review the station before stamping resumes.</source>
        <translation>未签署任何内容。须经办公室审查签章站后方可恢复签章。</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <source>Type them again. Too many wrong tries lock the account for a while.</source>
        <translation>请重新输入。错误次数过多，账户将被暂时锁定。</translation>
    </message>
    <message>
        <source>The account is locked for a while after too many wrong passwords.</source>
        <translation>密码错误次数过多，账户已被暂时锁定。</translation>
    </message>
    <message>
        <source>Wait until then, or ask the office to unlock it.</source>
        <translation>请等到解锁时间，或联系办公室解锁。</translation>
    </message>
    <message>
        <source>The password must be changed first.</source>
        <translation>须先修改密码。</translation>
    </message>
    <message>
        <source>Choose a new password.</source>
        <translation>请设置新密码。</translation>
    </message>
    <message>
        <source>A password or PIN was needed, but none was given.</source>
        <translation>需要密码或 PIN 码，但未输入。</translation>
    </message>
    <message>
        <source>Try again and enter it when asked.</source>
        <translation>请重试，并在提示时输入。</translation>
    </message>
    <message>
        <source>A password or PIN was needed, but there is nowhere to ask for it.</source>
        <translation>需要密码或 PIN 码，但无处可以输入。</translation>
    </message>
    <message>
        <source>Run it from the window or a terminal.</source>
        <translation>请在窗口或终端中执行。</translation>
    </message>
    <message>
        <source>Your role does not allow this.</source>
        <translation>您的角色无权执行此操作。</translation>
    </message>
    <message>
        <source>Ask someone who holds that role.</source>
        <translation>请联系具有相应角色的人员。</translation>
    </message>
    <message>
        <source>A user&apos;s record is not signed by the office as it stands.</source>
        <translation>用户记录与办公室签名的内容不符。</translation>
    </message>
    <message>
        <source>Ask the office to set the user again.</source>
        <translation>请联系办公室重新设置该用户。</translation>
    </message>
    <message>
        <source>There is no valid approval for this stamp.</source>
        <translation>此次签章没有有效的审批。</translation>
    </message>
    <message>
        <source>The document must be approved before it is stamped.</source>
        <translation>文件须经审批后方可签章。</translation>
    </message>
    <message>
        <source>The stamp request cannot be made or changed like this.</source>
        <translation>无法按此方式提交或修改用印申请。</translation>
    </message>
    <message>
        <source>Check what was entered and try again.</source>
        <translation>请检查输入内容后重试。</translation>
    </message>
    <message>
        <source>The request cannot do this in its current state.</source>
        <translation>用印申请在当前状态下不能执行此操作。</translation>
    </message>
    <message>
        <source>Check the request&apos;s state in the work queue.</source>
        <translation>请在待办列表中查看申请状态。</translation>
    </message>
    <message>
        <source>The user cannot be added or changed like this.</source>
        <translation>无法按此方式添加或修改用户。</translation>
    </message>
    <message>
        <source>A user of that name exists already.</source>
        <translation>同名用户已存在。</translation>
    </message>
    <message>
        <source>Choose another user name.</source>
        <translation>请另选用户名。</translation>
    </message>
    <message>
        <source>There is no user of that name at this station.</source>
        <translation>本签章站没有该用户。</translation>
    </message>
    <message>
        <source>Check the user name.</source>
        <translation>请核对用户名。</translation>
    </message>
    <message>
        <source>An approver needs an authority level.</source>
        <translation>审批人须设定审批权限级别。</translation>
    </message>
    <message>
        <source>Give the approver&apos;s authority level.</source>
        <translation>请填写审批人的权限级别。</translation>
    </message>
    <message>
        <source>The approver&apos;s key for OA approvals cannot be read.</source>
        <translation>无法读取审批人用于 OA 审批的密钥。</translation>
    </message>
    <message>
        <source>Give the public key file the OA system exported.</source>
        <translation>请提供 OA 系统导出的公钥文件。</translation>
    </message>
    <message>
        <source>The new password breaks the office&apos;s password rules.</source>
        <translation>新密码不符合办公室的密码规则。</translation>
    </message>
    <message>
        <source>Choose a longer password, different from the old one.</source>
        <translation>请设置更长且不同于旧密码的新密码。</translation>
    </message>
    <message>
        <source>This station must be upgraded once by the office before it stamps.</source>
        <translation>本签章站须先由办公室完成一次升级后方可签章。</translation>
    </message>
    <message>
        <source>Ask the office to upgrade the station.</source>
        <translation>请联系办公室升级签章站。</translation>
    </message>
    <message>
        <source>The station&apos;s own key is missing or cannot be used.</source>
        <translation>签章站自身密钥缺失或无法使用。</translation>
    </message>
    <message>
        <source>The office archive cannot be used as set up.</source>
        <translation>按当前设置无法使用办公室存档。</translation>
    </message>
    <message>
        <source>Ask the office to check the archive settings.</source>
        <translation>请联系办公室检查存档设置。</translation>
    </message>
    <message>
        <source>The office archive cannot be reached now.</source>
        <translation>当前无法连接办公室存档。</translation>
    </message>
    <message>
        <source>Nothing was lost: the records wait here and are sent at the next sync.</source>
        <translation>记录没有丢失：已在本机排队，将在下次同步时发送。</translation>
    </message>
    <message>
        <source>This archive is not the one the office&apos;s policy names.</source>
        <translation>该存档不是办公室策略指定的存档。</translation>
    </message>
    <message>
        <source>The station has gone too long without reaching the office archive.</source>
        <translation>签章站与办公室存档失联时间过长。</translation>
    </message>
    <message>
        <source>Connect to the office network and sync, then try again.</source>
        <translation>请连接办公网络并同步后重试。</translation>
    </message>
    <message>
        <source>The copy could not be printed.</source>
        <translation>该份文件未能打印。</translation>
    </message>
    <message>
        <source>Check the printer and try again.</source>
        <translation>请检查打印机后重试。</translation>
    </message>
    <message>
        <source>Printing this document is not allowed.</source>
        <translation>不允许打印该文件。</translation>
    </message>
    <message>
        <source>Only a document stamped here under an approval, with copies left, is printed.</source>
        <translation>只能打印在本站按审批签章、且尚有剩余份数的文件。</translation>
    </message>
    <message>
        <source>The backup cannot be made, read or restored as asked.</source>
        <translation>无法按要求创建、读取或恢复备份。</translation>
    </message>
    <message>
        <source>Ask the office.</source>
        <translation>请联系办公室。</translation>
    </message>
    <message>
        <source>The office&apos;s backup key is missing or not the right one.</source>
        <translation>办公室备份密钥缺失或不正确。</translation>
    </message>
    <message>
        <source>Ask the office to set the backup key.</source>
        <translation>请联系办公室设置备份密钥。</translation>
    </message>
    <message>
        <source>The backup file is damaged or forged.</source>
        <translation>备份文件已损坏或系伪造。</translation>
    </message>
    <message>
        <source>Use another backup, and tell the office.</source>
        <translation>请改用其他备份，并告知办公室。</translation>
    </message>
    <message>
        <source>The restore would overwrite something; nothing was written.</source>
        <translation>恢复将覆盖现有内容；未写入任何内容。</translation>
    </message>
    <message>
        <source>Close every SealStation window and restore into an empty folder.</source>
        <translation>请关闭所有 SealStation 窗口，并恢复到空文件夹。</translation>
    </message>
    <message>
        <source>The office&apos;s timestamp authority could not be used.</source>
        <translation>无法使用单位的时间戳服务。</translation>
    </message>
    <message>
        <source>The seal is valid; the timestamp is added later, when the authority answers.</source>
        <translation>签章有效；时间戳服务恢复应答后再补加时间戳。</translation>
    </message>
    <message>
        <source>{file} is not a PDF file.</source>
        <translation>{file} 不是 PDF 文件。</translation>
    </message>
    <message>
        <source>{file} is damaged and cannot be read.</source>
        <translation>{file} 已损坏，无法读取。</translation>
    </message>
    <message>
        <source>{file} is encrypted in a way SealStation cannot open.</source>
        <translation>{file} 采用了 SealStation 无法打开的加密方式。</translation>
    </message>
    <message>
        <source>The owner of {file} forbids changes to it, a seal included.</source>
        <translation>{file} 的所有者禁止修改该文件，包括加盖印章。</translation>
    </message>
    <message>
        <source>Page {page} does not exist: the document has {pages} pages.</source>
        <translation>第 {page} 页不存在：文件共 {pages} 页。</translation>
    </message>
    <message>
        <source>Choose a page from 1 to {pages}.</source>
        <translation>请选择第 1 至 {pages} 页。</translation>
    </message>
    <message>
        <source>The pages to stamp, &apos;{pages_text}&apos;, cannot be read: &apos;{item}&apos; is not a page or a range.</source>
        <translation>无法识别要盖章的页码“{pages_text}”：“{item}”不是页码或页码范围。</translation>
    </message>
    <message>
        <source>Write pages and ranges separated by commas, lower page first, e.g. 1-3,-1 (pages 1 to 3 and the last page).</source>
        <translation>请用逗号分隔页码和页码范围，小页码在前，例如 1-3,-1（第 1 至 3 页及最后一页）。</translation>
    </message>
    <message>
        <source>The pages to stamp name page {page}, but the document has {pages} pages.</source>
        <translation>要盖章的页码包含第 {page} 页，但文档只有 {pages} 页。</translation>
    </message>
    <message>
        <source>Choose pages from 1 to {pages} (-1 is the last page).</source>
        <translation>请选择第 1 至 {pages} 页（-1 表示最后一页）。</translation>
    </message>
    <message>
        <source>The pages to stamp, &apos;{pages_text}&apos;, hold no page of this {pages}-page document.</source>
        <translation>要盖章的页码“{pages_text}”不包含这份 {pages} 页文档中的任何一页。</translation>
    </message>
    <message>
        <source>Choose pages the document has.</source>
        <translation>请选择文档中存在的页码。</translation>
    </message>
    <message>
        <source>The keyword &apos;{text}&apos; appears nowhere in {file}.</source>
        <translation>在 {file} 中找不到关键字“{text}”。</translation>
    </message>
    <message>
        <source>Check the keyword as the document shows it (or choose one the document contains), or place the seal by position.</source>
        <translation>请按文档中显示的文字核对关键字（或从文档包含的关键字中选择），或按位置放置印章。</translation>
    </message>
    <message>
        <source>{file} already carries a signature: repeating the seal on {places} places would break it.</source>
        <translation>{file} 已有签名：在 {places} 处重复加盖印章会使该签名失效。</translation>
    </message>
    <message>
        <source>Stamp the page set (or every match) as the request&apos;s first seal, on the unsigned document; on a signed one, put this seal in one place.</source>
        <translation>请在尚未签名的文档上，把多页（或每一处匹配）盖章作为本申请的第一枚印章；已签名的文档上，此印章只能盖在一处。</translation>
    </message>
    <message>
        <source>No keyword was given for the seal.</source>
        <translation>未填写用于定位印章的关键字。</translation>
    </message>
    <message>
        <source>Type the words the seal is to be centred on, as the document shows them.</source>
        <translation>请按文档中显示的文字，输入印章要居中盖在其上的关键字。</translation>
    </message>
    <message>
        <source>{file} has no signature field named &apos;{field}&apos;.</source>
        <translation>{file} 中没有名为“{field}”的签章域。</translation>
    </message>
    <message>
        <source>Choose one of its empty signature fields ({fields}), or place the seal by position or keyword.</source>
        <translation>请选择其中一个空白签章域（{fields}），或按位置、关键字放置印章。</translation>
    </message>
    <message>
        <source>The signature field &apos;{field}&apos; of {file} is already signed.</source>
        <translation>{file} 的签章域“{field}”已经签章。</translation>
    </message>
    <message>
        <source>The signature field &apos;{field}&apos; ({field_width_mm} × {field_height_mm} mm) is smaller than the seal, and the document already carries a signature.</source>
        <translation>签章域“{field}”（{field_width_mm} × {field_height_mm} 毫米）小于印章，且文档已有签名，无法放大该签章域。</translation>
    </message>
    <message>
        <source>Place the seal by position or keyword instead, where it fits at its true size.</source>
        <translation>请改为按位置或关键字放置印章，使印章以实际尺寸盖下。</translation>
    </message>
    <message>
        <source>The signature field &apos;{field}&apos; of {file} is on no page.</source>
        <translation>{file} 的签章域“{field}”不在任何页面上。</translation>
    </message>
    <message>
        <source>Place the seal by position or keyword instead.</source>
        <translation>请改为按位置或关键字放置印章。</translation>
    </message>
    <message>
        <source>A file named {file} exists already.</source>
        <translation>文件 {file} 已存在。</translation>
    </message>
    <message>
        <source>The seal&apos;s USB key ({token}) is not plugged in.</source>
        <translation>印章 USB Key（{token}）未插入。</translation>
    </message>
    <message>
        <source>The seal&apos;s key is not on the USB key {token}.</source>
        <translation>USB Key {token} 中没有该印章的密钥。</translation>
    </message>
    <message>
        <source>Wrong PIN for the USB key {token}.</source>
        <translation>USB Key {token} 的 PIN 码错误。</translation>
    </message>
    <message>
        <source>{file} was replaced or edited while it was being stamped.</source>
        <translation>签章过程中 {file} 被替换或修改。</translation>
    </message>
    <message>
        <source>Nothing was stamped. An edited document needs a new approval.</source>
        <translation>未加盖任何印章。修改后的文件须重新审批。</translation>
    </message>
    <message>
        <source>No seal {seal} is registered at this station.</source>
        <translation>本签章站未登记印章 {seal}。</translation>
    </message>
    <message>
        <source>{seal} cannot be a seal id.</source>
        <translation>“{seal}”不能用作印章编号。</translation>
    </message>
    <message>
        <source>Use up to 32 letters, digits, hyphens or underscores, beginning with a letter or digit.</source>
        <translation>印章编号最多 32 个字符，只能使用字母、数字、连字符或下划线，并以字母或数字开头。</translation>
    </message>
    <message>
        <source>A seal {seal} is in the register already.</source>
        <translation>印章台账中已有编号为 {seal} 的印章。</translation>
    </message>
    <message>
        <source>Choose another seal id; a seal&apos;s id is never reused.</source>
        <translation>请另选一个印章编号；印章编号不得重复使用。</translation>
    </message>
    <message>
        <source>The passphrase of the office&apos;s seal authority is wrong.</source>
        <translation>办公室印章签发机构的口令不正确。</translation>
    </message>
    <message>
        <source>Type the passphrase again; nothing was changed.</source>
        <translation>请重新输入口令；未作任何更改。</translation>
    </message>
    <message>
        <source>The office&apos;s seal authority key {file} cannot be read.</source>
        <translation>无法读取办公室印章签发机构的密钥 {file}。</translation>
    </message>
    <message>
        <source>Make the seal register&apos;s changes on the office&apos;s computer, where the key is kept.</source>
        <translation>请在保存该密钥的办公室计算机上办理印章台账的变更。</translation>
    </message>
    <message>
        <source>The PIN of the USB key {token} is locked.</source>
        <translation>USB Key {token} 的 PIN 码已锁定。</translation>
    </message>
    <message>
        <source>The USB key {token} was removed or stopped answering.</source>
        <translation>USB Key {token} 已被拔出或无响应。</translation>
    </message>
    <message>
        <source>Stamping is stopped: the journal failed its check ({reason}).</source>
        <translation>签章已停止：用印记录校验未通过（{reason}）。</translation>
    </message>
    <message>
        <source>Stamping is stopped: the station&apos;s records disagree with the record on the seal&apos;s USB key ({reason}).</source>
        <translation>签章已停止：签章站记录与印章 USB Key 中的记录不一致（{reason}）。</translation>
    </message>
    <message>
        <source>The account {user} is locked until {until}.</source>
        <translation>账户 {user} 已锁定，至 {until} 解锁。</translation>
    </message>
    <message>
        <source>The password of {user} must be changed first.</source>
        <translation>须先修改 {user} 的密码。</translation>
    </message>
    <message>
        <source>The office archive {archive} cannot be reached now.</source>
        <translation>当前无法连接办公室存档 {archive}。</translation>
    </message>
    <message>
        <source>{file} does not exist.</source>
        <translation>{file} 不存在。</translation>
    </message>
    <message>
        <source>Check the file&apos;s name and folder.</source>
        <translation>请核对文件名和所在文件夹。</translation>
    </message>
    <message>
        <source>{file} cannot be read ({reason}).</source>
        <translation>无法读取 {file}（{reason}）。</translation>
    </message>
    <message>
        <source>Check that the file is there and that you may read it.</source>
        <translation>请确认文件存在且有读取权限。</translation>
    </message>
    <message>
        <source>{file} is not a file (a folder, device or pipe).</source>
        <translation>{file} 不是文件（而是文件夹、设备或管道）。</translation>
    </message>
    <message>
        <source>Open the approved document&apos;s PDF file.</source>
        <translation>请打开已审批文件的 PDF 文件。</translation>
    </message>
    <message>
        <source>{file} is empty.</source>
        <translation>{file} 是空文件。</translation>
    </message>
    <message>
        <source>Get the document again from its author.</source>
        <translation>请向起草人重新索取文件。</translation>
    </message>
    <message>
        <source>{file} is cut short: its end is missing.</source>
        <translation>{file} 不完整：文件末尾缺失。</translation>
    </message>
    <message>
        <source>Get a whole copy from its author, then have it approved.</source>
        <translation>请向起草人索取完整文件，并重新报批。</translation>
    </message>
    <message>
        <source>{file} needs a password to open.</source>
        <translation>{file} 需要密码才能打开。</translation>
    </message>
    <message>
        <source>Ask the author for a copy without an opening password, then have it approved.</source>
        <translation>请向起草人索取无打开密码的文件，并重新报批。</translation>
    </message>
    <message>
        <source>{file} is encrypted for particular recipients.</source>
        <translation>{file} 已针对特定接收人加密。</translation>
    </message>
    <message>
        <source>The seal would leave page {page}.</source>
        <translation>印章将超出第 {page} 页的范围。</translation>
    </message>
    <message>
        <source>Put its centre between {min_x_mm} and {max_x_mm} mm across and {min_y_mm} and {max_y_mm} mm down.</source>
        <translation>请将印章中心置于横向 {min_x_mm}–{max_x_mm} mm、纵向 {min_y_mm}–{max_y_mm} mm 之间。</translation>
    </message>
    <message>
        <source>Page {page} ({page_width_mm} × {page_height_mm} mm) is too small for this seal.</source>
        <translation>第 {page} 页（{page_width_mm} × {page_height_mm} mm）太小，放不下该印章。</translation>
    </message>
    <message>
        <source>Choose a larger page for this seal.</source>
        <translation>请为该印章选择更大的页面。</translation>
    </message>
    <message>
        <source>{file} has one page: a cross-page seal joins two pages or more.</source>
        <translation>{file} 只有一页：骑缝章须加盖在两页或以上的文件上。</translation>
    </message>
    <message>
        <source>Stamp this document without a cross-page seal.</source>
        <translation>请不加骑缝章签章此文件。</translation>
    </message>
    <message>
        <source>{file} already carries a signature ({fields}): a cross-page seal drawn into its pages would break it.</source>
        <translation>{file} 已有签章（{fields}）：在页面上加盖骑缝章会使该签章失效。</translation>
    </message>
    <message>
        <source>Stamp the cross-page seal first, on the unsigned document, then the other seals.</source>
        <translation>请先在未签章的文件上加盖骑缝章，再加盖其他印章。</translation>
    </message>
    <message>
        <source>The cross-page seal would leave page {page}.</source>
        <translation>骑缝章会超出第 {page} 页。</translation>
    </message>
    <message>
        <source>Put its centre between {min_mm} and {max_mm} mm along the edge.</source>
        <translation>请将其中心设在沿页边 {min_mm} 至 {max_mm} 毫米之间。</translation>
    </message>
    <message>
        <source>Seal {seal} is too small to be cut into strips for a cross-page seal.</source>
        <translation>印章 {seal} 太小，无法分切为骑缝章。</translation>
    </message>
    <message>
        <source>Use a seal at least {min_mm} mm across.</source>
        <translation>请使用直径（宽度）不小于 {min_mm} 毫米的印章。</translation>
    </message>
    <message>
        <source>The cross-page seal&apos;s edge is not an edge of the page.</source>
        <translation>骑缝章的位置不是页面的某一边。</translation>
    </message>
    <message>
        <source>Choose the right, left, top or bottom edge.</source>
        <translation>请选择右侧、左侧、上侧或下侧页边。</translation>
    </message>
    <message>
        <source>The cross-page seal&apos;s position along the edge is not a number.</source>
        <translation>骑缝章沿页边的位置不是数字。</translation>
    </message>
    <message>
        <source>Give it in millimetres along the edge.</source>
        <translation>请以沿页边的毫米数填写。</translation>
    </message>
    <message>
        <source>The seal&apos;s position on page {page} is not a point.</source>
        <translation>印章在第 {page} 页上的位置无效。</translation>
    </message>
    <message>
        <source>Give the centre in millimetres from the page&apos;s top-left corner.</source>
        <translation>请以距页面左上角的毫米数给出印章中心。</translation>
    </message>
    <message>
        <source>The output folder {folder} does not exist.</source>
        <translation>输出文件夹 {folder} 不存在。</translation>
    </message>
    <message>
        <source>Choose an existing folder; nothing was written.</source>
        <translation>请选择已有的文件夹；未写入任何内容。</translation>
    </message>
    <message>
        <source>The output folder {folder} is read-only for this account.</source>
        <translation>当前账户对输出文件夹 {folder} 只有读取权限。</translation>
    </message>
    <message>
        <source>Choose a folder you can write to; nothing was written.</source>
        <translation>请选择有写入权限的文件夹；未写入任何内容。</translation>
    </message>
    <message>
        <source>The output folder {folder} cannot be written to ({reason}).</source>
        <translation>无法写入输出文件夹 {folder}（{reason}）。</translation>
    </message>
    <message>
        <source>Choose a folder you can write to, with free space; nothing was stamped.</source>
        <translation>请选择有写入权限且空间充足的文件夹；未加盖任何印章。</translation>
    </message>
    <message>
        <source>{path} could not be written ({reason}).</source>
        <translation>无法写入 {path}（{reason}）。</translation>
    </message>
    <message>
        <source>Check free space and permissions; nothing was written.</source>
        <translation>请检查磁盘空间和权限；未写入任何内容。</translation>
    </message>
    <message>
        <source>{path} is inside the station&apos;s own folder, which holds its database, keys and journal.</source>
        <translation>{path} 位于签章站自身目录中，该目录存放数据库、密钥和用印记录。</translation>
    </message>
    <message>
        <source>Write the output somewhere else.</source>
        <translation>请将输出文件保存到其他位置。</translation>
    </message>
    <message>
        <source>{path} is the document being stamped.</source>
        <translation>{path} 就是正在签章的文件。</translation>
    </message>
    <message>
        <source>Choose another name: the approved document is never overwritten.</source>
        <translation>请另选文件名：已审批的原文件不会被覆盖。</translation>
    </message>
    <message>
        <source>{path} is not a file (a folder, device or pipe).</source>
        <translation>{path} 不是文件（而是文件夹、设备或管道）。</translation>
    </message>
    <message>
        <source>Give the name of a PDF file to write.</source>
        <translation>请给出要保存的 PDF 文件名。</translation>
    </message>
    <message>
        <source>{path} is an approved document or an earlier stamp&apos;s output.</source>
        <translation>{path} 是已审批的文件或此前签章的输出文件。</translation>
    </message>
    <message>
        <source>The record of a seal&apos;s use is never written over; choose another name.</source>
        <translation>用印凭证不可覆盖，请另选文件名。</translation>
    </message>
    <message>
        <source>A file named {file} appeared while the output was being made.</source>
        <translation>生成输出文件期间出现了同名文件 {file}。</translation>
    </message>
    <message>
        <source>Nothing was replaced. Choose another name, or confirm replacing it.</source>
        <translation>未替换任何文件。请另选文件名，或确认替换。</translation>
    </message>
    <message>
        <source>{file} disappeared while it was being stamped.</source>
        <translation>签章过程中 {file} 不见了。</translation>
    </message>
    <message>
        <source>Nothing was stamped. Put the approved file back and stamp again.</source>
        <translation>未加盖任何印章。请放回已审批的文件后重新签章。</translation>
    </message>
    <message>
        <source>{file} is certified by its author with no changes allowed: a seal would break the certification.</source>
        <translation>{file} 已由起草人认证为不允许修改：加盖印章将破坏该认证。</translation>
    </message>
    <message>
        <source>{home} holds a station already.</source>
        <translation>{home} 中已有签章站。</translation>
    </message>
    <message>
        <source>Choose another folder for the new station.</source>
        <translation>请为新签章站另选一个文件夹。</translation>
    </message>
    <message>
        <source>{home} is not an empty folder.</source>
        <translation>{home} 不是空文件夹。</translation>
    </message>
    <message>
        <source>Choose a new or empty folder for the station.</source>
        <translation>请为签章站选择一个新的或空的文件夹。</translation>
    </message>
    <message>
        <source>This account cannot write in {folder}.</source>
        <translation>当前账户无权写入 {folder}。</translation>
    </message>
    <message>
        <source>Choose a folder this account may write.</source>
        <translation>请选择当前账户可以写入的文件夹。</translation>
    </message>
    <message>
        <source>There is no USB key driver (PKCS#11 module) at {module}.</source>
        <translation>{module} 处没有 USB Key 驱动程序（PKCS#11 模块）。</translation>
    </message>
    <message>
        <source>Install the USB key&apos;s driver, or choose its PKCS#11 library file.</source>
        <translation>请安装 USB Key 驱动程序，或选择其 PKCS#11 库文件。</translation>
    </message>
    <message>
        <source>The USB key&apos;s driver cannot list the USB keys ({reason}).</source>
        <translation>USB Key 驱动程序无法列出已插入的 USB Key（{reason}）。</translation>
    </message>
    <message>
        <source>Plug the USB key in again, or choose another driver.</source>
        <translation>请重新插入 USB Key，或另选驱动程序。</translation>
    </message>
    <message>
        <source>No USB key was chosen.</source>
        <translation>尚未选择 USB Key。</translation>
    </message>
    <message>
        <source>Plug in the seals&apos; USB key and choose it.</source>
        <translation>请插入存放印章密钥的 USB Key 并选中它。</translation>
    </message>
    <message>
        <source>The USB key {token} holds no seal key.</source>
        <translation>USB Key {token} 中没有任何印章密钥。</translation>
    </message>
    <message>
        <source>Use the USB key the office prepared with the seals&apos; keys.</source>
        <translation>请使用办公室已写入印章密钥的 USB Key。</translation>
    </message>
    <message>
        <source>The seal keys on {token} ({keys}) are not certified by this office&apos;s seal authority.</source>
        <translation>{token} 中的印章密钥（{keys}）不是由本办公室的印章管理机构签发的。</translation>
    </message>
    <message>
        <source>Use the USB key and the certificate the office handed over together.</source>
        <translation>请使用办公室一并交付的 USB Key 和证书。</translation>
    </message>
    <message>
        <source>{file} is not a seal authority certificate.</source>
        <translation>{file} 不是印章管理机构证书。</translation>
    </message>
    <message>
        <source>Choose the seal-authority.pem file the office handed over.</source>
        <translation>请选择办公室交付的 seal-authority.pem 文件。</translation>
    </message>
    <message>
        <source>{file} is a certificate, but not a seal authority&apos;s.</source>
        <translation>{file} 是证书，但不是印章管理机构的证书。</translation>
    </message>
    <message>
        <source>The key {file} does not belong to the seal authority certificate.</source>
        <translation>密钥文件 {file} 与印章管理机构证书不匹配。</translation>
    </message>
    <message>
        <source>Choose the key and the certificate of the same seal authority.</source>
        <translation>请选择同一印章管理机构的密钥和证书。</translation>
    </message>
    <message>
        <source>This computer is pinned to another office&apos;s seal authority ({file}).</source>
        <translation>本机已固定为另一办公室的印章管理机构（{file}）。</translation>
    </message>
    <message>
        <source>Use the office&apos;s own certificate, or ask root to pin this one.</source>
        <translation>请使用本办公室自己的证书，或请系统管理员固定此证书。</translation>
    </message>
    <message>
        <source>The signed policy {file} cannot be read.</source>
        <translation>无法读取已签名的策略文件 {file}。</translation>
    </message>
    <message>
        <source>Choose the policy.json the office signed, with its policy.json.sig beside it.</source>
        <translation>请选择办公室签名的 policy.json，其签名文件须放在同一文件夹中。</translation>
    </message>
    <message>
        <source>The policy {file} is not signed by this office&apos;s seal authority.</source>
        <translation>策略文件 {file} 不是由本办公室的印章管理机构签名的。</translation>
    </message>
    <message>
        <source>Choose the policy and the certificate the office handed over together.</source>
        <translation>请选择办公室一并交付的策略文件和证书。</translation>
    </message>
    <message>
        <source>The archive folder {location} cannot be reached.</source>
        <translation>无法访问存档文件夹 {location}。</translation>
    </message>
    <message>
        <source>Check that the office&apos;s share is mounted, or choose its folder.</source>
        <translation>请检查办公室的共享文件夹是否已挂载，或选择其所在文件夹。</translation>
    </message>
    <message>
        <source>The office archive {location} cannot be reached ({reason}).</source>
        <translation>无法连接办公室存档 {location}（{reason}）。</translation>
    </message>
    <message>
        <source>Check the address, the network and the database password.</source>
        <translation>请检查地址、网络连接和数据库密码。</translation>
    </message>
    <message>
        <source>{location} is not an office archive.</source>
        <translation>{location} 不是办公室存档。</translation>
    </message>
    <message>
        <source>Choose the office archive&apos;s folder, or an empty folder and tick &quot;Make this empty folder the office archive&quot;.</source>
        <translation>请选择办公室存档所在的文件夹，或选择一个空文件夹并勾选“将此空文件夹设为办公室存档”。</translation>
    </message>
    <message>
        <source>Choose where the journal key is kept.</source>
        <translation>请选择签章日志密钥的保存方式。</translation>
    </message>
    <message>
        <source>The OS keyring, or a passphrase typed at each start.</source>
        <translation>保存在系统密钥环中，或每次启动时输入口令。</translation>
    </message>
    <message>
        <source>The journal passphrase is too short.</source>
        <translation>签章日志口令太短。</translation>
    </message>
    <message>
        <source>Choose one of at least 12 characters; it is typed at each start of the station.</source>
        <translation>请设置至少 12 个字符的口令；每次启动签章站时都需要输入。</translation>
    </message>
    <message>
        <source>This computer keeps the journal key of a station {station} already.</source>
        <translation>本机已保存签章站 {station} 的签章日志密钥。</translation>
    </message>
    <message>
        <source>Give this station another id.</source>
        <translation>请为本签章站另取一个编号。</translation>
    </message>
    <message>
        <source>&quot;{station}&quot; cannot be a station id.</source>
        <translation>“{station}”不能用作签章站编号。</translation>
    </message>
    <message>
        <source>Use letters, digits, &apos;.&apos; or &apos;-&apos; (e.g. hq-office-1).</source>
        <translation>请使用字母、数字、“.”或“-”（例如 hq-office-1）。</translation>
    </message>
    <message>
        <source>The station needs a name.</source>
        <translation>请填写签章站名称。</translation>
    </message>
    <message>
        <source>Name where it stands, e.g. the office and the building.</source>
        <translation>请写明签章站所在位置，例如部门和楼宇。</translation>
    </message>
    <message>
        <source>&quot;{user}&quot; cannot be a user name.</source>
        <translation>“{user}”不能用作用户名。</translation>
    </message>
    <message>
        <source>Use letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos; (e.g. admin).</source>
        <translation>请只使用字母、数字、“.”、“_”或“-”。</translation>
    </message>
    <message>
        <source>The initial password needs at least {length} characters.</source>
        <translation>初始密码至少需要 {length} 个字符。</translation>
    </message>
    <message>
        <source>Choose a longer one; it is changed at the first login.</source>
        <translation>请设置更长的密码；首次登录时须修改。</translation>
    </message>
    <message>
        <source>The station has a key already.</source>
        <translation>本签章站已有站点密钥。</translation>
    </message>
    <message>
        <source>The office issues a new one after logging in.</source>
        <translation>办公室登录后可签发新的站点密钥。</translation>
    </message>
    <message>
        <source>{file} was locked after the last seal of its request: another seal would break that lock.</source>
        <translation>{file} 已在其用印申请的最后一枚印章加盖后锁定，再加盖印章将破坏该锁定。</translation>
    </message>
    <message>
        <source>Stamp the approved original instead, under a new approval for all the seals it needs.</source>
        <translation>请改为对经审批的原件签章，并为其所需的全部印章重新申请审批。</translation>
    </message>
    <message>
        <source>The USB key&apos;s driver set for this station is not installed: {module}.</source>
        <translation>本签章站设定的 USB Key 驱动程序未安装：{module}。</translation>
    </message>
    <message>
        <source>No USB key driver is installed on this computer.</source>
        <translation>本机未安装 USB Key 驱动程序。</translation>
    </message>
    <message>
        <source>The USB key&apos;s driver {module} cannot be loaded ({reason}).</source>
        <translation>无法加载 USB Key 驱动程序 {module}（{reason}）。</translation>
    </message>
    <message>
        <source>Ask IT to reinstall the USB key&apos;s driver.</source>
        <translation>请联系信息技术人员重新安装 USB Key 驱动程序。</translation>
    </message>
    <message>
        <source>The certificate of the seal {seal} is not on the USB key {token}.</source>
        <translation>USB Key {token} 中没有印章 {seal} 的证书。</translation>
    </message>
    <message>
        <source>The office must write the seal&apos;s certificate to the USB key again.</source>
        <translation>须由办公室将印章证书重新写入 USB Key。</translation>
    </message>
    <message>
        <source>The USB key {token} does not hold the registered key of the seal {seal}.</source>
        <translation>USB Key {token} 中不是印章 {seal} 登记的密钥。</translation>
    </message>
    <message>
        <source>Check that this is the seal&apos;s USB key; otherwise the office must check it.</source>
        <translation>请确认这是该印章的 USB Key；否则须由办公室检查。</translation>
    </message>
    <message>
        <source>Several USB keys are plugged in, and the station does not say which is the seal&apos;s.</source>
        <translation>插入了多个 USB Key，签章站无法确定哪一个属于该印章。</translation>
    </message>
    <message>
        <source>Unplug the other USB keys and try again.</source>
        <translation>请拔下其他 USB Key 后重试。</translation>
    </message>
    <message>
        <source>The USB key {token} is in use by another part of the station.</source>
        <translation>USB Key {token} 正被签章站的其他部分使用。</translation>
    </message>
    <message>
        <source>Close the other window using this USB key, then try again.</source>
        <translation>请关闭正在使用该 USB Key 的其他窗口后重试。</translation>
    </message>
    <message>
        <source>Wrong PIN for the USB key {token}. One try is left.</source>
        <translation>USB Key {token} 的 PIN 码错误，仅剩一次尝试机会。</translation>
    </message>
    <message>
        <source>The next wrong PIN locks the key, and only the office can unlock it. Check the PIN first.</source>
        <translation>再次输错将锁定 USB Key，只能由办公室解锁。请先核对 PIN 码。</translation>
    </message>
    <message>
        <source>The PIN of the USB key {token} is needed.</source>
        <translation>需要输入 USB Key {token} 的 PIN 码。</translation>
    </message>
    <message>
        <source>Enter the seal&apos;s PIN.</source>
        <translation>请输入印章 PIN 码。</translation>
    </message>
    <message>
        <source>The PIN for the USB key {token} has the wrong length or characters.</source>
        <translation>USB Key {token} 的 PIN 码长度或字符不正确。</translation>
    </message>
    <message>
        <source>Check the PIN; this did not count as a try.</source>
        <translation>请核对 PIN 码；本次不计入尝试次数。</translation>
    </message>
    <message>
        <source>The seal {seal} has not been issued to a custodian yet.</source>
        <translation>印章 {seal} 尚未颁发给专管人员。</translation>
    </message>
    <message>
        <source>The office must issue it first.</source>
        <translation>须先由办公室颁发。</translation>
    </message>
    <message>
        <source>The seal {seal} is suspended.</source>
        <translation>印章 {seal} 已停用。</translation>
    </message>
    <message>
        <source>Ask the office to resume it.</source>
        <translation>请联系办公室恢复使用。</translation>
    </message>
    <message>
        <source>The seal {seal} was withdrawn from its custodian.</source>
        <translation>印章 {seal} 已从专管人员处撤回。</translation>
    </message>
    <message>
        <source>Ask the office to issue it again.</source>
        <translation>请联系办公室重新颁发。</translation>
    </message>
    <message>
        <source>The seal {seal} is revoked and can never stamp again.</source>
        <translation>印章 {seal} 已作废，不能再用于签章。</translation>
    </message>
    <message>
        <source>Use a valid seal.</source>
        <translation>请使用有效的印章。</translation>
    </message>
    <message>
        <source>The seal {seal} is destroyed.</source>
        <translation>印章 {seal} 已销毁。</translation>
    </message>
    <message>
        <source>The seal {seal} is valid only from {since}.</source>
        <translation>印章 {seal} 自 {since} 起方可使用。</translation>
    </message>
    <message>
        <source>Stamp from that time on, or ask the office.</source>
        <translation>请在该时间之后签章，或联系办公室。</translation>
    </message>
    <message>
        <source>The seal {seal} expired on {until}.</source>
        <translation>印章 {seal} 已于 {until} 过期。</translation>
    </message>
    <message>
        <source>The office must renew it before it can stamp.</source>
        <translation>须由办公室办理变更续期后方可签章。</translation>
    </message>
    <message>
        <source>The seal {seal} may not be used on this computer ({station}).</source>
        <translation>印章 {seal} 不允许在本机（{station}）使用。</translation>
    </message>
    <message>
        <source>Use it at a station it is registered for: {stations}.</source>
        <translation>请在该印章登记的签章站使用：{stations}。</translation>
    </message>
    <message>
        <source>{user} is not the custodian of the seal {seal} and holds no delegation for it.</source>
        <translation>{user} 不是印章 {seal} 的专管人员，也没有该印章的代管授权。</translation>
    </message>
    <message>
        <source>The seal&apos;s custodian stamps with it, or the office delegates it.</source>
        <translation>请由该印章的专管人员签章，或由办公室办理代管。</translation>
    </message>
    <message>
        <source>No approved request covers this document for the seal {seal}.</source>
        <translation>该文件没有使用印章 {seal} 的已审批用印申请。</translation>
    </message>
    <message>
        <source>The document must be approved before it is stamped: an approver approves it at the station, or the approval is imported from the OA system.</source>
        <translation>文件须经审批后方可签章：由审批人在签章站审批，或从 OA 系统导入审批。</translation>
    </message>
    <message>
        <source>This file is not the approved document: it was changed after approval.</source>
        <translation>该文件不是已审批的文件：审批后已被修改。</translation>
    </message>
    <message>
        <source>Submit the changed document for a new approval.</source>
        <translation>请将修改后的文件重新报批。</translation>
    </message>
    <message>
        <source>Request {request} has not been approved yet.</source>
        <translation>用印申请 {request} 尚未审批。</translation>
    </message>
    <message>
        <source>Wait for the approver&apos;s decision.</source>
        <translation>请等待审批人的决定。</translation>
    </message>
    <message>
        <source>The approval of request {request} is for the seal(s) {seals}, not {seal}.</source>
        <translation>用印申请 {request} 审批的是印章 {seals}，不是 {seal}。</translation>
    </message>
    <message>
        <source>Use an approved seal, or ask for an approval for this one.</source>
        <translation>请使用已审批的印章，或为该印章申请审批。</translation>
    </message>
    <message>
        <source>The approval of request {request} is for another document.</source>
        <translation>用印申请 {request} 的审批针对的是另一份文件。</translation>
    </message>
    <message>
        <source>The document must be approved again.</source>
        <translation>该文件须重新审批。</translation>
    </message>
    <message>
        <source>The approval of request {request} expired on {until}.</source>
        <translation>用印申请 {request} 的审批已于 {until} 过期。</translation>
    </message>
    <message>
        <source>Ask the approver to approve it again.</source>
        <translation>请审批人重新审批。</translation>
    </message>
    <message>
        <source>The approval for the seal {seal} is already used up.</source>
        <translation>印章 {seal} 的审批已经使用。</translation>
    </message>
    <message>
        <source>One approval allows one stamp with each of its seals: a reprint or another stamp needs a new approval.</source>
        <translation>一次审批对每枚印章只能签章一次：重印或再次签章须重新审批。</translation>
    </message>
    <message>
        <source>The approval for the seal {seal} is being used by another stamp right now.</source>
        <translation>印章 {seal} 的审批正被另一次签章使用。</translation>
    </message>
    <message>
        <source>Wait for that stamp to finish.</source>
        <translation>请等待该次签章完成。</translation>
    </message>
    <message>
        <source>{approver} does not have the authority to approve this seal.</source>
        <translation>{approver} 无权审批该印章。</translation>
    </message>
    <message>
        <source>Ask an approver with that authority.</source>
        <translation>请联系具有相应权限的审批人。</translation>
    </message>
    <message>
        <source>{user} approved request {request} and may not also stamp it.</source>
        <translation>{user} 审批了用印申请 {request}，不能同时签章。</translation>
    </message>
    <message>
        <source>Another custodian stamps it.</source>
        <translation>请由其他专管人员签章。</translation>
    </message>
    <message>
        <source>The same document is in the batch twice: {files}.</source>
        <translation>同一文件在本批中出现了两次：{files}。</translation>
    </message>
    <message>
        <source>Each document of a batch is a different file; take out the copy.</source>
        <translation>一批中的每份文件应各不相同，请移除重复的文件。</translation>
    </message>
    <message>
        <source>The document of request {request} ({file}) is no longer where the station received it.</source>
        <translation>申请 {request} 的文件（{file}）已不在签章机收件时的位置。</translation>
    </message>
    <message>
        <source>Have the request received again with its document.</source>
        <translation>请连同文件重新提交申请。</translation>
    </message>
    <message>
        <source>{file} changed after request {request} was received: it is not the document asked for.</source>
        <translation>{file} 在申请 {request} 收到后被改动，已不是申请用印的文件。</translation>
    </message>
    <message>
        <source>Have the request received again with the document as it is now.</source>
        <translation>请以文件的当前版本重新提交申请。</translation>
    </message>
    <message>
        <source>Request {request} was returned: {reason}</source>
        <translation>用印申请 {request} 已退签：{reason}</translation>
    </message>
    <message>
        <source>A corrected document needs a new request and approval.</source>
        <translation>修改后的文件须重新提交用印申请并审批。</translation>
    </message>
    <message>
        <source>Request {request} was refused by the approver.</source>
        <translation>用印申请 {request} 已被审批人驳回。</translation>
    </message>
    <message>
        <source>It cannot be stamped.</source>
        <translation>不能签章。</translation>
    </message>
    <message>
        <source>Request {request} was replaced by a corrected one.</source>
        <translation>用印申请 {request} 已被更正后的申请取代。</translation>
    </message>
    <message>
        <source>Stamp the corrected document&apos;s request.</source>
        <translation>请对更正后文件的申请签章。</translation>
    </message>
    <message>
        <source>The OA approval {oa} expired on {until}.</source>
        <translation>OA 审批 {oa} 已于 {until} 过期。</translation>
    </message>
    <message>
        <source>Ask the approver to approve it again in the OA system.</source>
        <translation>请审批人在 OA 系统中重新审批。</translation>
    </message>
    <message>
        <source>The OA approval {oa} was already imported (request {request}).</source>
        <translation>OA 审批 {oa} 已导入过（用印申请 {request}）。</translation>
    </message>
    <message>
        <source>Each approval is used once: another use needs a new approval.</source>
        <translation>每次审批只能使用一次：再次用印须重新审批。</translation>
    </message>
    <message>
        <source>The approver {approver} of {file} is not a user of this station.</source>
        <translation>{file} 的审批人 {approver} 不是本用印站的用户。</translation>
    </message>
    <message>
        <source>The office adds the approver first; then import the file again.</source>
        <translation>请办公室先添加该审批人，再重新导入此文件。</translation>
    </message>
    <message>
        <source>The key of approver {approver}, who signed {file}, is not registered at this station.</source>
        <translation>签署 {file} 的审批人 {approver} 的公钥未在本用印站登记。</translation>
    </message>
    <message>
        <source>The office registers the approver&apos;s public key first.</source>
        <translation>请办公室先登记该审批人的公钥。</translation>
    </message>
    <message>
        <source>The signature of {file} does not match its content: it was altered or signed by someone else.</source>
        <translation>{file} 的签名与其内容不符：文件已被改动，或由他人签署。</translation>
    </message>
    <message>
        <source>Import the file exactly as the OA system exported it.</source>
        <translation>请导入 OA 系统导出的原始文件，不要改动。</translation>
    </message>
    <message>
        <source>{file} is not signed: its .sig file is not beside it.</source>
        <translation>{file} 未签名：同一文件夹中没有与它配套的签名文件。</translation>
    </message>
    <message>
        <source>Export the approval from the OA system with its signature.</source>
        <translation>请从 OA 系统连同签名一起导出审批文件。</translation>
    </message>
    <message>
        <source>{file} is not a valid OA approval file: it is damaged or of another kind.</source>
        <translation>{file} 不是有效的 OA 审批文件：文件已损坏或类型不符。</translation>
    </message>
    <message>
        <source>Export the approval from the OA system again.</source>
        <translation>请从 OA 系统重新导出审批文件。</translation>
    </message>
    <message>
        <source>{user} needs at least one role.</source>
        <translation>{user} 至少需要一个角色。</translation>
    </message>
    <message>
        <source>Choose a role, or lock the account instead.</source>
        <translation>请选择一个角色，或改为锁定该账户。</translation>
    </message>
    <message>
        <source>{user} becomes an approver and needs an approval key, which is made with a new initial password.</source>
        <translation>{user} 将成为审批人，需要审批密钥，该密钥须以新的初始密码生成。</translation>
    </message>
    <message>
        <source>Give a new initial password; they change it at their first login.</source>
        <translation>请设定新的初始密码；其须在首次登录时修改。</translation>
    </message>
    <message>
        <source>{user} cannot take the office role from themselves.</source>
        <translation>{user} 不能取消自己的办公室角色。</translation>
    </message>
    <message>
        <source>Another office user does it, so that someone still manages the station.</source>
        <translation>请由另一名办公室用户操作，以确保签章站始终有人管理。</translation>
    </message>
    <message>
        <source>{user} cannot lock their own account.</source>
        <translation>{user} 不能锁定自己的账户。</translation>
    </message>
    <message>
        <source>Another office user does it.</source>
        <translation>请由另一名办公室用户操作。</translation>
    </message>
    <message>
        <source>{user} is not a custodian: a seal is handed over only to a custodian.</source>
        <translation>{user} 不是专管人员：印章只能交接给专管人员。</translation>
    </message>
    <message>
        <source>Give them the custodian role first.</source>
        <translation>请先为其赋予专管人员角色。</translation>
    </message>
    <message>
        <source>{user} holds no delegation of seal {seal} that is still to end.</source>
        <translation>{user} 没有尚未结束的印章 {seal} 代管。</translation>
    </message>
    <message>
        <source>Look at the seal&apos;s delegations again: it may have ended already.</source>
        <translation>请重新查看该印章的代管记录：代管可能已经结束。</translation>
    </message>
    <message>
        <source>These settings of the policy cannot be changed here: {field}.</source>
        <translation>策略的以下设置不能在此修改：{field}。</translation>
    </message>
    <message>
        <source>Change them in office/policy.json and sign it with &apos;sealstation policy sign&apos;.</source>
        <translation>请在 office/policy.json 中修改，再用命令行的策略签名命令对其签名。</translation>
    </message>
    <message>
        <source>The changed policy cannot be signed: a value is out of range.</source>
        <translation>修改后的策略无法签名：有数值超出范围。</translation>
    </message>
    <message>
        <source>Check the values shown (whole numbers, at least 1 where a number of days or characters is asked) and sign again.</source>
        <translation>请检查所填数值（须为整数，天数或字符数至少为 1），然后重新签名。</translation>
    </message>
    <message>
        <source>{user} does not hold the role this needs.</source>
        <translation>{user} 没有此操作所需的角色。</translation>
    </message>
    <message>
        <source>{user} may not import OA approval files.</source>
        <translation>{user} 无权导入 OA 审批文件。</translation>
    </message>
    <message>
        <source>A custodian or the office imports them.</source>
        <translation>请由印章专管人员或办公室导入。</translation>
    </message>
    <message>
        <source>{user} may not back up the station.</source>
        <translation>{user} 无权备份签章站。</translation>
    </message>
    <message>
        <source>Ask the office or the custodian to make the backup.</source>
        <translation>请由办公室或印章专管人员进行备份。</translation>
    </message>
    <message>
        <source>{user} may not export the monthly report.</source>
        <translation>{user} 无权导出月度汇总表。</translation>
    </message>
    <message>
        <source>The office or an auditor exports it.</source>
        <translation>请由办公室或审计人员导出。</translation>
    </message>
    <message>
        <source>{user} may not export the journal.</source>
        <translation>{user} 无权导出用印记录。</translation>
    </message>
    <message>
        <source>The journal export {file} must be a .csv or an .xlsx file.</source>
        <translation>用印记录导出文件 {file} 必须是 CSV 或 XLSX 格式。</translation>
    </message>
    <message>
        <source>Choose a file name ending in .csv or .xlsx.</source>
        <translation>请选择扩展名为 CSV 或 XLSX 的文件名。</translation>
    </message>
    <message>
        <source>{user} may not void or recall copies.</source>
        <translation>{user} 无权作废或收回打印件。</translation>
    </message>
    <message>
        <source>A custodian or the office does it.</source>
        <translation>请由印章专管人员或办公室办理。</translation>
    </message>
    <message>
        <source>The account {user} is locked by the office.</source>
        <translation>账户 {user} 已被办公室锁定。</translation>
    </message>
    <message>
        <source>Ask the office to unlock it.</source>
        <translation>请联系办公室解锁。</translation>
    </message>
    <message>
        <source>The password of {user} is new or was reset.</source>
        <translation>{user} 的密码为初始密码或已被重置。</translation>
    </message>
    <message>
        <source>Choose your own password now.</source>
        <translation>请现在设置您自己的密码。</translation>
    </message>
    <message>
        <source>The password of {user} has expired.</source>
        <translation>{user} 的密码已过期。</translation>
    </message>
    <message>
        <source>Choose a new password now.</source>
        <translation>请现在设置新密码。</translation>
    </message>
    <message>
        <source>The review is not signed by the office&apos;s seal authority; stamping stays stopped.</source>
        <translation>该审查未经办公室印章签发机构签名；签章仍处于停止状态。</translation>
    </message>
    <message>
        <source>The office signs the review with its seal authority&apos;s passphrase.</source>
        <translation>办公室须使用印章签发机构口令签署审查。</translation>
    </message>
    <message>
        <source>Stamping is stopped: {waiting} stamps have not reached the office archive, and the office allows {allowed}.</source>
        <translation>签章已停止：有 {waiting} 次签章尚未送达办公室存档，办公室最多允许 {allowed} 次。</translation>
    </message>
    <message>
        <source>Connect to the office network and sync, then stamp again.</source>
        <translation>请连接办公网络并同步后再签章。</translation>
    </message>
    <message>
        <source>Stamping is stopped: the oldest stamp not yet in the office archive was made {days} days ago, and the office allows {allowed}.</source>
        <translation>签章已停止：尚未送达办公室存档的最早一次签章已过去 {days} 天，办公室最多允许 {allowed} 天。</translation>
    </message>
    <message>
        <source>The station {station} has no office archive set up.</source>
        <translation>签章站 {station} 未设置办公室存档。</translation>
    </message>
    <message>
        <source>The office sets it in the window: Office ▸ Station set-up.</source>
        <translation>由办公室在窗口中设置：办公室 ▸ 签章站设置。</translation>
    </message>
    <message>
        <source>The office archive {archive} is not there (the network share is not connected?).</source>
        <translation>办公室存档 {archive} 不存在（网络共享未连接？）。</translation>
    </message>
    <message>
        <source>Nothing was lost: the records wait here. Connect the share and sync again.</source>
        <translation>记录没有丢失：已在本机排队。请连接共享后重新同步。</translation>
    </message>
    <message>
        <source>The office archive {archive} is full.</source>
        <translation>办公室存档 {archive} 空间已满。</translation>
    </message>
    <message>
        <source>Nothing was lost: the records wait here. Tell the office.</source>
        <translation>记录没有丢失：已在本机排队。请告知办公室。</translation>
    </message>
    <message>
        <source>The office archive {archive} is read-only.</source>
        <translation>办公室存档 {archive} 为只读。</translation>
    </message>
    <message>
        <source>The station may not write to the office archive {archive}.</source>
        <translation>签章站无权写入办公室存档 {archive}。</translation>
    </message>
    <message>
        <source>The office archive {archive} is too busy now.</source>
        <translation>办公室存档 {archive} 当前繁忙。</translation>
    </message>
    <message>
        <source>Nothing was lost: the records are sent at the next sync.</source>
        <translation>记录没有丢失：将在下次同步时发送。</translation>
    </message>
    <message>
        <source>The office archive {archive} cannot be reached to count this copy.</source>
        <translation>无法连接办公室存档 {archive} 登记本份打印。</translation>
    </message>
    <message>
        <source>Print again once the archive can be reached.</source>
        <translation>请在能够连接存档后重新打印。</translation>
    </message>
    <message>
        <source>The archive&apos;s stations could not be read: a helper process of this computer did not start or stopped.</source>
        <translation>无法读取档案中各签章站的记录：本机的辅助进程未能启动或意外停止。</translation>
    </message>
    <message>
        <source>Nothing was written. Close other programs to free memory, then try again.</source>
        <translation>未写入任何内容。请关闭其他程序以释放内存，然后重试。</translation>
    </message>
    <message>
        <source>A PostgreSQL archive cannot be made from the station.</source>
        <translation>PostgreSQL 存档不能在签章站上创建。</translation>
    </message>
    <message>
        <source>The office&apos;s database administrator sets it up on the server; then test the connection here.</source>
        <translation>请办公室的数据库管理员在服务器上建好，然后在此测试连接。</translation>
    </message>
    <message>
        <source>This station has no office backup key yet: no backup can be made.</source>
        <translation>本签章站尚未安装办公室备份密钥，无法进行备份。</translation>
    </message>
    <message>
        <source>The office makes it in the window: Office ▸ Station set-up ▸ Backup key.</source>
        <translation>由办公室在窗口中生成：办公室 ▸ 签章站设置 ▸ 备份密钥。</translation>
    </message>
    <message>
        <source>The backup key installed here is not signed by the office&apos;s seal authority (replaced?): no backup is made, so that nobody else can read the station&apos;s records.</source>
        <translation>本机安装的备份密钥未经办公室印章管理机构签名（可能已被替换）：为防止他人读取本站记录，不进行备份。</translation>
    </message>
    <message>
        <source>The office installs its backup key again: Office ▸ Station set-up ▸ Backup key.</source>
        <translation>请办公室重新安装备份密钥：办公室 ▸ 签章站设置 ▸ 备份密钥。</translation>
    </message>
    <message>
        <source>A backup cannot be restored into {home}: that station is open (in this window, or in another SealStation window or command). Nothing was written.</source>
        <translation>不能将备份恢复到 {home}：该签章站正处于打开状态（本窗口、其他 SealStation 窗口或命令正在使用）。未写入任何内容。</translation>
    </message>
    <message>
        <source>Restore into a new, empty folder; then quit SealStation and start it with that folder as the station home.</source>
        <translation>请恢复到一个新的空文件夹，然后退出 SealStation，再以该文件夹作为签章站主目录启动。</translation>
    </message>
    <message>
        <source>{file} is not stamped.</source>
        <translation>{file} 尚未签章。</translation>
    </message>
    <message>
        <source>Only a stamped document whose seals verify is printed.</source>
        <translation>只能打印已签章且印章验证通过的文件。</translation>
    </message>
    <message>
        <source>{file} was changed after its last seal.</source>
        <translation>{file} 在最后一次签章后被修改过。</translation>
    </message>
    <message>
        <source>Print the stamped file the station wrote.</source>
        <translation>请打印签章站生成的签章文件。</translation>
    </message>
    <message>
        <source>The seals of {file} do not verify as trusted.</source>
        <translation>{file} 的印章未通过可信验证。</translation>
    </message>
    <message>
        <source>{file} was not stamped at this station under an approved request.</source>
        <translation>{file} 不是本签章站按已审批申请签章的文件。</translation>
    </message>
    <message>
        <source>Print the stamped file this station wrote.</source>
        <translation>请打印本签章站生成的签章文件。</translation>
    </message>
    <message>
        <source>This is not the QR code of a copy printed by a seal station.</source>
        <translation>这不是用印站打印的纸质件上的二维码。</translation>
    </message>
    <message>
        <source>Scan the code printed beside the seal on the copy, or type the copy&apos;s serial.</source>
        <translation>请扫描纸质件上印章旁的二维码，或输入该份的份号。</translation>
    </message>
    <message>
        <source>The QR code&apos;s text is damaged or incomplete.</source>
        <translation>二维码内容已损坏或不完整。</translation>
    </message>
    <message>
        <source>Scan it again, or type the copy&apos;s serial instead.</source>
        <translation>请重新扫描，或改为输入该份的份号。</translation>
    </message>
    <message>
        <source>{file} cannot be read as a scan or a photo of a copy: it is damaged, or not an image or a PDF.</source>
        <translation>无法将 {file} 作为纸质件的扫描件或照片读取：文件已损坏，或不是图片或 PDF 文件。</translation>
    </message>
    <message>
        <source>Scan the page again and save it as PNG, JPEG or PDF, or type the serial printed under the code.</source>
        <translation>请重新扫描该页并保存为 PNG、JPEG 或 PDF 文件，或输入印在二维码下方的份号。</translation>
    </message>
    <message>
        <source>No QR code was found on {file}.</source>
        <translation>在 {file} 中未找到二维码。</translation>
    </message>
    <message>
        <source>Scan the page again, flat and whole, at 300 dpi or more, or type the serial printed under the code.</source>
        <translation>请将该页放平、完整地以 300 dpi 或更高分辨率重新扫描，或输入印在二维码下方的份号。</translation>
    </message>
    <message>
        <source>This station printed no copy with serial {serial}.</source>
        <translation>本站没有打印过份号为 {serial} 的纸质件。</translation>
    </message>
    <message>
        <source>Check the serial (for example C000012), or ask the station that printed it.</source>
        <translation>请核对份号（例如 C000012），或向打印该份的用印站查询。</translation>
    </message>
    <message>
        <source>{file} was replaced by a corrected document and is no longer printed.</source>
        <translation>{file} 已被更正后的文件取代，不再打印。</translation>
    </message>
    <message>
        <source>Print the corrected document&apos;s stamped file.</source>
        <translation>请打印更正后文件的签章文件。</translation>
    </message>
    <message>
        <source>The copies of {file} were recalled: it prints no more copies.</source>
        <translation>{file} 的打印件已收回，不再打印。</translation>
    </message>
    <message>
        <source>A corrected document needs a new approval.</source>
        <translation>更正后的文件须重新审批。</translation>
    </message>
    <message>
        <source>{file} is not the finished stamp of request {request}.</source>
        <translation>{file} 不是用印申请 {request} 最终签章完成的文件。</translation>
    </message>
    <message>
        <source>Print the file written by the request&apos;s last stamp.</source>
        <translation>请打印该申请最后一次签章生成的文件。</translation>
    </message>
    <message>
        <source>The earlier printed copies ({copies}) are not yet recorded as recalled.</source>
        <translation>此前的打印件（{copies}）尚未登记收回。</translation>
    </message>
    <message>
        <source>Recall them first, then print the reprint.</source>
        <translation>请先收回，再打印重印件。</translation>
    </message>
    <message>
        <source>No approved copy of {file} is left to print.</source>
        <translation>{file} 已没有剩余的批准份数可打印。</translation>
    </message>
    <message>
        <source>More copies need an approval for extra copies by an approver.</source>
        <translation>如需更多份数，须由审批人审批加印。</translation>
    </message>
    <message>
        <source>{asked} copies asked, but only {left} of the {approved} approved copies are left.</source>
        <translation>要求打印 {asked} 份，但批准的 {approved} 份中仅剩 {left} 份。</translation>
    </message>
    <message>
        <source>Print at most {left}; more need an approval for extra copies.</source>
        <translation>最多可打印 {left} 份；更多份数须审批加印。</translation>
    </message>
    <message>
        <source>This station does not print copies into files.</source>
        <translation>本签章站不允许打印到文件。</translation>
    </message>
    <message>
        <source>Print to a printer: the office&apos;s policy allows paper copies only.</source>
        <translation>请使用打印机打印：办公室策略只允许纸质打印。</translation>
    </message>
    <message>
        <source>The office&apos;s timestamp authority ({url}) did not answer within {seconds} seconds: the seal carries the station&apos;s time only.</source>
        <translation>单位的时间戳服务（{url}）在 {seconds} 秒内没有应答：本次签章只带有本机时间。</translation>
    </message>
    <message>
        <source>The seal is valid. The station owes the file its timestamp and adds it when the authority answers again (after the next stamp that reaches it).</source>
        <translation>签章有效。本机记下该文件待补时间戳，时间戳服务恢复应答后补加（在下一次能连上时间戳服务的签章之后）。</translation>
    </message>
    <message>
        <source>The office&apos;s timestamp authority ({url}) answered with something that is not a valid timestamp: the seal carries the station&apos;s time only.</source>
        <translation>单位的时间戳服务（{url}）返回的不是有效的时间戳：本次签章只带有本机时间。</translation>
    </message>
    <message>
        <source>The seal is valid. Tell the office; the timestamp is added once the authority answers properly.</source>
        <translation>签章有效。请告知办公室；时间戳服务恢复正常后补加时间戳。</translation>
    </message>
    <message>
        <source>The timestamp from {url} did not fit into the seal&apos;s signature: the seal carries the station&apos;s time only.</source>
        <translation>来自 {url} 的时间戳超出签名预留的空间：本次签章只带有本机时间。</translation>
    </message>
    <message>
        <source>The seal is valid. The timestamp is added to the file later as a document timestamp.</source>
        <translation>签章有效。稍后以文档时间戳的形式为该文件补加时间戳。</translation>
    </message>
    <message>
        <source>The seal authority&apos;s revocation list ({url}) could not be fetched or read: the seal carries no revocation data.</source>
        <translation>无法获取或读取印章管理机构的证书吊销列表（{url}）：本次签章不含吊销信息。</translation>
    </message>
    <message>
        <source>The seal is valid. The revocation data is added with the owed timestamp once the office&apos;s server answers.</source>
        <translation>签章有效。办公室的服务器恢复应答后，吊销信息随待补的时间戳一并补加。</translation>
    </message>
    <message>
        <source>{file} was moved or changed since it was stamped: its owed timestamp was not added.</source>
        <translation>{file} 在签章后被移动或修改：未补加其时间戳。</translation>
    </message>
    <message>
        <source>Put the stamped file back where it was written, unchanged, and try again.</source>
        <translation>请将签章后的文件原样放回原来的位置，然后重试。</translation>
    </message>
    <message>
        <source>The station&apos;s policy names no timestamp authority: owed timestamps cannot be added.</source>
        <translation>本机策略未指定时间戳服务：无法补加待补的时间戳。</translation>
    </message>
    <message>
        <source>The office names its timestamp authority in the policy and signs it.</source>
        <translation>请办公室在策略中指定时间戳服务并签署策略。</translation>
    </message>
    <message>
        <source>The office archive cannot be reached, and {waiting} copies printed offline already wait to reach it.</source>
        <translation>无法连接办公室存档，且已有 {waiting} 份离线打印件等待登记。</translation>
    </message>
    <message>
        <source>unreadable segment</source>
        <translation>无法读取的数据段</translation>
    </message>
    <message>
        <source>station certificate not the office&apos;s</source>
        <translation>签章站证书并非办公室签发</translation>
    </message>
    <message>
        <source>segment signature does not verify</source>
        <translation>数据段签名验证失败</translation>
    </message>
    <message>
        <source>broken journal chain</source>
        <translation>用印记录链断裂</translation>
    </message>
    <message>
        <source>missing records</source>
        <translation>记录缺失</translation>
    </message>
    <message>
        <source>history rewritten or rolled back</source>
        <translation>历史记录被改写或回滚</translation>
    </message>
    <message>
        <source>USB key checkpoint disagrees</source>
        <translation>USB Key 检查点不一致</translation>
    </message>
    <message>
        <source>station has not reported</source>
        <translation>签章站未上报</translation>
    </message>
    <message>
        <source>stamped beyond the offline grace</source>
        <translation>超出离线宽限签章</translation>
    </message>
    <message>
        <source>content withheld</source>
        <translation>内容被隐瞒</translation>
    </message>
    <message>
        <source>entries sent without content</source>
        <translation>记录上报时缺少内容</translation>
    </message>
    <message>
        <source>segment filed again</source>
        <translation>数据段重复归档</translation>
    </message>
    <message>
        <source>segment filed under another station</source>
        <translation>数据段归档到其他签章站</translation>
    </message>
    <message>
        <source>stamping stopped for tampering</source>
        <translation>因篡改停止签章</translation>
    </message>
    <message>
        <source>station clock out of step</source>
        <translation>签章站时钟异常</translation>
    </message>
    <message>
        <source>approval or record not verified by the office</source>
        <translation>审批或记录未通过办公室核验</translation>
    </message>
    <message>
        <source>copies printed offline</source>
        <translation>离线打印</translation>
    </message>
    <message>
        <source>seal used while not in force</source>
        <translation>印章在无效状态下被使用</translation>
    </message>
    <message>
        <source>printing does not match the approval</source>
        <translation>打印情况与审批不符</translation>
    </message>
    <message>
        <source>stamp no station reported</source>
        <translation>未经任何签章站登记的签章</translation>
    </message>
    <message>
        <source>stamps owed the office&apos;s timestamp</source>
        <translation>待补单位时间戳的签章</translation>
    </message>
    <message>
        <source>Details (in English): {detail}</source>
        <translation>详细信息（英文）：{detail}</translation>
    </message>
</context>
</TS>
