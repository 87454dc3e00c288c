<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>TokenWatch</name>
    <message>
        <source>USB key: {label} (serial {serial}); the next wrong PIN locks it</source>
        <translation>USB Key：{label}（序列号 {serial}）；再输错一次 PIN 即被锁定</translation>
    </message>
    <message>
        <source>USB key: {label} (serial {serial})</source>
        <translation>USB Key：{label}（序列号 {serial}）</translation>
    </message>
    <message>
        <source>USB key: {label} (serial {serial}) is locked after too many wrong PINs; only the office can unlock it</source>
        <translation>USB Key：{label}（序列号 {serial}）因 PIN 输错次数过多已被锁定，只能由办公室解锁</translation>
    </message>
    <message>
        <source>USB key: a {key} key (USB {usb_id}) is plugged in, but the driver {module} does not see it; install the key&apos;s driver: {serves}</source>
        <translation>USB Key：已插入 {key} 密钥盘（USB {usb_id}），但驱动 {module} 未能识别；请安装该密钥盘的驱动：{serves}</translation>
    </message>
    <message>
        <source>the maker&apos;s own driver</source>
        <translation>厂商自带的驱动</translation>
    </message>
    <message>
        <source>USB key: several keys are plugged in and the station names none; unplug the others</source>
        <translation>USB Key：插入了多个密钥盘，本机未指定使用哪一个；请拔下其他密钥盘</translation>
    </message>
    <message>
        <source>none found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <source>USB key: the driver (PKCS#11 module) cannot be loaded: {module}</source>
        <translation>USB Key：无法加载驱动（PKCS#11 模块）：{module}</translation>
    </message>
    <message>
        <source>USB key: the driver reports an error: {reason}</source>
        <translation>USB Key：驱动报告错误：{reason}</translation>
    </message>
    <message>
        <source>USB key: not plugged in (USB bus not watched)</source>
        <translation>USB Key：未插入（未监测 USB 总线）</translation>
    </message>
    <message>
        <source>USB key: not plugged in</source>
        <translation>USB Key：未插入</translation>
    </message>
</context>
</TS>
