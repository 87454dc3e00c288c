<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>RecallDialog</name>
    <message>
        <source>Recall printed copies (收回)</source>
        <translation>收回已打印件</translation>
    </message>
    <message>
        <source>Request {id}: {document}
{printed} copies were printed. Every copy still current is recorded as recalled and destroyed: collect and destroy them first. The document then prints no more copies; a corrected document (重印) needs its own approval.</source>
        <translation>用印申请 {id}：{document}
已打印 {printed} 份。所有仍有效的打印件都将登记为已收回并销毁，请先收回并销毁纸质件。此后该文件不能再打印；更正后的文件（重印）须重新审批。</translation>
    </message>
    <message>
        <source>Reason for the recall</source>
        <translation>收回原因</translation>
    </message>
    <message>
        <source>e.g. recalled for a reprint, copies destroyed (required)</source>
        <translation>例如：因重印收回，纸质件已销毁（必填）</translation>
    </message>
    <message>
        <source>Recall (收回)</source>
        <translation>收回</translation>
    </message>
    <message>
        <source>Recalling…</source>
        <translation>正在登记收回…</translation>
    </message>
    <message>
        <source>Recorded as recalled and destroyed: {serials}.</source>
        <translation>已登记为收回并销毁：{serials}。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Nothing was recalled: {error}</source>
        <translation>未收回任何打印件：{error}</translation>
    </message>
</context>
</TS>
