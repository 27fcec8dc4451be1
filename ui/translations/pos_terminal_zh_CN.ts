<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CheckoutPage</name>
    <message>
        <location filename="../screens/checkout.py" line="10"/>
        <source>Checkout</source>
        <translation>收银</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="13"/>
        <source>Scan the buyer&apos;s payment code or order number, then take the payment.</source>
        <translation>扫描顾客的付款码或订单号，然后收款。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="16"/>
        <source>Coming next: the scanned order with its items and total, and cash, prepaid-card and bank-card payment with a printed receipt.</source>
        <translation>即将推出：显示扫描到的订单商品和金额，支持现金、预付卡和银行卡付款，并打印小票。</translation>
    </message>
</context>
<context>
    <name>DevicesPage</name>
    <message>
        <location filename="../screens/devices.py" line="274"/>
        <location filename="../screens/devices.py" line="309"/>
        <source>Check the settings: %1</source>
        <translation>请检查设置：%1</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="281"/>
        <source>Opening the scanner…</source>
        <translation>正在打开扫码设备…</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="295"/>
        <source>The scanner is working. Scan a code to see it below; save to keep this setting.</source>
        <translation>扫码设备工作正常。扫一个码即可在下方看到结果；保存后设置才会保留。</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="297"/>
        <source>The scanner could not be opened: %1. It keeps trying in the background.</source>
        <translation>无法打开扫码设备：%1。系统会在后台继续重试。</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="303"/>
        <source>The scanner could not be started: %1</source>
        <translation>无法启动扫码设备：%1</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="322"/>
        <source>Saved to %1. Press Apply to use it now if you have not.</source>
        <translation>已保存到 %1。如尚未应用，请点击“应用并测试”立即使用。</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="326"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="337"/>
        <source>The scanner at the counter is not the simulated one: press Apply first.</source>
        <translation>当前使用的不是模拟扫码设备：请先点击“应用并测试”。</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="345"/>
        <source>Looking for devices…</source>
        <translation>正在查找设备…</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="349"/>
        <source>Could not list the devices: %1</source>
        <translation>无法列出设备：%1</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="370"/>
        <source>Camera: %1 frames per second</source>
        <translation>摄像头：每秒 %1 帧</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="374"/>
        <source>Camera: %1</source>
        <translation>摄像头：%1</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="407"/>
        <source>Serial ports</source>
        <translation>串口</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="408"/>
        <source>Cameras</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="409"/>
        <source>Input devices</source>
        <translation>输入设备</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="410"/>
        <source>USB printers</source>
        <translation>USB 打印机</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="411"/>
        <source>Network printer</source>
        <translation>网络打印机</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="420"/>
        <source>%1 found</source>
        <translation>找到 %1 个</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="426"/>
        <source>%1 devices found. Choose one on the Scanner tab.</source>
        <translation>共找到 %1 个设备。请在“扫码设备”页选择。</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="443"/>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="446"/>
        <source>Choose the counter&apos;s scanner, try it with a live readout, and save it to the settings.</source>
        <translation>选择本收银台的扫码设备，实时查看扫码结果进行测试，并保存到设置。</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="449"/>
        <source>Scanner</source>
        <translation>扫码设备</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="450"/>
        <source>Found on this machine</source>
        <translation>本机已发现的设备</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="451"/>
        <source>Scanner type</source>
        <translation>扫码设备类型</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="453"/>
        <source>Simulated (demo)</source>
        <translation>模拟（演示）</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="454"/>
        <source>USB keyboard wedge (in this window)</source>
        <translation>USB 键盘式扫码枪（本窗口内）</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="455"/>
        <source>USB keyboard wedge (grabbed, Linux evdev)</source>
        <translation>USB 键盘式扫码枪（独占，Linux evdev）</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="456"/>
        <source>Serial scanner (RS-232 / USB-CDC)</source>
        <translation>串口扫码枪（RS-232 / USB-CDC）</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="457"/>
        <source>Webcam</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="462"/>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="463"/>
        <source>Baud rate</source>
        <translation>波特率</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="464"/>
        <source>Data bits</source>
        <translation>数据位</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="465"/>
        <source>Parity</source>
        <translation>校验位</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="466"/>
        <source>Stop bits</source>
        <translation>停止位</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="467"/>
        <source>Flow control</source>
        <translation>流控</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="468"/>
        <source>Suffix (end of a scan)</source>
        <translation>后缀（一次扫码的结束符）</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="469"/>
        <source>Custom suffix</source>
        <translation>自定义后缀</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="470"/>
        <source>Idle gap ending a scan (ms)</source>
        <translation>判定扫码结束的空闲间隔（毫秒）</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="471"/>
        <source>Prefix to strip</source>
        <translation>需去除的前缀</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="472"/>
        <source>AIM symbology identifiers</source>
        <translation>AIM 码制标识符</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="473"/>
        <source>Camera (index, device or video file)</source>
        <translation>摄像头（编号、设备或视频文件）</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="474"/>
        <source>Decoder</source>
        <translation>解码器</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="475"/>
        <source>Width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="476"/>
        <source>Height</source>
        <translation>高度</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="477"/>
        <source>Same code again counts after (ms)</source>
        <translation>同一码再次计数的间隔（毫秒）</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="478"/>
        <source>Longest gap between scanner keys (ms)</source>
        <translation>扫码按键之间的最长间隔（毫秒）</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="479"/>
        <source>Shortest scan (characters)</source>
        <translation>最短扫码长度（字符）</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="480"/>
        <source>Terminator</source>
        <translation>结束符</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="481"/>
        <source>Custom terminator</source>
        <translation>自定义结束符</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="482"/>
        <source>Scanner keyboard layout</source>
        <translation>扫码枪键盘布局</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="487"/>
        <source>Input device (name, vendor:product or path)</source>
        <translation>输入设备（名称、厂商:产品号或路径）</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="488"/>
        <source>The demo scanner: type a code and send it, as if it had been scanned.</source>
        <translation>演示用扫码设备：输入一个码并发送，就像扫到了它一样。</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="489"/>
        <source>Code to scan</source>
        <translation>要扫的码</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="490"/>
        <source>Send as a scan</source>
        <translation>作为扫码发送</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="491"/>
        <source>Scans typed faster than the gap above never reach the field that has focus; people typing are not affected.</source>
        <translation>快于上述间隔输入的扫码内容不会进入当前输入框；人工打字不受影响。</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="492"/>
        <source>Apply and test</source>
        <translation>应用并测试</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="493"/>
        <source>Save to settings</source>
        <translation>保存到设置</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="494"/>
        <source>Scans</source>
        <translation>扫码记录</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="495"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="495"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="495"/>
        <source>Type</source>
        <translation>码制</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="495"/>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="495"/>
        <source>Latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="496"/>
        <source>Look again</source>
        <translation>重新查找</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="498"/>
        <source>Camera preview</source>
        <translation>摄像头预览</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="502"/>
        <source>Serial ports, cameras, input devices and printers attached to this machine.</source>
        <translation>本机连接的串口、摄像头、输入设备和打印机。</translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <location filename="../header.py" line="72"/>
        <source>Terminal %1</source>
        <translation>终端 %1</translation>
    </message>
    <message>
        <location filename="../header.py" line="74"/>
        <source>%1 · user %2</source>
        <translation>%1 · 工号 %2</translation>
    </message>
    <message>
        <location filename="../header.py" line="75"/>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <location filename="../screens/sign_in.py" line="64"/>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <location filename="../screens/sign_in.py" line="65"/>
        <source>Delete the last digit</source>
        <translation>删除最后一位</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="118"/>
        <source>%1 — counter terminal</source>
        <translation>%1 — 收银终端</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="120"/>
        <source>%1 — counter terminal — %2</source>
        <translation>%1 — 收银终端 — %2</translation>
    </message>
</context>
<context>
    <name>ManagerApprovalDialog</name>
    <message>
        <location filename="../dialogs/manager_approval.py" line="119"/>
        <source>A manager enters their user number and PIN.</source>
        <translation>请店长输入工号和密码。</translation>
    </message>
    <message>
        <location filename="../dialogs/manager_approval.py" line="144"/>
        <source>Checking…</source>
        <translation>正在验证…</translation>
    </message>
    <message>
        <location filename="../dialogs/manager_approval.py" line="154"/>
        <location filename="../dialogs/manager_approval.py" line="155"/>
        <source>Manager approval</source>
        <translation>店长授权</translation>
    </message>
    <message>
        <location filename="../dialogs/manager_approval.py" line="156"/>
        <source>Manager&apos;s user number</source>
        <translation>店长工号</translation>
    </message>
    <message>
        <location filename="../dialogs/manager_approval.py" line="157"/>
        <source>Manager&apos;s PIN</source>
        <translation>店长密码</translation>
    </message>
    <message>
        <location filename="../dialogs/manager_approval.py" line="158"/>
        <source>Approve</source>
        <translation>授权</translation>
    </message>
    <message>
        <location filename="../dialogs/manager_approval.py" line="159"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>RefundsPage</name>
    <message>
        <location filename="../screens/refunds.py" line="10"/>
        <source>Refunds</source>
        <translation>退款</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="13"/>
        <source>Take back a faulty item: scan the item&apos;s own code and photograph the defect.</source>
        <translation>受理问题商品退货：扫描商品自身的编码，并拍下故障照片。</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="16"/>
        <source>Coming next: refund intake by item code, a photo of the defect, and the platform&apos;s answer (refunded at once, or waiting for the seller).</source>
        <translation>即将推出：按商品编码受理退款、拍摄故障照片，并显示平台的处理结果（立即退款，或等待卖家确认）。</translation>
    </message>
</context>
<context>
    <name>Refusals</name>
    <message>
        <location filename="../refusals.py" line="36"/>
        <source>This user is locked after too many wrong PINs until %1. Wait, or ask a manager to unlock it.</source>
        <translation>密码错误次数过多，该用户已被锁定至 %1。请稍后再试，或请店长解锁。</translation>
    </message>
    <message>
        <location filename="../refusals.py" line="38"/>
        <source>This user is locked after too many wrong PINs. Wait, or ask a manager to unlock it.</source>
        <translation>密码错误次数过多，该用户已被锁定。请稍后再试，或请店长解锁。</translation>
    </message>
    <message numerus="yes">
        <location filename="../refusals.py" line="25"/>
        <source>Wrong PIN. This user is now locked for %n minute(s).</source>
        <translation>
            <numerusform>密码错误。该用户已被锁定 %n 分钟。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../refusals.py" line="45"/>
        <source>This user cannot sign in. Ask a manager.</source>
        <translation>该用户无法登录，请联系店长。</translation>
    </message>
    <message numerus="yes">
        <location filename="../refusals.py" line="28"/>
        <source>Wrong user or PIN. %n attempt(s) left before the user is locked.</source>
        <translation>
            <numerusform>工号或密码错误。再错 %n 次该用户将被锁定。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../refusals.py" line="49"/>
        <source>Unknown user or wrong PIN.</source>
        <translation>工号不存在或密码错误。</translation>
    </message>
    <message>
        <location filename="../refusals.py" line="51"/>
        <source>User %1 cannot approve this. A manager must approve.</source>
        <translation>用户 %1 无权授权此操作，需由店长授权。</translation>
    </message>
    <message>
        <location filename="../refusals.py" line="53"/>
        <source>The PIN could not be checked. Try again; if this keeps happening, call the technician.</source>
        <translation>暂时无法验证密码。请重试；如果问题持续，请联系技术人员。</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../screens/settings.py" line="69"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../screens/settings.py" line="72"/>
        <source>Your language, and where this terminal keeps its settings, data and log.</source>
        <translation>界面语言，以及本终端的设置、数据和日志存放位置。</translation>
    </message>
    <message>
        <location filename="../screens/settings.py" line="84"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../screens/settings.py" line="85"/>
        <source>Settings file</source>
        <translation>设置文件</translation>
    </message>
    <message>
        <location filename="../screens/settings.py" line="86"/>
        <source>Data folder</source>
        <translation>数据目录</translation>
    </message>
    <message>
        <location filename="../screens/settings.py" line="87"/>
        <source>Log file</source>
        <translation>日志文件</translation>
    </message>
    <message>
        <location filename="../screens/settings.py" line="88"/>
        <source>Automatic (system language)</source>
        <translation>自动（跟随系统语言）</translation>
    </message>
    <message>
        <location filename="../screens/settings.py" line="91"/>
        <source>none: embedded defaults</source>
        <translation>无：使用内置默认设置</translation>
    </message>
    <message>
        <location filename="../screens/settings.py" line="93"/>
        <source>none: logging to the console</source>
        <translation>无：日志输出到控制台</translation>
    </message>
</context>
<context>
    <name>ShiftPage</name>
    <message>
        <location filename="../screens/shift.py" line="32"/>
        <source>Shift &amp; reports</source>
        <translation>交班与报表</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="35"/>
        <source>Open and close shifts, count the drawer, close the day and print reports.</source>
        <translation>开班、交班、清点钱箱、日结并打印报表。</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="38"/>
        <source>Test a manager&apos;s approval (nothing is changed).</source>
        <translation>测试店长授权（不会更改任何数据）。</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="43"/>
        <source>Coming next: opening float, cash counts, over/short with a manager&apos;s approval, the end-of-day reconciliation of drawer, card terminal and platform, and printed reports.</source>
        <translation>即将推出：备用金、现金清点、经店长授权的长短款处理、钱箱、刷卡终端与平台的日终对账，以及报表打印。</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="47"/>
        <source>Test manager approval</source>
        <translation>测试店长授权</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="51"/>
        <source>Not approved.</source>
        <translation>未获授权。</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="54"/>
        <source>Approved by %1 (%2).</source>
        <translation>已由 %1（%2）授权。</translation>
    </message>
</context>
<context>
    <name>SignInPage</name>
    <message>
        <location filename="../screens/sign_in.py" line="192"/>
        <source>Enter your user number and PIN.</source>
        <translation>请输入工号和密码。</translation>
    </message>
    <message>
        <location filename="../screens/sign_in.py" line="218"/>
        <location filename="../screens/sign_in.py" line="238"/>
        <source>Checking…</source>
        <translation>正在验证…</translation>
    </message>
    <message>
        <location filename="../screens/sign_in.py" line="218"/>
        <location filename="../screens/sign_in.py" line="232"/>
        <location filename="../screens/sign_in.py" line="238"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../screens/sign_in.py" line="233"/>
        <source>%1 · terminal %2</source>
        <translation>%1 · 终端 %2</translation>
    </message>
    <message>
        <location filename="../screens/sign_in.py" line="234"/>
        <source>User number</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../screens/sign_in.py" line="235"/>
        <source>PIN</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../screens/sign_in.py" line="236"/>
        <source>e.g. 1001</source>
        <translation>例如 1001</translation>
    </message>
    <message>
        <location filename="../screens/sign_in.py" line="237"/>
        <source>4 to 12 digits</source>
        <translation>4 到 12 位数字</translation>
    </message>
    <message>
        <location filename="../screens/sign_in.py" line="240"/>
        <source>%1: user %2, PIN %3 (%4)</source>
        <translation>%1：工号 %2，密码 %3（%4）</translation>
    </message>
    <message>
        <location filename="../screens/sign_in.py" line="243"/>
        <source>Demo mode. Sign in as one of the demo users:</source>
        <translation>演示模式。请使用以下演示用户之一登录：</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../status_bar.py" line="136"/>
        <source>Platform: unknown</source>
        <translation>平台：状态未知</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="138"/>
        <source>Platform: checking…</source>
        <translation>平台：检查中…</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="140"/>
        <source>Platform online</source>
        <translation>平台在线</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="142"/>
        <source>Platform offline</source>
        <translation>平台离线</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="148"/>
        <source>Sync: unknown</source>
        <translation>同步：状态未知</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="150"/>
        <source>Sync: checking…</source>
        <translation>同步：检查中…</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="152"/>
        <source>All sent</source>
        <translation>已全部上传</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="152"/>
        <source>Nothing is waiting to be sent to the platform.</source>
        <translation>没有等待上传到平台的数据。</translation>
    </message>
    <message numerus="yes">
        <location filename="../status_bar.py" line="154"/>
        <source>%n message(s) waiting to be sent to the platform.</source>
        <translation>
            <numerusform>有 %n 条数据等待上传到平台。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../status_bar.py" line="157"/>
        <source>The oldest has waited %n minute(s).</source>
        <translation>
            <numerusform>最早的一条已等待 %n 分钟。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="159"/>
        <source>Last error: %1</source>
        <translation>最近一次错误：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../status_bar.py" line="163"/>
        <source>%n message(s) refused by the platform need a manager.</source>
        <translation>
            <numerusform>%n 条消息被平台拒绝，需要店长处理。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="175"/>
        <source>Last sent to the platform: %1</source>
        <translation>最近一次上传到平台：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../status_bar.py" line="161"/>
        <source>%n to send</source>
        <translation>
            <numerusform>待上传 %n 条</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="165"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <location filename="../texts.py" line="16"/>
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <location filename="../texts.py" line="17"/>
        <source>Manager</source>
        <translation>店长</translation>
    </message>
    <message>
        <location filename="../texts.py" line="18"/>
        <source>Technician</source>
        <translation>技术员</translation>
    </message>
    <message>
        <location filename="../texts.py" line="24"/>
        <source>Scanner</source>
        <translation>扫码枪</translation>
    </message>
    <message>
        <location filename="../texts.py" line="25"/>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <location filename="../texts.py" line="26"/>
        <source>Drawer</source>
        <translation>钱箱</translation>
    </message>
    <message>
        <location filename="../texts.py" line="27"/>
        <source>Card terminal</source>
        <translation>刷卡终端</translation>
    </message>
    <message>
        <location filename="../texts.py" line="33"/>
        <source>not set up</source>
        <translation>未设置</translation>
    </message>
    <message>
        <location filename="../texts.py" line="34"/>
        <source>opening…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location filename="../texts.py" line="35"/>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <location filename="../texts.py" line="36"/>
        <source>busy</source>
        <translation>忙碌</translation>
    </message>
    <message>
        <location filename="../texts.py" line="37"/>
        <source>needs attention</source>
        <translation>需要处理</translation>
    </message>
    <message>
        <location filename="../texts.py" line="38"/>
        <source>not working</source>
        <translation>故障</translation>
    </message>
    <message>
        <location filename="../texts.py" line="39"/>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
</context>
</TS>
