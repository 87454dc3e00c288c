<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <source>SealStation electronic seal station</source>
        <translation>SealStation 电子印章签章站</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Work</source>
        <translation>工作(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Office</source>
        <translation>办公室(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Audit</source>
        <translation>审计(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Open a document…</source>
        <translation>打开文档(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>Log &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出程序(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Stamp</source>
        <translation>盖章(&amp;S)</translation>
    </message>
    <message>
        <source>Work &amp;queue</source>
        <translation>待办队列(&amp;Q)</translation>
    </message>
    <message>
        <source>My &amp;journal</source>
        <translation>我的签章日志(&amp;J)</translation>
    </message>
    <message>
        <source>&amp;Next request</source>
        <translation>下一个申请(&amp;N)</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>Fit &amp;width</source>
        <translation>适合宽度(&amp;W)</translation>
    </message>
    <message>
        <source>Fit &amp;page</source>
        <translation>适合页面(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Monthly report…</source>
        <translation>月度汇总表(&amp;M)…</translation>
    </message>
    <message>
        <source>Import an OA &amp;approval…</source>
        <translation>导入 OA 审批(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Verify a file or a copy…</source>
        <translation>核验文件或纸质件(&amp;V)…</translation>
    </message>
    <message>
        <source>Main tools</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>The USB key is plugged in again: go on where you were.</source>
        <translation>USB 密钥已重新插入，可从中断处继续。</translation>
    </message>
    <message>
        <source>The USB key was pulled out: its session is closed. Plug it back in to go on; nothing needs a restart.</source>
        <translation>USB 密钥已拔出，其会话已关闭。重新插入即可继续，无需重启程序。</translation>
    </message>
    <message>
        <source>The password must be changed before working.</source>
        <translation>必须先修改密码才能开始工作。</translation>
    </message>
    <message>
        <source>Logged out.</source>
        <translation>已退出登录。</translation>
    </message>
    <message>
        <source>Locked after {minutes} minutes without use. Log in again to go on.</source>
        <translation>已闲置 {minutes} 分钟，屏幕已锁定。请重新登录后继续。</translation>
    </message>
    <message>
        <source>Not logged in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <source>{name} ({user}) · {roles}</source>
        <translation>{name}（{user}）· {roles}</translation>
    </message>
    <message>
        <source>Work queue — {title}</source>
        <translation>待办队列 — {title}</translation>
    </message>
    <message>
        <source>My journal — {title}</source>
        <translation>我的签章日志 — {title}</translation>
    </message>
    <message>
        <source>{document} — {title}</source>
        <translation>{document} — {title}</translation>
    </message>
    <message>
        <source>Open a document to stamp</source>
        <translation>打开待盖章文档</translation>
    </message>
    <message>
        <source>The station does not know where the document of request {id} ({name}) is: it was requested before the station recorded files&apos; places. Choose the file.</source>
        <translation>本签章站不知道用印申请 {id}（{name}）的文件位置：该申请早于签章站记录文件位置的版本。请选择该文件。</translation>
    </message>
    <message>
        <source>Where is {name}?</source>
        <translation>{name} 在哪里？</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Print a stamped document</source>
        <translation>打印已签章文档</translation>
    </message>
    <message>
        <source>Import an OA approval</source>
        <translation>导入 OA 审批</translation>
    </message>
    <message>
        <source>OA approval files (*.json)</source>
        <translation>OA 审批文件 (*.json)</translation>
    </message>
    <message>
        <source>Quit while working?</source>
        <translation>任务进行中，确定退出？</translation>
    </message>
    <message>
        <source>A stamp or another task is still running. Quit anyway? A stamp cut short is finished or undone the next time the station opens.</source>
        <translation>签章或其他任务仍在进行。仍要退出吗？被中断的签章将在下次打开签章站时完成或撤销。</translation>
    </message>
    <message>
        <source>seal custodian</source>
        <translation>印章专管人员</translation>
    </message>
    <message>
        <source>approver</source>
        <translation>审批人</translation>
    </message>
    <message>
        <source>seal office</source>
        <translation>印章管理员</translation>
    </message>
    <message>
        <source>auditor</source>
        <translation>审计人员</translation>
    </message>
</context>
</TS>
