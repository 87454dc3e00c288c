<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DocumentScreen</name>
    <message>
        <source>Pa&amp;ge</source>
        <translation>页码(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;X (centre, from the left)</source>
        <translation>&amp;X（印章中心，距左边）</translation>
    </message>
    <message>
        <source>&amp;Y (centre, from the top)</source>
        <translation>&amp;Y（印章中心，距上边）</translation>
    </message>
    <message>
        <source>&amp;Output file</source>
        <translation>输出文件(&amp;O)</translation>
    </message>
    <message>
        <source>Choose the output file</source>
        <translation>选择输出文件</translation>
    </message>
    <message>
        <source>S&amp;tamp</source>
        <translation>盖章(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>Open the &amp;folder</source>
        <translation>打开所在文件夹(&amp;F)</translation>
    </message>
    <message>
        <source>Full path of the stamped file</source>
        <translation>已签章文件的完整路径</translation>
    </message>
    <message>
        <source>Stamping progress</source>
        <translation>签章进度</translation>
    </message>
    <message>
        <source>Checks before stamping</source>
        <translation>盖章前检查</translation>
    </message>
    <message>
        <source>Cannot open {name}: {problem}</source>
        <translation>无法打开 {name}：{problem}</translation>
    </message>
    <message>
        <source>Checks for the {seal}:</source>
        <translation>{seal}的检查：</translation>
    </message>
    <message>
        <source>{seal}: page {page}, centre at ({x:.2f}, {y:.2f}) mm</source>
        <translation>{seal}：第 {page} 页，中心位于 ({x:.2f}, {y:.2f}) mm</translation>
    </message>
    <message>
        <source>No document open. Open one from the work queue or with File ▸ Open (Ctrl+O).</source>
        <translation>未打开文档。请从待办队列打开，或使用“文件 ▸ 打开文档”（Ctrl+O）。</translation>
    </message>
    <message>
        <source>Seals, placement and checks</source>
        <translation>印章、位置与检查</translation>
    </message>
    <message>
        <source>{name}: finding the request that covers this file…</source>
        <translation>{name}：正在查找该文件对应的用印申请…</translation>
    </message>
    <message>
        <source>{name}: no approved request covers this file, so nothing can be stamped on it.
An approval is made by an approver with the authority for the seal: in the OA system (its signed approval file is imported here), or in person at this station (sealstation approve). A file changed after its approval needs a new one.</source>
        <translation>{name}：没有已批准的用印申请对应该文件，因此不能在其上盖章。
审批须由对该印章有审批权限的审批人作出：在 OA 系统中审批（将其签名的审批文件导入本站），或本人到签章站当面审批（sealstation approve）。审批后被修改的文件须重新审批。</translation>
    </message>
    <message>
        <source>{name} — request {id} ({state}): {purpose}
Seals approved: {seals}; copies: {copies}; approver: {approver}</source>
        <translation>{name} — 用印申请 {id}（{state}）：{purpose}
批准的印章：{seals}；份数：{copies}；审批人：{approver}</translation>
    </message>
    <message>
        <source>not approved yet</source>
        <translation>尚未审批</translation>
    </message>
    <message>
        <source>Every approved seal is stamped on this request; what is left is printing.</source>
        <translation>该申请批准的印章均已盖完，剩下的是打印。</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between the names of seals</comment>
        <translation>、</translation>
    </message>
    <message>
        <source>received, not approved yet</source>
        <translation>已收到，尚未审批</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>stamped</source>
        <translation>已盖章</translation>
    </message>
    <message>
        <source>returned</source>
        <translation>已退签</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>superseded</source>
        <translation>已被替代</translation>
    </message>
    <message>
        <source>Document readable</source>
        <translation>文档可读取</translation>
    </message>
    <message>
        <source>Station may stamp (journal, clock, archive)</source>
        <translation>签章站可以盖章（签章日志、时钟、归档）</translation>
    </message>
    <message>
        <source>You may stamp</source>
        <translation>您有权盖章</translation>
    </message>
    <message>
        <source>Seal usable</source>
        <translation>印章可用</translation>
    </message>
    <message>
        <source>Approval valid and unused for this seal</source>
        <translation>该印章的审批有效且未使用</translation>
    </message>
    <message>
        <source>Output file can be written</source>
        <translation>输出文件可以写入</translation>
    </message>
    <message>
        <source>Seal placed on the page</source>
        <translation>印章位于页面内</translation>
    </message>
    <message>
        <source>Strips on all {pages} pages, one strip a page.</source>
        <translation>骑缝章分切到全部 {pages} 页，每页一条。</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between page ranges</comment>
        <translation>、</translation>
    </message>
    <message>
        <source>Strips on all {pages} pages, in {count} groups of pages, each carrying the whole seal: pages {ranges}.</source>
        <translation>骑缝章分切到全部 {pages} 页，分为 {count} 组，每组合成一枚完整印章：第 {ranges} 页。</translation>
    </message>
    <message>
        <source>The same seal on {count} further place(s), covered by this one signature.</source>
        <translation>同一印章另盖 {count} 处，由这一次签名覆盖。</translation>
    </message>
    <message>
        <source>Cross-page seal: a strip on each of the {n} pages, under the same signature</source>
        <translation>骑缝章：{n} 页均已加盖，与印章同属一个签名</translation>
    </message>
    <message>
        <source>The request&apos;s last seal locked the document: only filling in the form is allowed.</source>
        <translation>本次用印申请的最后一枚印章已锁定文书：仅允许填写表单。</translation>
    </message>
    <message>
        <source>The request&apos;s last seal locked the document: no change is allowed.</source>
        <translation>本次用印申请的最后一枚印章已锁定文书：不允许任何修改。</translation>
    </message>
    <message>
        <source>Next: the {seals} on this output. Place it and stamp.</source>
        <translation>下一步：在此输出文件上加盖{seals}。请放置印章后盖章。</translation>
    </message>
    <message>
        <source>Found {count} time(s); the seal goes on {seals} of them, on page(s) {pages}.</source>
        <translation>共找到 {count} 处；印章盖在其中 {seals} 处，位于第 {pages} 页。</translation>
    </message>
    <message>
        <source>The seal goes into the signature field {field} on page {page}.</source>
        <translation>印章盖入第 {page} 页的签章域“{field}”。</translation>
    </message>
    <message>
        <source>The seal goes on page(s) {pages}.</source>
        <translation>印章盖在第 {pages} 页。</translation>
    </message>
    <message>
        <source>One signature covers all {count} seals.</source>
        <translation>这 {count} 处印章由一次签名覆盖。</translation>
    </message>
    <message>
        <source>{check}: {problem}</source>
        <translation>{check}：{problem}</translation>
    </message>
    <message>
        <source>{check}: not checked yet</source>
        <translation>{check}：尚未检查</translation>
    </message>
    <message>
        <source>Every check passed: the stamp can be made.</source>
        <translation>全部检查通过，可以盖章。</translation>
    </message>
    <message>
        <source>Stamping is not possible until the problems above are solved; no password or PIN is asked before.</source>
        <translation>上述问题解决前无法盖章；在此之前不会要求输入密码或 PIN。</translation>
    </message>
    <message>
        <source>Cancelled; nothing was stamped.</source>
        <translation>已取消，未盖任何章。</translation>
    </message>
    <message>
        <source>Checking once more before the password and PIN…</source>
        <translation>输入密码和 PIN 前再次检查…</translation>
    </message>
    <message>
        <source>Not stamped: a check failed (see above). No password or PIN was asked.</source>
        <translation>未盖章：有检查未通过（见上方），未要求输入密码或 PIN。</translation>
    </message>
    <message>
        <source>Waiting for the password and the PIN…</source>
        <translation>等待输入密码和 PIN…</translation>
    </message>
    <message>
        <source>Stamping seal {n} of {total}: {seal}…</source>
        <translation>正在盖第 {n}/{total} 枚印章：{seal}…</translation>
    </message>
    <message>
        <source>VALID</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>NOT VALID</source>
        <translation>无效</translation>
    </message>
    <message>
        <source>Stamped {file}: page {page}, centre ({x:.2f}, {y:.2f}) mm; verification: {verdict}, {count} signature(s)</source>
        <translation>已签章 {file}：第 {page} 页，中心 ({x:.2f}, {y:.2f}) 毫米；验证结果：{verdict}，共 {count} 个签名</translation>
    </message>
    <message>
        <source>Warning: {text}</source>
        <translation>注意：{text}</translation>
    </message>
    <message>
        <source>Stopped before the remaining seals; nothing else was stamped.</source>
        <translation>已在其余印章之前停止，其余均未盖章。</translation>
    </message>
    <message>
        <source>Next: print the approved copies ({copies}) with Print (Ctrl+P).</source>
        <translation>下一步：用“打印”（Ctrl+P）打印批准的份数（{copies} 份）。</translation>
    </message>
    <message>
        <source>Not stamped: {problem}</source>
        <translation>未盖章：{problem}</translation>
    </message>
    <message>
        <source>Stamped file</source>
        <translation>已签章文件</translation>
    </message>
    <message>
        <source>Replace the file?</source>
        <translation>替换该文件？</translation>
    </message>
    <message>
        <source>{path} exists. Replace it with the stamped file?</source>
        <translation>{path} 已存在。是否用已签章文件替换？</translation>
    </message>
</context>
</TS>
