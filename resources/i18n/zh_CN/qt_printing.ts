<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>QtPrinting</name>
    <message>
        <source>cancelled by the custodian</source>
        <translation>专管人员已取消</translation>
    </message>
    <message>
        <source>the print system did not open the job (the printer is missing or refused it)</source>
        <translation>打印系统未能创建作业（打印机不存在或拒绝了作业）</translation>
    </message>
    <message>
        <source>the print system refused a new page</source>
        <translation>打印系统拒绝了新页面</translation>
    </message>
    <message>
        <source>there is no printer named {printer}</source>
        <translation>没有名为 {printer} 的打印机</translation>
    </message>
    <message>
        <source>the print system did not take the job</source>
        <translation>打印系统未接收该作业</translation>
    </message>
    <message>
        <source>handed to the system&apos;s print queue (it gives no job number)</source>
        <translation>已交给系统打印队列（系统未提供作业编号）</translation>
    </message>
    <message>
        <source>cancelled by the custodian: the PDF file was not written</source>
        <translation>专管人员已取消：未写入 PDF 文件</translation>
    </message>
    <message>
        <source>the PDF file {file} could not be written</source>
        <translation>无法写入 PDF 文件 {file}</translation>
    </message>
    <message>
        <source>{path} could not be written: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <source>{reason}: the job was not sent</source>
        <translation>{reason}：作业未发送</translation>
    </message>
    <message>
        <source>{reason}; the job was cancelled so that it cannot print later uncounted</source>
        <translation>{reason}；作业已取消，以免日后在未计数的情况下打印</translation>
    </message>
    <message>
        <source>the print system has no job for this copy: it did not accept it</source>
        <translation>打印系统中没有该份的作业：未被接受</translation>
    </message>
    <message>
        <source>the job was cancelled in the print system</source>
        <translation>作业已在打印系统中取消</translation>
    </message>
    <message>
        <source>the print system aborted the job ({reason})</source>
        <translation>打印系统中止了作业（{reason}）</translation>
    </message>
    <message>
        <source>still printing or queued in an enabled queue</source>
        <translation>正在打印或在可用队列中排队</translation>
    </message>
    <message>
        <source>SealStation copies of {name}</source>
        <translation>SealStation 打印件 {name}</translation>
    </message>
</context>
</TS>
