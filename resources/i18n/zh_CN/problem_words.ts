<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>problem_text</name>
    <message>
        <source>Unexpected error ({kind}): {text}</source>
        <translation>意外错误（{kind}）：{text}</translation>
    </message>
</context>
</TS>
