<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>_Starter</name>
    <message>
        <source>That passphrase does not open this station&apos;s journal. Type it again.</source>
        <translation>该口令无法打开本签章站的签章日志，请重新输入。</translation>
    </message>
    <message>
        <source>The office&apos;s seal authority is not pinned on this computer ({path} is missing): the copy in the station home is trusted as it is, and only the office&apos;s archive check would find it replaced. Root pins it once: {command}</source>
        <translation>本机尚未固定办公室的印章签发机构证书（缺少 {path}）：签章站目录中的副本被原样信任，若被替换，只有办公室核查档案时才能发现。请由 root 执行一次固定：{command}</translation>
    </message>
    <message>
        <source>The office&apos;s policy does not name this station&apos;s archive: the archive set here is used as it is, and only the office would notice records sent elsewhere. The office names it in the next policy it signs.</source>
        <translation>办公室的策略未指定本签章站的档案库：此处设置的档案库被原样使用，记录若被发往别处，只有办公室能发现。请办公室在下次签发策略时指定。</translation>
    </message>
    <message>
        <source>Finished or undid {count} stamp attempt(s) a crash left open; see the journal.</source>
        <translation>已完成或撤销因异常中断而未结束的签章 {count} 项，详见签章日志。</translation>
    </message>
    <message>
        <source>SealStation cannot start</source>
        <translation>SealStation 无法启动</translation>
    </message>
</context>
</TS>
