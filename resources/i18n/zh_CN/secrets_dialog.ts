<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>SecretsDialog</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Fill in every field.</source>
        <translation>请填写所有栏目。</translation>
    </message>
    <message>
        <source>The two passphrases differ: type the same one twice.</source>
        <translation>两次输入的口令不一致，请输入相同的口令两次。</translation>
    </message>
</context>
</TS>
