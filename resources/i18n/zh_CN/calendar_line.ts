<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CalendarLine</name>
    <message>
        <source>Days from {first} to {last}</source>
        <translation>{first} 至 {last} 的日期</translation>
    </message>
    <message>
        <source>Seal {seal}, custodian {custodian}</source>
        <translation>印章 {seal}，专管人员 {custodian}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>delegated to {deputy} from {first} to {last}, approved by {approver}</source>
        <translation>{first} 至 {last} 由 {deputy} 代管，审批人 {approver}</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>{deputy} (approved by {approver})</source>
        <translation>{deputy}（审批人 {approver}）</translation>
    </message>
</context>
</TS>
