<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AcceptDialog</name>
    <message>
        <location filename="../screens/settlement_dialogs.py" line="97"/>
        <source>Accept the statement</source>
        <translation>确认结算单</translation>
    </message>
    <message>
        <location filename="../screens/settlement_dialogs.py" line="98"/>
        <source>Accept the statement of %1 with %2?</source>
        <translation>确认 %1 与 %2 的结算单？</translation>
    </message>
    <message>
        <location filename="../screens/settlement_dialogs.py" line="99"/>
        <source>%1.</source>
        <translation>%1。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_dialogs.py" line="101"/>
        <source>It gets the number %1 and never changes after that.</source>
        <translation>确认后编号为 %1，之后不会再改变。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_dialogs.py" line="103"/>
        <source>It gets the next statement number and never changes after that.</source>
        <translation>确认后获得下一个结算单编号，之后不会再改变。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_dialogs.py" line="105"/>
        <source>Although:</source>
        <translation>尽管：</translation>
    </message>
    <message>
        <location filename="../screens/settlement_dialogs.py" line="107"/>
        <source>Manager&apos;s &amp;note (required: why accept anyway)</source>
        <translation>店长说明(&amp;N)（必填：为何仍要确认）</translation>
    </message>
    <message>
        <location filename="../screens/settlement_dialogs.py" line="108"/>
        <source>Manager&apos;s &amp;note (optional)</source>
        <translation>店长说明(&amp;N)（可选）</translation>
    </message>
    <message>
        <location filename="../screens/settlement_dialogs.py" line="109"/>
        <source>&amp;Accept</source>
        <translation>确认(&amp;A)</translation>
    </message>
    <message>
        <location filename="../screens/settlement_dialogs.py" line="110"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../screens/settlement_dialogs.py" line="114"/>
        <source>Write why the statement is accepted although something stands in the way.</source>
        <translation>请写明在存在问题的情况下仍确认结算单的原因。</translation>
    </message>
</context>
<context>
    <name>CameraTab</name>
    <message>
        <location filename="../screens/devices_camera.py" line="145"/>
        <source>Give a camera: its index (0), its device (/dev/video0) or a video file.</source>
        <translation>请填写摄像头：编号（0）、设备（/dev/video0）或视频文件。</translation>
    </message>
    <message>
        <location filename="../screens/devices_camera.py" line="154"/>
        <source>Opening the camera…</source>
        <translation>正在打开摄像头…</translation>
    </message>
    <message>
        <location filename="../screens/devices_camera.py" line="172"/>
        <source>The camera could not be opened: %1</source>
        <translation>摄像头无法打开：%1</translation>
    </message>
    <message>
        <location filename="../screens/devices_camera.py" line="184"/>
        <location filename="../screens/devices_camera.py" line="259"/>
        <source>Camera preview</source>
        <translation>摄像头预览</translation>
    </message>
    <message>
        <location filename="../screens/devices_camera.py" line="205"/>
        <source>Check the settings: %1</source>
        <translation>请检查设置：%1</translation>
    </message>
    <message>
        <location filename="../screens/devices_camera.py" line="215"/>
        <source>Saved to %1. Refund photos are taken with this camera after the next start.</source>
        <translation>已保存到 %1。下次启动后，退货照片将用这个摄像头拍摄。</translation>
    </message>
    <message>
        <location filename="../screens/devices_camera.py" line="220"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <location filename="../screens/devices_camera.py" line="233"/>
        <source>Camera: not previewing</source>
        <translation>摄像头：未在预览</translation>
    </message>
    <message>
        <location filename="../screens/devices_camera.py" line="236"/>
        <source>Camera: %1</source>
        <translation>摄像头：%1</translation>
    </message>
    <message>
        <location filename="../screens/devices_camera.py" line="240"/>
        <source>Stop the preview</source>
        <translation>停止预览</translation>
    </message>
    <message>
        <location filename="../screens/devices_camera.py" line="240"/>
        <source>Start the preview</source>
        <translation>开始预览</translation>
    </message>
    <message>
        <location filename="../screens/devices_camera.py" line="253"/>
        <source>Camera for refund photos (index, device or video file)</source>
        <translation>退货拍照摄像头（编号、设备或视频文件）</translation>
    </message>
    <message>
        <location filename="../screens/devices_camera.py" line="254"/>
        <source>The preview shows what the camera sees; it is closed when you leave this tab.</source>
        <translation>预览显示摄像头拍到的画面；离开此标签页时会关闭摄像头。</translation>
    </message>
    <message>
        <location filename="../screens/devices_camera.py" line="255"/>
        <source>Save to settings</source>
        <translation>保存到设置</translation>
    </message>
</context>
<context>
    <name>CardTab</name>
    <message>
        <location filename="../screens/devices_tabs.py" line="470"/>
        <source>The test reaches the card terminal and asks for its last transaction; it charges nothing.</source>
        <translation>测试会连接刷卡机并查询最近一笔交易，不会扣款。</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="473"/>
        <source>Reached: yes</source>
        <translation>连接：成功</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="473"/>
        <source>Reached: no</source>
        <translation>连接：失败</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="478"/>
        <source>Last transaction: could not be asked: %1</source>
        <translation>最近一笔交易：无法查询：%1</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="480"/>
        <source>Last transaction: none yet</source>
        <translation>最近一笔交易：暂无</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="483"/>
        <location filename="../screens/devices_tabs.py" line="485"/>
        <source>approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="483"/>
        <location filename="../screens/devices_tabs.py" line="485"/>
        <source>declined</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="484"/>
        <source>not charged</source>
        <translation>未扣款</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="484"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="486"/>
        <source>refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="486"/>
        <source>sale</source>
        <translation>消费</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="487"/>
        <source>Last transaction: %1 %2, %3</source>
        <translation>最近一笔交易：%1 %2，%3</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="489"/>
        <source>Card ending %1, approval code %2</source>
        <translation>卡号尾号 %1，授权码 %2</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="491"/>
        <source>At: %1</source>
        <translation>时间：%1</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="507"/>
        <source>Test the connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="511"/>
        <source>Card terminal type</source>
        <translation>刷卡机类型</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="512"/>
        <source>Address (host name or IP)</source>
        <translation>地址（主机名或 IP）</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="513"/>
        <source>TCP port (0: the demo starts a simulator)</source>
        <translation>TCP 端口（0：演示模式自动启动模拟器）</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="514"/>
        <source>Longest charge (s)</source>
        <translation>单笔收款最长时间（秒）</translation>
    </message>
</context>
<context>
    <name>CashMovementDialog</name>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="361"/>
        <source>Type the amount, e.g. 500 or 12.50.</source>
        <translation>请输入金额，例如 500 或 12.50。</translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="365"/>
        <source>The amount must be more than zero.</source>
        <translation>金额必须大于零。</translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="369"/>
        <source>The drawer should hold only %1.</source>
        <translation>钱箱应有现金仅 %1。</translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="375"/>
        <source>Say in a few words why.</source>
        <translation>请简单写明原因。</translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="386"/>
        <source>Cash drop</source>
        <translation>投库</translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="386"/>
        <source>Pay-out</source>
        <translation>支出</translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="386"/>
        <source>Pay-in</source>
        <translation>存入</translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="387"/>
        <source>No sale</source>
        <translation>无交易开钱箱</translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="389"/>
        <source>Take cash out of the drawer to the safe. Count it, then type the amount.</source>
        <translation>从钱箱取出现金存入保险柜。清点后输入金额。</translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="390"/>
        <source>Pay cash out of the drawer for the store (keep the receipt).</source>
        <translation>从钱箱支付门店费用（请保留凭据）。</translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="391"/>
        <source>Put cash into the drawer that does not come from a sale.</source>
        <translation>向钱箱放入非销售所得的现金。</translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="392"/>
        <source>Open the drawer without a sale. The opening is recorded with your name and reason.</source>
        <translation>不经销售打开钱箱。此次开箱会连同您的姓名和原因一起记录。</translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="397"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="398"/>
        <source>e.g. 500</source>
        <translation>例如 500</translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="399"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="407"/>
        <source>Details (needed for Other)</source>
        <translation>详细说明（选“其他”时必填）</translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="408"/>
        <source>Open drawer</source>
        <translation>打开钱箱</translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="408"/>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="409"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>CashReasons</name>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="262"/>
        <source>Excess cash to the safe</source>
        <translation>多余现金存入保险柜</translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="263"/>
        <source>Bank deposit</source>
        <translation>存入银行</translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="264"/>
        <source>Pay a supplier or a delivery</source>
        <translation>支付供应商或送货</translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="265"/>
        <source>Petty cash purchase</source>
        <translation>零星采购</translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="266"/>
        <source>More change for the drawer</source>
        <translation>补充零钱</translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="267"/>
        <source>Float brought back from the safe</source>
        <translation>从保险柜取回备用金</translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="268"/>
        <source>Change for a customer</source>
        <translation>为顾客换零钱</translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="269"/>
        <source>Check the float</source>
        <translation>核对备用金</translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="270"/>
        <source>Drawer stuck or jammed</source>
        <translation>钱箱卡住</translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="271"/>
        <source>Other (say what)</source>
        <translation>其他（请说明）</translation>
    </message>
</context>
<context>
    <name>CheckoutPage</name>
    <message>
        <location filename="../screens/checkout/page.py" line="171"/>
        <location filename="../workspace.py" line="39"/>
        <source>Checkout</source>
        <translation>收银</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="174"/>
        <source>Scan the buyer&apos;s payment code or order number, then take the payment.</source>
        <translation>扫描顾客的付款码或订单号，然后收款。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="177"/>
        <source>No shift is open at this terminal. Count the cash in the drawer and open a shift with that float to take payments.</source>
        <translation>本终端没有已开班的班次。请清点钱箱现金，以该备用金开班后再收款。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="179"/>
        <source>Opening float (counted cash)</source>
        <translation>开班备用金（清点的现金）</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="180"/>
        <source>Open shift</source>
        <translation>开班</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="181"/>
        <source>Scan the payment code</source>
        <translation>请扫描付款码</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="182"/>
        <source>Or type the order number and press Enter</source>
        <translation>或输入订单号后按回车</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="184"/>
        <source>Find order</source>
        <translation>查找订单</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="189"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="190"/>
        <source>Due</source>
        <translation>待付</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="191"/>
        <source>F1 Cash</source>
        <translation>F1 现金</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="192"/>
        <source>F2 Prepaid</source>
        <translation>F2 储值卡</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="193"/>
        <source>F3 Card</source>
        <translation>F3 银行卡</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="194"/>
        <source>Cash handed over</source>
        <translation>收到的现金</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="195"/>
        <source>Exact</source>
        <translation>正好</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="196"/>
        <source>Take cash (Enter)</source>
        <translation>收现金（回车）</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="197"/>
        <source>Scan or swipe the card</source>
        <translation>扫描或刷卡</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="198"/>
        <source>Amount from the card</source>
        <translation>从卡中扣款金额</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="199"/>
        <source>Debit card (Enter)</source>
        <translation>扣款（回车）</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="200"/>
        <source>The buyer pays on the card terminal.</source>
        <translation>请顾客在刷卡机上付款。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="201"/>
        <source>Amount to charge</source>
        <translation>刷卡金额</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="202"/>
        <source>Charge card (Enter)</source>
        <translation>刷卡（回车）</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="203"/>
        <source>Check again</source>
        <translation>再次查询</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="204"/>
        <source>Esc Cancel order</source>
        <translation>Esc 取消订单</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="205"/>
        <source>F9 Reprint</source>
        <translation>F9 重打</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="206"/>
        <source>Next sale</source>
        <translation>下一笔</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="207"/>
        <source>Paid</source>
        <translation>已付款</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="208"/>
        <location filename="../screens/checkout/views.py" line="397"/>
        <source>Change due</source>
        <translation>找零</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="273"/>
        <location filename="../screens/checkout/refusal_texts.py" line="160"/>
        <source>Type the counted float as an amount, e.g. 200 or 200.50.</source>
        <translation>请输入清点的备用金金额，例如 200 或 200.50。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="276"/>
        <source>The float cannot be negative.</source>
        <translation>备用金不能为负数。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="287"/>
        <source>Shift open with a float of %1.</source>
        <translation>已开班，备用金 %1。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="303"/>
        <source>The scan was not used: finish the open window first, then scan again.</source>
        <translation>此次扫码未使用：请先完成当前打开的窗口，再重新扫码。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="314"/>
        <source>Another payment code was scanned. Finish or cancel the current order first (Esc).</source>
        <translation>扫描了另一个付款码。请先完成或取消当前订单（Esc）。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="320"/>
        <source>Open a shift first: type the counted float and press Enter.</source>
        <translation>请先开班：输入清点的备用金后按回车。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="359"/>
        <source>Payment code valid until %1</source>
        <translation>付款码有效期至 %1</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="363"/>
        <source>Offline payment: the platform cannot be reached. The signed code is valid; the payment is sent when the connection is back.</source>
        <translation>离线付款：无法连接平台。已签名的付款码有效；联网后自动上传付款。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="365"/>
        <source>If the order was paid elsewhere meanwhile, the platform refunds the buyer.</source>
        <translation>如果该订单在此期间已在别处付款，平台会给顾客退款。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/tender_panels.py" line="138"/>
        <source>Type an amount, e.g. 50 or 12.50.</source>
        <translation>请输入金额，例如 50 或 12.50。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/tender_panels.py" line="161"/>
        <source>Change: %1</source>
        <translation>找零：%1</translation>
    </message>
    <message>
        <location filename="../screens/checkout/tender_panels.py" line="164"/>
        <source>Still due after this: %1</source>
        <translation>之后仍需支付：%1</translation>
    </message>
    <message>
        <location filename="../screens/checkout/tender_panels.py" line="274"/>
        <source>Card ****%1 · balance %2</source>
        <translation>卡 ****%1 · 余额 %2</translation>
    </message>
    <message>
        <location filename="../screens/checkout/tender_panels.py" line="301"/>
        <source>Debiting the prepaid card…</source>
        <translation>正在从储值卡扣款…</translation>
    </message>
    <message>
        <location filename="../screens/checkout/tender_panels.py" line="318"/>
        <source>Waiting for the card terminal… the buyer presents the card.</source>
        <translation>正在等待刷卡机…请顾客刷卡。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/card_alert.py" line="81"/>
        <location filename="../screens/checkout/tender_panels.py" line="326"/>
        <source>Asking the card terminal…</source>
        <translation>正在查询刷卡机…</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="185"/>
        <source>F9 Reprint last receipt</source>
        <translation>F9 重打上一张小票</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="186"/>
        <source>Check card payment</source>
        <translation>查询刷卡结果</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="187"/>
        <source>Refund it</source>
        <translation>退款</translation>
    </message>
    <message>
        <location filename="../screens/checkout/card_alert.py" line="59"/>
        <source>A card payment of %1 for order %2 has an unknown outcome: check the card terminal, then press Check card payment. Do not charge that buyer again until it is known.</source>
        <translation>订单 %2 的一笔 %1 刷卡付款结果未知：请查看刷卡机，然后点“查询刷卡结果”。结果明确之前，不要再次向该顾客扣款。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/card_alert.py" line="64"/>
        <source>A card payment of %1 for order %2 was approved (card ****%3) but no sale records it: the buyer was charged. Scan that order again to complete its sale with this payment, or refund it.</source>
        <translation>订单 %2 的一笔 %1 刷卡付款已成功（卡号 ****%3），但尚无交易记录：顾客已被扣款。请再次扫描该订单，用这笔付款完成交易，或为其退款。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/card_alert.py" line="70"/>
        <source>(%1 more after this one)</source>
        <translation>（此后还有 %1 笔）</translation>
    </message>
    <message>
        <location filename="../screens/checkout/card_alert.py" line="89"/>
        <source>The card terminal approved the card payment of %1 for order %2 (card ****%3): the buyer was charged. Scan that order again to complete its sale with this payment, or refund it.</source>
        <translation>刷卡机确认订单 %2 的 %1 刷卡付款已成功（卡号 ****%3）：顾客已被扣款。请再次扫描该订单，用这笔付款完成交易，或为其退款。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/card_alert.py" line="95"/>
        <source>The card payment of %1 for order %2 was not charged. Cleared.</source>
        <translation>订单 %2 的 %1 刷卡付款未扣款，已清除。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/card_alert.py" line="111"/>
        <source>Refund the card payment of %1 for order %2 to card ****%3.</source>
        <translation>将订单 %2 的 %1 刷卡付款退回卡 ****%3。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/card_alert.py" line="122"/>
        <source>Refunded %1 to card ****%2 (order %3).</source>
        <translation>已退款 %1 至卡 ****%2（订单 %3）。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="376"/>
        <source>A card payment approved earlier for this order is applied: %1.</source>
        <translation>此订单此前已成功的刷卡付款已计入：%1。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="381"/>
        <source>A card payment for this order has an unknown outcome. Do NOT charge again: press Check again to ask the card terminal.</source>
        <translation>此订单有一笔刷卡付款结果未知。请勿再次扣款：点“再次查询”向刷卡机确认。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/tender_panels.py" line="233"/>
        <source>No PIN keyed in: nothing was taken from the card.</source>
        <translation>未输入密码：未从卡中扣款。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="407"/>
        <source>Recording the sale…</source>
        <translation>正在记录交易…</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="429"/>
        <source>The buyer asked for a copy</source>
        <translation>顾客要求补打</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="429"/>
        <source>The receipt was damaged</source>
        <translation>小票损坏</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="429"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="430"/>
        <source>Reprint a copy</source>
        <translation>补打小票副本</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="430"/>
        <source>Why is a copy printed?</source>
        <translation>为什么要补打副本？</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="457"/>
        <source>Copy printed.</source>
        <translation>副本已打印。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="457"/>
        <location filename="../screens/checkout/views.py" line="400"/>
        <source>Receipt printed.</source>
        <translation>小票已打印。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="466"/>
        <source>The copy was not printed: %1</source>
        <translation>副本未打印：%1</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="469"/>
        <location filename="../screens/checkout/refusal_texts.py" line="230"/>
        <source>The receipt was not printed: %1</source>
        <translation>小票未打印：%1</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="79"/>
        <source>Receipt %1 was NOT printed and is still pending: %2. Fix the printer, then press F9 to print the original.</source>
        <translation>小票 %1 未打印，仍在待打印队列中：%2。请排除打印机故障，然后按 F9 打印原件。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="66"/>
        <source>paper end: load paper</source>
        <translation>缺纸：请装纸</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="67"/>
        <source>cover open: close the cover</source>
        <translation>纸仓盖打开：请合上纸仓盖</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="68"/>
        <source>the printer is offline: check its error light</source>
        <translation>打印机脱机：请查看其错误指示灯</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="69"/>
        <source>no answer from the printer: check that it is on and not jammed</source>
        <translation>打印机无应答：请确认已开机且未卡纸</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="74"/>
        <source>the printer did not confirm it</source>
        <translation>打印机未确认打印</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="486"/>
        <source>This terminal has no sale receipt to print yet.</source>
        <translation>本终端还没有可打印的销售小票。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="504"/>
        <source>Copy of receipt %1 printed.</source>
        <translation>小票 %1 的副本已打印。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="506"/>
        <source>Receipt %1 printed (it had not been printed before).</source>
        <translation>小票 %1 已打印（此前未打印过）。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="539"/>
        <source>Cancel order %1: the payments taken (%2) are given back.</source>
        <translation>取消订单 %1：已收款项（%2）将退回。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="555"/>
        <source>Order cancelled. Given back: %1</source>
        <translation>订单已取消。已退回：%1</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="557"/>
        <source>Void slip printed.</source>
        <translation>作废单已打印。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="559"/>
        <source>The void slip was not printed: %1</source>
        <translation>作废单未打印：%1</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="564"/>
        <source>Order cancelled.</source>
        <translation>订单已取消。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/views.py" line="378"/>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <location filename="../screens/checkout/views.py" line="379"/>
        <source>Prepaid card</source>
        <translation>储值卡</translation>
    </message>
    <message>
        <location filename="../screens/checkout/views.py" line="380"/>
        <source>Bank card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <location filename="../screens/checkout/views.py" line="392"/>
        <source>Receipt %1</source>
        <translation>小票 %1</translation>
    </message>
    <message>
        <location filename="../screens/checkout/views.py" line="394"/>
        <source>Amount paid</source>
        <translation>实收金额</translation>
    </message>
    <message>
        <location filename="../screens/checkout/views.py" line="403"/>
        <source>Printer: %1 — the receipt is kept for reprint (F9).</source>
        <translation>打印机：%1 —— 小票已保留，可补打（F9）。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/drawer_watch.py" line="83"/>
        <source>Drawer open</source>
        <translation>钱箱开着</translation>
    </message>
    <message>
        <location filename="../screens/checkout/drawer_watch.py" line="85"/>
        <source>Drawer closed</source>
        <translation>钱箱已关闭</translation>
    </message>
    <message>
        <location filename="../screens/checkout/drawer_watch.py" line="87"/>
        <source>The drawer was sent the signal to open but its switch still says closed: check the drawer.</source>
        <translation>已向钱箱发送开箱信号，但钱箱开关仍显示关闭：请检查钱箱。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/drawer_watch.py" line="90"/>
        <source>Drawer signal sent; waiting for the drawer&apos;s switch…</source>
        <translation>已向钱箱发送开箱信号，正在等待钱箱开关的状态…</translation>
    </message>
    <message>
        <location filename="../screens/checkout/drawer_watch.py" line="92"/>
        <source>Drawer signal sent. The drawer&apos;s switch does not answer: whether it is open or closed is not known.</source>
        <translation>已向钱箱发送开箱信号。钱箱开关没有应答：无法得知钱箱是开着还是关着。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/drawer_watch.py" line="94"/>
        <source>Drawer signal sent. This drawer has no switch to say whether it is open or closed.</source>
        <translation>已向钱箱发送开箱信号。此钱箱没有开关传感器，无法显示它是开着还是关着。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/drawer_watch.py" line="78"/>
        <source>Drawer did not open (%1): open it with the key.</source>
        <translation>钱箱未打开（%1）：请用钥匙打开。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="32"/>
        <source>That is a product barcode, not an order. Scan the payment code on the buyer&apos;s phone.</source>
        <translation>这是商品条码，不是订单。请扫描顾客手机上的付款码。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="35"/>
        <source>That is an item code from a receipt: returns are taken on the Refunds page.</source>
        <translation>这是小票上的商品码：退货请在“退款”页面办理。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="38"/>
        <source>That is a prepaid card. Scan the order first, then choose F2 Prepaid to pay with it.</source>
        <translation>这是储值卡。请先扫描订单，再按 F2 储值卡付款。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="40"/>
        <source>This code is not one this terminal reads. Scan the payment QR code or the order number.</source>
        <translation>本终端无法识别此码。请扫描付款二维码或订单号。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="48"/>
        <source>This order is now being paid at another counter (%1). Take no more payment here: press Esc to cancel; anything taken is given back.</source>
        <translation>此订单正在另一个收银台（%1）付款。本台不要再收款：按 Esc 取消，已收款项将退回。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="52"/>
        <source>This order has been paid elsewhere meanwhile. Take no more payment here: press Esc to cancel; anything taken is given back.</source>
        <translation>此订单已在别处付款。本台不要再收款：按 Esc 取消，已收款项将退回。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="55"/>
        <source>This counter has held this order as long as the platform allows. Take no more payment here: press Esc to cancel; anything taken is given back. Another counter can take the order now, this one after a few minutes.</source>
        <translation>本收银台占用该订单已达平台允许的最长时间。请不要再在此收款：按 Esc 取消，已收款项将退回。其他收银台现在即可收款，本收银台需等几分钟。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="58"/>
        <source>The platform no longer holds this order for this counter (expired or cancelled). Take no more payment here: press Esc to cancel; anything taken is given back.</source>
        <translation>平台已不再为本收银台锁定此订单（已过期或已取消）。本台不要再收款：按 Esc 取消，已收款项将退回。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="94"/>
        <source>This payment code has expired. Ask the buyer to open the order again for a new code.</source>
        <translation>付款码已过期。请顾客重新打开订单获取新码。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="96"/>
        <source>This payment code was altered or is not from the platform. Do not take payment for it.</source>
        <translation>付款码被篡改或不是平台签发的。请勿收款。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="98"/>
        <source>This payment code is signed with a key this terminal does not know yet. Connect to the platform, or ask for the order number.</source>
        <translation>付款码使用了本终端尚未获取的密钥签名。请连接平台，或向顾客索取订单号。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="101"/>
        <source>This payment code is damaged or not a payment code. Scan it again.</source>
        <translation>付款码已损坏或不是付款码。请重新扫描。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="103"/>
        <source>This payment code is longer than any real one. Do not take payment for it.</source>
        <translation>付款码长度异常。请勿收款。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="105"/>
        <source>This payment code is dated in the future: check this terminal&apos;s clock.</source>
        <translation>付款码的时间在未来：请检查本终端的时钟。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="107"/>
        <source>This counter does not take payment codes of platform %1. Ask the technician to add it.</source>
        <translation>本收银台不受理平台 %1 的付款码。请联系技术人员添加该平台。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="110"/>
        <source>This order is being paid at another counter (%1). Wait, or ask that counter to cancel.</source>
        <translation>该订单正在另一收银台（%1）付款。请稍候，或请该收银台取消。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="113"/>
        <source>This order has expired. The buyer must order again.</source>
        <translation>订单已过期。顾客需重新下单。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="114"/>
        <source>The shop cancelled this order. It cannot be paid.</source>
        <translation>商家已取消该订单，无法付款。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="115"/>
        <source>The platform does not know this order. Check the code with the buyer.</source>
        <translation>平台查无此订单。请与顾客核对。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="117"/>
        <source>An order number or link can only be paid online, and the platform cannot be reached. Ask the buyer to show the payment QR code, which works offline.</source>
        <translation>订单号或链接只能在线付款，而现在无法连接平台。请顾客出示付款二维码，二维码可离线使用。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="120"/>
        <source>The platform and the payment code disagree on the amount. Ask the buyer to open the order again.</source>
        <translation>平台与付款码的金额不一致。请顾客重新打开订单。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="122"/>
        <source>This counter has held this order as long as the platform allows. Another counter can take it now; this one only after a few minutes.</source>
        <translation>本收银台占用该订单已达平台允许的最长时间。其他收银台现在即可收款；本收银台需等几分钟后才能再次扫码。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="125"/>
        <source>This counter already holds as many open orders as the platform allows. Finish or cancel one of them first.</source>
        <translation>本收银台占用的未完成订单已达平台上限。请先完成或取消其中一笔。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="127"/>
        <source>The platform refuses this terminal&apos;s credential for now (too many failed sign-ins). Ask the technician to check the terminal&apos;s secret; it is accepted again after a while.</source>
        <translation>平台暂时拒绝本终端的凭据（登录失败次数过多）。请技术人员检查终端密钥；稍后会自动恢复。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="132"/>
        <source>The platform refused this order: %1</source>
        <translation>平台拒绝了该订单：%1</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="138"/>
        <source>This order was already paid at this terminal (receipt %1). Do not take money twice.</source>
        <translation>该订单已在本终端付款（小票 %1）。请勿重复收款。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="140"/>
        <source>This order was already paid at this terminal. Do not take money twice.</source>
        <translation>该订单已在本终端付款。请勿重复收款。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="142"/>
        <source>The buyer already paid this order online. Do not take money twice.</source>
        <translation>顾客已在线支付该订单。请勿重复收款。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="143"/>
        <source>This order was already paid elsewhere. Do not take money twice.</source>
        <translation>该订单已在别处付款。请勿重复收款。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="145"/>
        <source>No shift is open: open one with the counted float, then take the payment again.</source>
        <translation>没有已开班的班次：请以清点的备用金开班后重新收款。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="149"/>
        <source>A shift is already open at this terminal.</source>
        <translation>本终端已有进行中的班次。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="150"/>
        <source>The business day and the next one are closed already: no shift opens now.</source>
        <translation>本营业日和下一营业日均已日结：现在无法开班。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="152"/>
        <source>A float of %1 is more than the %2 a drawer may start with. Count it again.</source>
        <translation>备用金 %1 超过钱箱开班上限 %2。请重新清点。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="156"/>
        <source>A float of %1 is more than the usual %2: open the shift on the Shift page, where the amount is confirmed.</source>
        <translation>备用金 %1 高于通常的 %2：请在“交班与报表”页面开班，并在那里确认金额。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="165"/>
        <source>The open shift is %1&apos;s: nothing was recorded. Take it over on the Shift page (or close it and open your own), then take the payment again.</source>
        <translation>当前班次属于 %1：未记录任何内容。请在“交班与报表”页面接管该班次（或结束该班次后开设自己的班次），然后重新收款。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="176"/>
        <source>Prepaid card %1 holds only %2. Take that amount and the rest another way.</source>
        <translation>储值卡 %1 余额仅 %2。请扣除该金额，其余用其他方式支付。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="179"/>
        <source>The prepaid card&apos;s balance is too low for this amount.</source>
        <translation>储值卡余额不足。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="181"/>
        <source>Card declined. The card was not charged; ask for another card or tender.</source>
        <translation>银行卡被拒，未扣款；请换卡或换其他付款方式。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="183"/>
        <source>The card terminal did not charge the card (not reachable or refused). Check it and try again.</source>
        <translation>刷卡机未扣款（无法连接或被拒绝）。请检查后重试。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="185"/>
        <source>Card payment cancelled. Nothing was charged.</source>
        <translation>刷卡已取消，未扣款。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="186"/>
        <source>The card terminal stopped answering during the payment. Look at its screen and do NOT charge again: press Check again once it is back.</source>
        <translation>付款过程中刷卡机无响应。请查看刷卡机屏幕，切勿重复刷卡：恢复后按“再次查询”。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="189"/>
        <source>No card terminal is set up at this counter. Take another tender.</source>
        <translation>本收银台未配置刷卡机。请使用其他付款方式。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="191"/>
        <source>Prepaid cards need the platform, which cannot be reached now. Take another tender, or retry the same card and amount.</source>
        <translation>储值卡需要连接平台，目前无法连接。请使用其他付款方式，或用同一张卡和同一金额重试。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="194"/>
        <source>The last debit from card %1 has an unknown outcome. Retry that same card and amount first.</source>
        <translation>卡 %1 上次扣款结果未知。请先用同一张卡和同一金额重试。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="197"/>
        <source>The platform does not know this prepaid card.</source>
        <translation>平台查无此储值卡。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="198"/>
        <source>This prepaid card is blocked.</source>
        <translation>该储值卡已冻结。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="199"/>
        <source>The platform refused this prepaid card.</source>
        <translation>平台拒绝了该储值卡。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="200"/>
        <source>Wrong PIN: %1 attempts left. Nothing was taken from the card.</source>
        <translation>密码错误：还可尝试 %1 次。未从卡中扣款。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="203"/>
        <source>This prepaid card is locked after too many wrong PINs. Take another tender; the card holder asks the card&apos;s issuer to unlock it.</source>
        <translation>密码错误次数过多，该储值卡已被锁定。请改用其他支付方式；持卡人可联系发卡方解锁。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="206"/>
        <source>The PIN is 4 to 6 digits. Ask the card holder to key it in again.</source>
        <translation>密码为 4 到 6 位数字。请持卡人重新输入。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="208"/>
        <source>This prepaid card has no PIN yet and cannot be spent. Take another tender.</source>
        <translation>该储值卡尚未设置密码，不能消费。请改用其他支付方式。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="210"/>
        <source>That is not a prepaid card number. Scan or swipe the card, or type its 16 digits starting with 88.</source>
        <translation>这不是储值卡号。请扫描或刷卡，或输入以 88 开头的 16 位卡号。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="212"/>
        <source>That is more than is still due.</source>
        <translation>金额超过待付金额。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="213"/>
        <source>The payments do not cover the total yet.</source>
        <translation>已收款项尚不足合计金额。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="214"/>
        <source>Payments were taken: a manager must approve the cancel.</source>
        <translation>已有收款：取消需经理批准。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="215"/>
        <source>Not everything could be given back: %1</source>
        <translation>部分款项未能退回：%1</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="216"/>
        <source>Still working on the previous step. Wait a moment.</source>
        <translation>上一步仍在处理中，请稍候。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="217"/>
        <source>An earlier card payment of %1 for order %2 was approved (card %3): that buyer was charged. Scan that order to complete its sale, or refund it from the start screen. Then charge this card again.</source>
        <translation>订单 %2 此前的一笔 %1 刷卡付款已成功（卡号 %3）：那位顾客已被扣款。请扫描该订单完成交易，或在起始界面为其退款。然后再为这张卡扣款。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="224"/>
        <source>An earlier card payment of %1 for order %2 still has an unknown outcome. Check the card terminal before charging another card.</source>
        <translation>订单 %2 此前的一笔 %1 刷卡付款结果仍未知。请先查看刷卡机，再为其他卡扣款。</translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="235"/>
        <source>Something went wrong: %1. Try again; if it keeps happening, call the technician.</source>
        <translation>出现错误：%1。请重试；如反复出现，请联系技术人员。</translation>
    </message>
</context>
<context>
    <name>ClearingTab</name>
    <message>
        <location filename="../screens/settlement_clearing.py" line="99"/>
        <source>&amp;Import a report…</source>
        <translation>导入报告(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="100"/>
        <source>&amp;Fetch the day&apos;s report</source>
        <translation>获取当天报告(&amp;F)</translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="101"/>
        <source>Sa&amp;ve the payment file…</source>
        <translation>保存付款文件(&amp;V)…</translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="102"/>
        <source>The report&apos;s ISO 20022 payment file (pain.001), for the bank</source>
        <translation>报告附带的 ISO 20022 付款文件 (pain.001)，交给银行</translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="103"/>
        <source>Day</source>
        <translation>营业日</translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="103"/>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="103"/>
        <location filename="../screens/settlement_clearing.py" line="104"/>
        <source>Net</source>
        <translation>净额</translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="103"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="104"/>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="104"/>
        <source>Statement</source>
        <translation>结算单</translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="105"/>
        <source>Difference</source>
        <translation>差异</translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="105"/>
        <source>Item</source>
        <translation>条目</translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="105"/>
        <source>This terminal</source>
        <translation>本终端</translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="106"/>
        <source>Clearing house</source>
        <translation>清算机构</translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="106"/>
        <source>What to do</source>
        <translation>处理办法</translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="108"/>
        <source>No platform of this terminal is settled through the clearing house.</source>
        <translation>本终端没有通过清算机构结算的平台。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="114"/>
        <source>The store pays %1</source>
        <translation>门店应付 %1</translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="116"/>
        <source>The store receives %1</source>
        <translation>门店应收 %1</translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="117"/>
        <source>Nothing to pay or receive</source>
        <translation>无需收付</translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="153"/>
        <source>No clearing-house report imported yet.</source>
        <translation>尚未导入清算机构报告。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="157"/>
        <source>Report %1 of %2: %3. %4</source>
        <translation>报告 %1（%2）：%3。%4</translation>
    </message>
</context>
<context>
    <name>DenominationCountDialog</name>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="211"/>
        <source>Over</source>
        <translation>长款</translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="212"/>
        <source>Short</source>
        <translation>短款</translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="212"/>
        <source>Over / short</source>
        <translation>长短款</translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="217"/>
        <source>The difference is above the limit of %1: a manager must approve the close. Say what happened:</source>
        <translation>差额超出 %1 的限额：交班须由店长授权。请说明原因：</translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="225"/>
        <source>Write a note on the difference before closing.</source>
        <translation>交班前请写明差额说明。</translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="237"/>
        <location filename="../dialogs/cash_dialogs.py" line="238"/>
        <source>Count the drawer</source>
        <translation>清点钱箱</translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="237"/>
        <source>Opening float</source>
        <translation>备用金</translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="238"/>
        <source>Count the opening float</source>
        <translation>清点开班备用金</translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="239"/>
        <source>Type how many of each note and coin are in the drawer (Enter moves to the next).</source>
        <translation>输入钱箱中每种纸币和硬币的数量（按回车跳到下一项）。</translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="241"/>
        <source>Type how many of each note and coin you put in the drawer (Enter moves to the next).</source>
        <translation>输入放入钱箱的每种纸币和硬币的数量（按回车跳到下一项）。</translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="242"/>
        <source>Counted</source>
        <translation>实点</translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="243"/>
        <source>Expected in the drawer</source>
        <translation>钱箱应有</translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="244"/>
        <source>Note on the difference</source>
        <translation>差额说明</translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="245"/>
        <source>Close shift</source>
        <translation>交班</translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="245"/>
        <source>Open shift</source>
        <translation>开班</translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="246"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>DeviceTab</name>
    <message>
        <location filename="../screens/devices_tabs.py" line="58"/>
        <source>pin %1 of %2</source>
        <translation>%2 的第 %1 脚</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="169"/>
        <source>At the counter: %1</source>
        <translation>收银台当前：%1</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="200"/>
        <source>That did not work: %1</source>
        <translation>操作未成功：%1</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="213"/>
        <source>Check the settings: %1</source>
        <translation>请检查设置：%1</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="222"/>
        <source>Opening the device…</source>
        <translation>正在打开设备…</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="227"/>
        <source>The counter uses these settings now. Save them to keep them.</source>
        <translation>收银台已在使用这些设置。保存后才会一直生效。</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="229"/>
        <source>The device could not be opened: %1</source>
        <translation>设备无法打开：%1</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="247"/>
        <source>Testing…</source>
        <translation>正在测试…</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="268"/>
        <source>Saved to %1. The counter uses these settings.</source>
        <translation>已保存到 %1。收银台正在使用这些设置。</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="269"/>
        <source>Saved to %1. Press Apply to use them now.</source>
        <translation>已保存到 %1。点击“应用”即可立即使用。</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="273"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="296"/>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="297"/>
        <source>Save to settings</source>
        <translation>保存到设置</translation>
    </message>
</context>
<context>
    <name>DevicesPage</name>
    <message>
        <location filename="../screens/devices.py" line="301"/>
        <location filename="../screens/devices.py" line="337"/>
        <source>Check the settings: %1</source>
        <translation>请检查设置：%1</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="308"/>
        <source>Opening the scanner…</source>
        <translation>正在打开扫码设备…</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="322"/>
        <source>The scanner is working. Scan a code to see it below; save to keep this setting.</source>
        <translation>扫码设备工作正常。扫一个码即可在下方看到结果；保存后设置才会保留。</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="324"/>
        <source>The scanner could not be opened: %1. It keeps trying in the background.</source>
        <translation>无法打开扫码设备：%1。系统会在后台继续重试。</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="331"/>
        <source>The scanner could not be started: %1</source>
        <translation>无法启动扫码设备：%1</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="353"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="364"/>
        <source>The scanner at the counter is not the simulated one: press Apply first.</source>
        <translation>当前使用的不是模拟扫码设备：请先点击“应用并测试”。</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="375"/>
        <source>Camera: %1 frames per second</source>
        <translation>摄像头：每秒 %1 帧</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="382"/>
        <source>Camera: %1</source>
        <translation>摄像头：%1</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="387"/>
        <source>Scanner at the counter: %1</source>
        <translation>本收银台的扫码设备：%1</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="481"/>
        <location filename="../workspace.py" line="42"/>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="490"/>
        <source>Scanner</source>
        <translation>扫码设备</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="491"/>
        <source>Found on this machine</source>
        <translation>本机已发现的设备</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="493"/>
        <source>Scanner type</source>
        <translation>扫码设备类型</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="495"/>
        <source>Simulated (demo)</source>
        <translation>模拟（演示）</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="496"/>
        <source>Keyboard wedge, in this window</source>
        <translation>键盘式扫码枪（本窗口内）</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="497"/>
        <source>Keyboard wedge, grabbed (evdev)</source>
        <translation>键盘式扫码枪（独占，evdev）</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="498"/>
        <source>Serial scanner</source>
        <translation>串口扫码枪</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="499"/>
        <source>Webcam</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="504"/>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="505"/>
        <source>Baud rate</source>
        <translation>波特率</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="506"/>
        <source>Data bits</source>
        <translation>数据位</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="507"/>
        <source>Parity</source>
        <translation>校验位</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="508"/>
        <source>Stop bits</source>
        <translation>停止位</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="509"/>
        <source>Flow control</source>
        <translation>流控</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="510"/>
        <source>Suffix (end of a scan)</source>
        <translation>后缀（一次扫码的结束符）</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="511"/>
        <source>Custom suffix</source>
        <translation>自定义后缀</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="348"/>
        <source>Saved to %1. The scanner at the counter uses it.</source>
        <translation>已保存到 %1。收银台的扫码设备正在使用这个设置。</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="349"/>
        <source>Saved to %1. Press Apply and test to use it now.</source>
        <translation>已保存到 %1。点击“应用并测试”即可立即使用。</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="453"/>
        <location filename="../screens/devices.py" line="533"/>
        <source>Demo payment codes (all platforms)</source>
        <translation>演示付款码（所有平台）</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="484"/>
        <source>Set up and test the counter&apos;s scanner, printer, drawer, card terminal and camera, and save them to the settings.</source>
        <translation>设置并测试收银台的扫码枪、打印机、钱箱、刷卡机和摄像头，并保存到设置。</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="490"/>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="490"/>
        <source>Drawer</source>
        <translation>钱箱</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="490"/>
        <source>Card terminal</source>
        <translation>刷卡机</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="491"/>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="512"/>
        <source>Gap ending a scan (ms)</source>
        <translation>扫码结束间隔（毫秒）</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="513"/>
        <source>Prefix to strip</source>
        <translation>需去除的前缀</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="514"/>
        <source>AIM symbology identifiers</source>
        <translation>AIM 码制标识符</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="515"/>
        <source>Camera (index, device or video file)</source>
        <translation>摄像头（编号、设备或视频文件）</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="516"/>
        <source>Decoder</source>
        <translation>解码器</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="517"/>
        <source>Width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="518"/>
        <source>Height</source>
        <translation>高度</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="519"/>
        <source>Same code again counts after (ms)</source>
        <translation>同一码再次计数的间隔（毫秒）</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="520"/>
        <source>Longest gap between scanner keys (ms)</source>
        <translation>扫码按键之间的最长间隔（毫秒）</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="521"/>
        <source>Shortest scan (characters)</source>
        <translation>最短扫码长度（字符）</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="522"/>
        <source>Terminator</source>
        <translation>结束符</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="523"/>
        <source>Custom terminator</source>
        <translation>自定义结束符</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="524"/>
        <source>Scanner keyboard layout</source>
        <translation>扫码枪键盘布局</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="529"/>
        <source>Input device (name, vendor:product or path)</source>
        <translation>输入设备（名称、厂商:产品号或路径）</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="530"/>
        <source>The demo scanner: type a code and send it, as if it had been scanned.</source>
        <translation>演示用扫码设备：输入一个码并发送，就像扫到了它一样。</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="531"/>
        <source>Code to scan</source>
        <translation>要扫的码</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="534"/>
        <source>Send as a scan</source>
        <translation>作为扫码发送</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="535"/>
        <source>Scans typed faster than the gap above never reach the field that has focus; people typing are not affected.</source>
        <translation>快于上述间隔输入的扫码内容不会进入当前输入框；人工打字不受影响。</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="536"/>
        <source>Apply and test</source>
        <translation>应用并测试</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="537"/>
        <source>Save to settings</source>
        <translation>保存到设置</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="538"/>
        <source>Scans</source>
        <translation>扫码记录</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="539"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="539"/>
        <source>Type</source>
        <translation>码制</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="539"/>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="539"/>
        <source>Latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="541"/>
        <source>Camera preview</source>
        <translation>摄像头预览</translation>
    </message>
</context>
<context>
    <name>DrawerTab</name>
    <message>
        <location filename="../screens/devices_tabs.py" line="409"/>
        <source>The drawer pulse was sent and the printer confirmed it.</source>
        <translation>开钱箱信号已发出，打印机已确认。</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="411"/>
        <source>The drawer was not opened: %1</source>
        <translation>钱箱未打开：%1</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="413"/>
        <source>Open or shut: this drawer has no switch that tells (look at it).</source>
        <translation>开合状态：此钱箱没有检测开关（请目视检查）。</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="415"/>
        <source>Open or shut: the drawer&apos;s switch did not answer.</source>
        <translation>开合状态：钱箱检测开关没有应答。</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="417"/>
        <source>Open or shut: the switch says open.</source>
        <translation>开合状态：检测开关显示已打开。</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="418"/>
        <source>Open or shut: the switch says shut.</source>
        <translation>开合状态：检测开关显示已关闭。</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="421"/>
        <source>Has a switch that tells open or shut: yes</source>
        <translation>带开合检测开关：是</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="422"/>
        <source>Has a switch that tells open or shut: no</source>
        <translation>带开合检测开关：否</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="423"/>
        <source>The test opens the drawer (recorded as a no-sale opening).</source>
        <translation>测试会打开钱箱（记录为无销售开箱）。</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="427"/>
        <source>Open the drawer</source>
        <translation>打开钱箱</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="431"/>
        <source>Drawer type</source>
        <translation>钱箱类型</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="432"/>
        <source>Drawer-kick pin</source>
        <translation>开箱引脚</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="433"/>
        <source>Has an open/shut switch</source>
        <translation>带开合检测开关</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="434"/>
        <source>Switch high means open</source>
        <translation>开关高电平表示打开</translation>
    </message>
</context>
<context>
    <name>FoundTab</name>
    <message>
        <location filename="../screens/devices_found.py" line="64"/>
        <source>Looking for devices…</source>
        <translation>正在查找设备…</translation>
    </message>
    <message>
        <location filename="../screens/devices_found.py" line="68"/>
        <source>Could not list the devices: %1</source>
        <translation>无法列出设备：%1</translation>
    </message>
    <message>
        <location filename="../screens/devices_found.py" line="82"/>
        <source>Serial ports</source>
        <translation>串口</translation>
    </message>
    <message>
        <location filename="../screens/devices_found.py" line="83"/>
        <source>Cameras</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../screens/devices_found.py" line="84"/>
        <source>Input devices</source>
        <translation>输入设备</translation>
    </message>
    <message>
        <location filename="../screens/devices_found.py" line="85"/>
        <source>USB printers</source>
        <translation>USB 打印机</translation>
    </message>
    <message>
        <location filename="../screens/devices_found.py" line="86"/>
        <source>Network printer</source>
        <translation>网络打印机</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/devices_found.py" line="95"/>
        <source>%n found</source>
        <translation>
            <numerusform>找到 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/devices_found.py" line="101"/>
        <source>could not be listed: %1</source>
        <translation>无法列出：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/devices_found.py" line="102"/>
        <source>%n device(s) found. Choose one on the device&apos;s tab.</source>
        <translation>
            <numerusform>找到 %n 个设备。请在对应设备的标签页中选择。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/devices_found.py" line="112"/>
        <source>Look again</source>
        <translation>重新查找</translation>
    </message>
    <message>
        <location filename="../screens/devices_found.py" line="113"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../screens/devices_found.py" line="113"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../screens/devices_found.py" line="117"/>
        <source>Serial ports, cameras, input devices and printers attached to this machine.</source>
        <translation>本机连接的串口、摄像头、输入设备和打印机。</translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <location filename="../header.py" line="71"/>
        <source>Terminal %1</source>
        <translation>终端 %1</translation>
    </message>
    <message>
        <location filename="../header.py" line="73"/>
        <source>%1 · user %2</source>
        <translation>%1 · 工号 %2</translation>
    </message>
    <message>
        <location filename="../header.py" line="74"/>
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
        <location filename="../main_window.py" line="161"/>
        <source>%1 — counter terminal</source>
        <translation>%1 — 收银终端</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="163"/>
        <source>%1 — counter terminal — %2</source>
        <translation>%1 — 收银终端 — %2</translation>
    </message>
</context>
<context>
    <name>ManagerApprovalDialog</name>
    <message>
        <location filename="../dialogs/manager_approval.py" line="192"/>
        <source>A manager enters their user number and PIN.</source>
        <translation>请店长输入工号和密码。</translation>
    </message>
    <message>
        <location filename="../dialogs/manager_approval.py" line="245"/>
        <source>Checking…</source>
        <translation>正在验证…</translation>
    </message>
    <message>
        <location filename="../dialogs/manager_approval.py" line="245"/>
        <source>Approving…</source>
        <translation>正在批准并执行…</translation>
    </message>
    <message>
        <location filename="../dialogs/manager_approval.py" line="256"/>
        <location filename="../dialogs/manager_approval.py" line="257"/>
        <source>Manager approval</source>
        <translation>店长授权</translation>
    </message>
    <message>
        <location filename="../dialogs/manager_approval.py" line="258"/>
        <source>Manager&apos;s user number</source>
        <translation>店长工号</translation>
    </message>
    <message>
        <location filename="../dialogs/manager_approval.py" line="259"/>
        <source>Manager&apos;s PIN</source>
        <translation>店长密码</translation>
    </message>
    <message>
        <location filename="../dialogs/manager_approval.py" line="260"/>
        <source>Approve</source>
        <translation>授权</translation>
    </message>
    <message>
        <location filename="../dialogs/manager_approval.py" line="261"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ManualApprovalDialog</name>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="92"/>
        <source>Type exactly the last four digits of the card.</source>
        <translation>请只输入卡号的后四位。</translation>
    </message>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="93"/>
        <source>Type the approval code from the card terminal&apos;s slip (letters and digits).</source>
        <translation>请输入刷卡机签购单上的授权码（字母和数字）。</translation>
    </message>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="102"/>
        <source>Standalone card terminal</source>
        <translation>独立刷卡机</translation>
    </message>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="103"/>
        <source>Refund on the card terminal</source>
        <translation>在刷卡机上退款</translation>
    </message>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="103"/>
        <source>Charge on the card terminal</source>
        <translation>在刷卡机上收款</translation>
    </message>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="104"/>
        <source>Enter %1 on the standalone card terminal. When it approves, type its approval code and the card&apos;s last four digits.</source>
        <translation>请在独立刷卡机上输入 %1。交易批准后，输入授权码和卡号后四位。</translation>
    </message>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="106"/>
        <source>Approval code</source>
        <translation>授权码</translation>
    </message>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="107"/>
        <source>Card&apos;s last four digits</source>
        <translation>卡号后四位</translation>
    </message>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="108"/>
        <source>Record approval</source>
        <translation>记录授权</translation>
    </message>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="109"/>
        <source>Not approved</source>
        <translation>未批准</translation>
    </message>
</context>
<context>
    <name>OnlineReturnBanner</name>
    <message>
        <location filename="../online_return_banner.py" line="106"/>
        <source>Filed online — waiting for the seller</source>
        <translation>买家已线上申请——等待商家审核</translation>
    </message>
    <message>
        <location filename="../online_return_banner.py" line="107"/>
        <source>Take the unit in: the seller decides and the decision shows here; nothing is paid before.</source>
        <translation>请收下商品：由商家审核，结果会显示在这里；审核通过前不退款。</translation>
    </message>
    <message>
        <location filename="../online_return_banner.py" line="110"/>
        <source>Return authorised online</source>
        <translation>线上退货已获批准</translation>
    </message>
    <message>
        <location filename="../online_return_banner.py" line="112"/>
        <source>Approved by the seller on %1</source>
        <translation>商家于 %1 批准</translation>
    </message>
    <message>
        <location filename="../online_return_banner.py" line="113"/>
        <source>Approved at once by policy (the buyer&apos;s reputation) on %1</source>
        <translation>按规则（买家信誉）于 %1 自动批准</translation>
    </message>
    <message>
        <location filename="../online_return_banner.py" line="115"/>
        <source>Seller&apos;s note: %1</source>
        <translation>商家备注：%1</translation>
    </message>
    <message>
        <location filename="../online_return_banner.py" line="117"/>
        <source>Reason given by the buyer: %1</source>
        <translation>买家填写的原因：%1</translation>
    </message>
    <message>
        <location filename="../online_return_banner.py" line="119"/>
        <source>Order %1 from %2: %3 unit(s), %4</source>
        <translation>订单 %1（%2）：%3 件，%4</translation>
    </message>
    <message>
        <location filename="../online_return_banner.py" line="122"/>
        <source>Take in every unit of this return: %1</source>
        <translation>请收下本次退货的全部商品：%1</translation>
    </message>
    <message>
        <location filename="../online_return_banner.py" line="124"/>
        <source>The platform refunded the buyer; take the unit in. Nothing is paid at the counter.</source>
        <translation>平台已退款给买家；请收下商品。柜台不付款。</translation>
    </message>
    <message>
        <location filename="../online_return_banner.py" line="126"/>
        <source>Pay out: %1</source>
        <translation>退款方式：%1</translation>
    </message>
    <message>
        <location filename="../online_return_banner.py" line="128"/>
        <source>The buyer&apos;s photos and reason are on the platform: nothing to ask again.</source>
        <translation>买家的照片和原因已在平台上：无需再次询问。</translation>
    </message>
    <message>
        <location filename="../online_return_banner.py" line="130"/>
        <source>Take in and pay out</source>
        <translation>收货并退款</translation>
    </message>
    <message>
        <location filename="../online_return_banner.py" line="130"/>
        <source>Take in</source>
        <translation>收货</translation>
    </message>
    <message>
        <location filename="../online_return_banner.py" line="152"/>
        <source>This return was handed in at another store; that store completes it. Give the unit back to the buyer.</source>
        <translation>该退货已在其他门店交回，由该门店办理。请把商品还给买家。</translation>
    </message>
    <message>
        <location filename="../online_return_banner.py" line="154"/>
        <source>This return was taken in at another terminal of this store; complete it there.</source>
        <translation>该退货已由本店另一台终端收下，请在那台终端办理。</translation>
    </message>
    <message>
        <location filename="../online_return_banner.py" line="156"/>
        <source>The platform has not confirmed that this store took the unit in: nothing is paid before. It is sent again when the platform answers.</source>
        <translation>平台尚未确认本店已收货：确认前不退款。平台恢复应答后会自动重新发送。</translation>
    </message>
    <message>
        <location filename="../online_return_banner.py" line="158"/>
        <source>The seller rejected this return: give the unit back to the buyer.</source>
        <translation>商家已拒绝该退货：请把商品还给买家。</translation>
    </message>
    <message>
        <location filename="../online_return_banner.py" line="164"/>
        <source>Taken in here, but the platform does not answer: it is told automatically when it is back. Nothing is paid before; keep the unit.</source>
        <translation>已在本店收货，但平台无应答：平台恢复后会自动通知。此前不退款；请保管好商品。</translation>
    </message>
    <message>
        <location filename="../online_return_banner.py" line="167"/>
        <source>Taken in: the seller decides. The decision shows here; pay out then.</source>
        <translation>已收货：由商家审核。结果会显示在这里，届时再退款。</translation>
    </message>
    <message>
        <location filename="../online_return_banner.py" line="170"/>
        <source>The platform said: %1</source>
        <translation>平台答复：%1</translation>
    </message>
    <message>
        <location filename="../online_return_banner.py" line="172"/>
        <source>Taken in and approved: pay out.</source>
        <translation>已收货并已批准：请退款。</translation>
    </message>
</context>
<context>
    <name>OrderLinesModel</name>
    <message>
        <location filename="../checkout_model.py" line="23"/>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../checkout_model.py" line="24"/>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../checkout_model.py" line="25"/>
        <source>Price</source>
        <translation>单价</translation>
    </message>
    <message>
        <location filename="../checkout_model.py" line="26"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
</context>
<context>
    <name>PhotoDialog</name>
    <message>
        <location filename="../screens/refund_photos.py" line="125"/>
        <source>Photo %1 of %2</source>
        <translation>照片 %1 / %2</translation>
    </message>
    <message>
        <location filename="../screens/refund_photos.py" line="130"/>
        <source>This photo cannot be shown.</source>
        <translation>此照片无法显示。</translation>
    </message>
    <message>
        <location filename="../screens/refund_photos.py" line="134"/>
        <source>Remove this photo</source>
        <translation>删除这张照片</translation>
    </message>
    <message>
        <location filename="../screens/refund_photos.py" line="139"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>PhotoStrip</name>
    <message>
        <location filename="../screens/refund_photos.py" line="83"/>
        <source>Photo %1: click to see it larger or remove it</source>
        <translation>照片 %1：点击查看大图或删除</translation>
    </message>
</context>
<context>
    <name>PrepaidPinDialog</name>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="176"/>
        <source>The PIN is 4 to 6 digits.</source>
        <translation>密码为 4 到 6 位数字。</translation>
    </message>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="199"/>
        <source>Prepaid card PIN</source>
        <translation>储值卡密码</translation>
    </message>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="200"/>
        <source>Card holder&apos;s PIN</source>
        <translation>持卡人密码</translation>
    </message>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="201"/>
        <source>Card ****%1: let the card holder key in the PIN (4 to 6 digits), then press Enter.</source>
        <translation>卡号 ****%1：请持卡人输入密码（4 到 6 位数字），然后按回车键。</translation>
    </message>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="203"/>
        <source>OK (Enter)</source>
        <translation>确定 （回车）</translation>
    </message>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="204"/>
        <source>Cancel (Esc)</source>
        <translation>取消 (Esc)</translation>
    </message>
</context>
<context>
    <name>PrinterTab</name>
    <message>
        <location filename="../screens/devices_tabs.py" line="341"/>
        <source>Paper width: %1 mm</source>
        <translation>纸宽：%1 毫米</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="342"/>
        <source>Chinese text: %1</source>
        <translation>中文打印方式：%1</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="346"/>
        <source>The test page was printed: the ruler&apos;s last digit should sit at the right edge, the Chinese line should read clearly.</source>
        <translation>测试页已打印：标尺的最后一位数字应在纸的右边缘，中文一行应清晰可读。</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="350"/>
        <source>The test page was not printed: see why above.</source>
        <translation>测试页未打印：原因见上方。</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="351"/>
        <source>The test page was not printed: %1</source>
        <translation>测试页未打印：%1</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="356"/>
        <source>Print a test page</source>
        <translation>打印测试页</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="360"/>
        <source>Printer type</source>
        <translation>打印机类型</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="361"/>
        <source>Address (host name or IP)</source>
        <translation>地址（主机名或 IP）</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="362"/>
        <source>TCP port</source>
        <translation>TCP 端口</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="363"/>
        <source>USB vendor id (hex)</source>
        <translation>USB 厂商 ID（十六进制）</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="364"/>
        <source>USB product id (hex)</source>
        <translation>USB 产品 ID（十六进制）</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="365"/>
        <source>Serial port</source>
        <translation>串口</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="366"/>
        <source>Baud rate</source>
        <translation>波特率</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="367"/>
        <source>Paper width (mm)</source>
        <translation>纸宽（毫米）</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="368"/>
        <source>Chinese text</source>
        <translation>中文打印方式</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="369"/>
        <source>Printer profile</source>
        <translation>打印机型号配置</translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="370"/>
        <source>Time-out (s)</source>
        <translation>超时（秒）</translation>
    </message>
</context>
<context>
    <name>ReceiptHistoryPage</name>
    <message>
        <location filename="../screens/receipt_history.py" line="275"/>
        <location filename="../workspace.py" line="44"/>
        <source>Receipts</source>
        <translation>小票查询</translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="278"/>
        <source>Find a past receipt, see it, and print a copy (the reason is recorded).</source>
        <translation>查找以往的小票，查看并补打副本（补打原因会被记录）。</translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="281"/>
        <source>Receipt, order or item &amp;number</source>
        <translation>小票号、订单号或商品码(&amp;N)</translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="282"/>
        <source>15, PO… or IC…</source>
        <translation>15、PO… 或 IC…</translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="283"/>
        <source>&amp;Amount</source>
        <translation>金额(&amp;A)</translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="285"/>
        <source>&amp;From</source>
        <translation>从(&amp;F)</translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="286"/>
        <source>&amp;To</source>
        <translation>到(&amp;T)</translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="287"/>
        <source>Search</source>
        <translation>查询</translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="288"/>
        <source>A receipt, order or item number is found at any date; the dates narrow an amount search or the whole list. Enter searches; F9 prints a copy.</source>
        <translation>小票号、订单号或商品码不限日期；日期用于限定按金额查询或全部列表。回车查询；F9 补打副本。</translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="290"/>
        <source>No.</source>
        <translation>票号</translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="290"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="290"/>
        <source>Order</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="291"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="291"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="292"/>
        <source>F9 Print a copy…</source>
        <translation>F9 补打副本…</translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="298"/>
        <source>Voided</source>
        <translation>已作废</translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="300"/>
        <source>Not printed</source>
        <translation>未打印</translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="302"/>
        <source>Printed %1 times</source>
        <translation>已打印 %1 次</translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="303"/>
        <source>Printed</source>
        <translation>已打印</translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="307"/>
        <source>Pick a receipt to see it.</source>
        <translation>选择一张小票即可查看。</translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="309"/>
        <source>Receipt %1: prints as a copy</source>
        <translation>小票 %1：将打印为副本</translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="310"/>
        <source>Receipt %1: never printed, prints as the original</source>
        <translation>小票 %1：从未打印，将打印为原件</translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="317"/>
        <source>Type the amount as digits, for example 25.50.</source>
        <translation>请用数字输入金额，例如 25.50。</translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="319"/>
        <source>The dates end before they start.</source>
        <translation>结束日期早于开始日期。</translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="321"/>
        <source>Type a receipt number, an order number (PO…) or an item code (IC…).</source>
        <translation>请输入小票号、订单号（PO…）或商品码（IC…）。</translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="323"/>
        <source>Receipt %1 is not on this terminal.</source>
        <translation>本终端没有小票 %1。</translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="325"/>
        <source>Choose why the copy is printed; for Other, type a note. A scanned code is not a reason.</source>
        <translation>请选择补打原因；选“其他”时请填写说明。扫描的条码不能作为原因。</translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="328"/>
        <source>The receipt did not print. It stays waiting for the printer: check the paper and the cover, then print it again.</source>
        <translation>小票未打印，仍在等待打印：请检查纸张和打印机盖，然后重新打印。</translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="331"/>
        <source>The copy did not print. Check the printer&apos;s paper and cover, then try again.</source>
        <translation>副本未打印。请检查打印机纸张和机盖后重试。</translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="332"/>
        <source>The receipts could not be read. Try again; if this keeps happening, call the technician.</source>
        <translation>无法读取小票。请重试；如仍出现，请联系技术人员。</translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="374"/>
        <source>No receipt fits this search.</source>
        <translation>没有符合条件的小票。</translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="471"/>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="477"/>
        <source>Receipt %1 printed.</source>
        <translation>小票 %1 已打印。</translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="506"/>
        <source>Scan an order number or an item code to find its receipt.</source>
        <translation>请扫描订单号或商品码来查找小票。</translation>
    </message>
</context>
<context>
    <name>ReconcileCases</name>
    <message>
        <location filename="../screens/reconcile_cases.py" line="36"/>
        <source>Paid twice: closed</source>
        <translation>重复支付：已结案</translation>
    </message>
    <message>
        <location filename="../screens/reconcile_cases.py" line="43"/>
        <source>Paid back at this counter (receipt %1), but the platform refused it: the buyer may have been paid twice. Have it checked with the platform.</source>
        <translation>已在本柜台退还（小票 %1），但平台拒绝了：买家可能被退款两次。请与平台核实。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile_cases.py" line="47"/>
        <source>Paid back at this counter (receipt %1); the platform is told as soon as it answers. Reconcile again then.</source>
        <translation>已在本柜台退还（小票 %1）；平台恢复响应后会立即通知平台。届时请再次对账。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile_cases.py" line="51"/>
        <source>Open: pay the buyer back here (a manager approves), or wait for the platform to refund the buyer.</source>
        <translation>未结：在本柜台退还买家（需经理批准），或等待平台退款给买家。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile_cases.py" line="55"/>
        <source>Closed: refunded by the platform to the buyer.</source>
        <translation>已结案：平台已退款给买家。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile_cases.py" line="57"/>
        <source>Closed: paid back at this counter (receipt %1).</source>
        <translation>已结案：已在本柜台退还（小票 %1）。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile_cases.py" line="59"/>
        <source>Closed: paid back at another counter of this store (receipt %1).</source>
        <translation>已结案：已在本店其他柜台退还（小票 %1）。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile_cases.py" line="72"/>
        <source>Differences: %1 open, %2 settled (closed refund cases).</source>
        <translation>差异：未结 %1 项，已结 %2 项（已结案的退款案例）。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile_cases.py" line="79"/>
        <source>A manager approves every pay-back.</source>
        <translation>每笔退还都需经理批准。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile_cases.py" line="80"/>
        <source>The platform cannot be reached, and only it can tell whether it refunded the buyer already: nothing was paid. Try again when it answers.</source>
        <translation>无法连接平台，只有平台能确认是否已退款给买家：未支付任何款项。请在平台恢复后重试。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile_cases.py" line="83"/>
        <source>No platform is set up for this terminal.</source>
        <translation>本终端未设置平台。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile_cases.py" line="84"/>
        <source>The platform refunded this payment to the buyer already: do not pay it back here.</source>
        <translation>平台已将这笔款项退给买家：请勿在此退还。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile_cases.py" line="86"/>
        <source>This payment was paid back at another counter already: do not pay it again.</source>
        <translation>这笔款项已在其他柜台退还：请勿重复退还。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile_cases.py" line="88"/>
        <source>This payment was paid back at this counter already.</source>
        <translation>这笔款项已在本柜台退还。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile_cases.py" line="90"/>
        <source>Open a shift first: the cash paid back is counted in the shift.</source>
        <translation>请先开班：退还的现金计入本班。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile_cases.py" line="92"/>
        <source>The drawer does not hold enough cash for this pay-back: put cash in first.</source>
        <translation>钱箱现金不足以退还这笔款项：请先放入现金。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile_cases.py" line="94"/>
        <source>The platform does not know this case for this store.</source>
        <translation>平台上没有本店的这个案例。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile_cases.py" line="124"/>
        <source>Pay back…</source>
        <translation>退还…</translation>
    </message>
    <message>
        <location filename="../screens/reconcile_cases.py" line="146"/>
        <source>Pay %1 back in cash for order %2 (paid twice) out of this drawer. The buyer gets the second payment back; the platform is told.</source>
        <translation>从本钱箱以现金退还 %1（订单 %2 重复支付）。买家取回第二笔付款；并通知平台。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile_cases.py" line="162"/>
        <source>Paid back %1 for order %2 (receipt %3).</source>
        <translation>已退还订单 %2 的 %1（小票 %3）。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile_cases.py" line="166"/>
        <source>The drawer is open.</source>
        <translation>钱箱已打开。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile_cases.py" line="168"/>
        <source>The slip did not print: check the printer.</source>
        <translation>凭条未打印：请检查打印机。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile_cases.py" line="170"/>
        <source>The platform is told as soon as it answers.</source>
        <translation>平台恢复响应后会立即通知平台。</translation>
    </message>
</context>
<context>
    <name>ReconcileTab</name>
    <message>
        <location filename="../screens/reconcile.py" line="160"/>
        <source>Day</source>
        <translation>营业日</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="161"/>
        <source>Reconcile with the platform</source>
        <translation>与平台对账</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="162"/>
        <source>This terminal</source>
        <translation>本终端</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="162"/>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="163"/>
        <source>Card terminal</source>
        <translation>刷卡终端</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="164"/>
        <source>Difference</source>
        <translation>差异</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="164"/>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="164"/>
        <source>Amounts</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="165"/>
        <source>What to do</source>
        <translation>处理方法</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="166"/>
        <location filename="../screens/reconcile.py" line="368"/>
        <source>Differences</source>
        <translation>差异</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="171"/>
        <source>Not recorded by the platform</source>
        <translation>平台没有记录</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="172"/>
        <source>Not recorded at this terminal</source>
        <translation>本终端没有记录</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="173"/>
        <source>Amounts differ</source>
        <translation>金额不一致</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="174"/>
        <source>Amount differs from the order</source>
        <translation>金额与订单不符</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="175"/>
        <source>Paid twice: refund case</source>
        <translation>重复付款：退款单</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="176"/>
        <source>Prepaid card debited, no sale</source>
        <translation>储值卡已扣款但无销售记录</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="177"/>
        <source>Prepaid movement not recorded here</source>
        <translation>本终端未记录的储值卡交易</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="178"/>
        <source>Prepaid payment not listed by the platform</source>
        <translation>平台未列出的储值卡支付</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="179"/>
        <source>Prepaid amounts differ</source>
        <translation>储值卡金额不一致</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="180"/>
        <source>Prepaid cards not compared</source>
        <translation>储值卡未核对</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="187"/>
        <source>Still waiting in this terminal&apos;s outbox: it is sent as soon as the platform answers. Reconcile again after that.</source>
        <translation>仍在本终端的待发队列中：平台一有响应就会发送。之后请重新对账。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="190"/>
        <source>The platform refused it for good: have it checked (sync status). Only a manager may mark the day reconciled before that.</source>
        <translation>平台已永久拒收：请安排核查（同步状态）。在此之前只有店长可以将当天标记为已对账。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="193"/>
        <source>Let the outbox send it (check the network), then reconcile again.</source>
        <translation>等待待发队列发送（请检查网络），然后重新对账。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="194"/>
        <source>Check this terminal&apos;s sales and receipts for this order.</source>
        <translation>请核查本终端该订单的销售和小票。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="195"/>
        <source>Compare the receipt with the platform&apos;s record and correct the wrong side.</source>
        <translation>请将小票与平台记录核对，并更正出错的一方。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="196"/>
        <source>Settle the difference with the shop.</source>
        <translation>请与网店结清差额。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="197"/>
        <source>The buyer gets this payment back through the platform&apos;s refund case.</source>
        <translation>买家会通过平台的退款单拿回这笔付款。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="199"/>
        <source>The terminal stopped during a checkout: restart it or take a prepaid payment, which gives the money back to the card. If it stays, have the platform credit the card.</source>
        <translation>终端在结账过程中停止：请重启终端或进行一笔储值卡支付，系统会把这笔钱退回卡上。如果差异仍在，请让平台给该卡充回。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="202"/>
        <source>Find the sale, refund or void for it; if there is none, have the platform give it back to the card.</source>
        <translation>请查找对应的销售、退款或作废记录；如果没有，请让平台把钱退回卡上。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="204"/>
        <source>Check the card&apos;s history with the platform.</source>
        <translation>请向平台核对该卡的交易记录。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="205"/>
        <source>Compare the receipt with the card&apos;s history and correct the wrong side.</source>
        <translation>请将小票与该卡的交易记录核对，并更正有误的一方。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="207"/>
        <source>The platform&apos;s prepaid-card movements could not be read: reconcile again.</source>
        <translation>无法读取平台的储值卡交易记录：请重新对账。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="214"/>
        <location filename="../screens/reconcile.py" line="251"/>
        <source>Close the day with a Z report first: only a closed day is marked reconciled.</source>
        <translation>请先用 Z 报表日结：只有已日结的营业日才能标记为已对账。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="215"/>
        <source>This day is marked reconciled.</source>
        <translation>该营业日已标记为已对账。</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/reconcile.py" line="216"/>
        <source>%n settlement(s) of this day not sent yet: still in the outbox.</source>
        <translation>
            <numerusform>当天有 %n 笔结算仍在待发队列中。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/reconcile.py" line="217"/>
        <source>The platform refused %n settlement(s) of this day: have them checked.</source>
        <translation>
            <numerusform>平台拒收了当天 %n 笔结算：请安排核查。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="219"/>
        <source>Not compared with the platform yet (or the day changed since): reconcile first.</source>
        <translation>尚未与平台核对（或之后数据有变）：请先对账。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="220"/>
        <source>The platform reports differences: settle them, then reconcile again.</source>
        <translation>平台报告有差异：处理后请重新对账。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="226"/>
        <source>The platform cannot be reached now: reconcile again when it is back.</source>
        <translation>目前无法连接平台：平台恢复后请重新对账。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="227"/>
        <source>The platform refused the comparison.</source>
        <translation>平台拒绝了对账请求。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="228"/>
        <source>The platform&apos;s answer could not be read.</source>
        <translation>无法读取平台的回复。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="229"/>
        <source>No platform is set up for this terminal.</source>
        <translation>本终端没有设置平台。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="230"/>
        <source>Never compared with the platform for this day.</source>
        <translation>该营业日从未与平台对账。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="237"/>
        <source>Card terminal: none at this counter.</source>
        <translation>刷卡终端：本收银台没有。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="238"/>
        <source>Card terminal: standalone; compare its printed day report with these figures.</source>
        <translation>刷卡终端：独立机，请将其打印的日报与这些数据核对。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="239"/>
        <source>Card terminal: did not answer (%1).</source>
        <translation>刷卡终端：无响应（%1）。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="240"/>
        <source>Card terminal: its day report was not read for this day.</source>
        <translation>刷卡终端：该营业日未读取其日报。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="243"/>
        <source>Card terminal: its day report matches this terminal&apos;s bank-card figures.</source>
        <translation>刷卡终端：其日报与本终端的银行卡数据一致。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="244"/>
        <source>Card terminal: its day report differs from this terminal&apos;s bank-card figures: find the card payments made outside this terminal.</source>
        <translation>刷卡终端：其日报与本终端的银行卡数据不一致：请查找不经本终端的刷卡交易。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="250"/>
        <source>Only a manager may mark a day reconciled.</source>
        <translation>只有店长可以将营业日标记为已对账。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="252"/>
        <source>This day is marked reconciled already.</source>
        <translation>该营业日已标记为已对账。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="253"/>
        <source>Only a manager may accept this.</source>
        <translation>只有店长可以认可此情况。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="254"/>
        <location filename="../screens/reconcile.py" line="476"/>
        <source>A manager who accepts this writes a note.</source>
        <translation>认可此情况的店长须写说明。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="255"/>
        <source>The day changed meanwhile: reconcile again.</source>
        <translation>期间数据有变：请重新对账。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="256"/>
        <source>Settlements of this day still wait in the outbox.</source>
        <translation>当天仍有结算在待发队列中。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="257"/>
        <source>The platform refused settlements of this day.</source>
        <translation>平台拒收了当天的部分结算。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="258"/>
        <source>Not compared with the platform yet: reconcile first.</source>
        <translation>尚未与平台核对：请先对账。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="259"/>
        <source>The platform reports differences.</source>
        <translation>平台报告有差异。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="265"/>
        <source>Something went wrong: %1. Try again; if it keeps happening, call the technician.</source>
        <translation>出错了：%1。请重试；如果反复出现，请联系技术人员。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="305"/>
        <source>Asking the platform and the card terminal…</source>
        <translation>正在询问平台和刷卡终端…</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="342"/>
        <location filename="../screens/reconcile.py" line="352"/>
        <location filename="../screens/reconcile.py" line="355"/>
        <source>not known</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="344"/>
        <source>Settlements</source>
        <translation>结算</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="347"/>
        <source>Paid twice (refund cases)</source>
        <translation>重复付款（退款单）</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="351"/>
        <source>Bank-card charges</source>
        <translation>银行卡收款</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="354"/>
        <source>Bank-card refunds</source>
        <translation>银行卡退款</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="364"/>
        <source>Not compared yet: press Reconcile with the platform.</source>
        <translation>尚未对账：请点“与平台对账”。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="376"/>
        <source>Platform answered at %1.</source>
        <translation>平台于 %1 回复。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="377"/>
        <source>The platform&apos;s answer kept from %1.</source>
        <translation>已保存的平台回复（%1）。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="379"/>
        <source>Reconciled by %1.</source>
        <translation>由 %1 标记为已对账。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="385"/>
        <source>Shown: its last answer, from %1.</source>
        <translation>显示的是平台上次（%1）的回复。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="400"/>
        <source>Differences: %1</source>
        <translation>差异：%1</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="401"/>
        <source>Differences: none. The platform agrees with this terminal.</source>
        <translation>差异：无。平台与本终端一致。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="403"/>
        <source>Differences: not known while the platform does not answer.</source>
        <translation>差异：平台无响应，暂不可知。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="410"/>
        <source>receipt %1</source>
        <translation>小票 %1</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="412"/>
        <source>here %1
platform %2</source>
        <translation>本机 %1
平台 %2</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="419"/>
        <source>Outbox, this day&apos;s settlements: %1 waiting to be sent, %2 refused by the platform.</source>
        <translation>待发队列：当天 %1 笔结算等待发送，%2 笔被平台拒收。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="422"/>
        <source>All days: %1 waiting, %2 refused.</source>
        <translation>所有日期：%1 笔等待，%2 笔拒收。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="427"/>
        <source>Everything agrees: the day can be marked reconciled.</source>
        <translation>全部一致：可以将当天标记为已对账。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="431"/>
        <source>A manager may accept this with a note.</source>
        <translation>店长可写说明后认可。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="455"/>
        <source>Mark reconciled (manager)…</source>
        <translation>标记为已对账（店长）…</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="457"/>
        <source>Mark reconciled</source>
        <translation>标记为已对账</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="489"/>
        <source>Mark the day %1 reconciled.</source>
        <translation>将营业日 %1 标记为已对账。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="491"/>
        <location filename="../screens/reconcile.py" line="499"/>
        <source>Accept the day %1 as reconciled although: %2</source>
        <translation>认可营业日 %1 为已对账，尽管：%2</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="472"/>
        <source>Manager&apos;s note</source>
        <translation>店长说明</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="473"/>
        <source>Why is the day accepted as reconciled?</source>
        <translation>为什么认可当天为已对账？</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="516"/>
        <source>Day %1 marked reconciled by %2.</source>
        <translation>营业日 %1 已由 %2 标记为已对账。</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="518"/>
        <source>Accepted by %1: %2</source>
        <translation>由 %1 认可：%2</translation>
    </message>
</context>
<context>
    <name>ReferenceDialog</name>
    <message>
        <location filename="../screens/settlement_dialogs.py" line="137"/>
        <source>Transfer sent</source>
        <translation>已转账</translation>
    </message>
    <message>
        <location filename="../screens/settlement_dialogs.py" line="138"/>
        <source>Mark the transfer of %1 as sent</source>
        <translation>将 %1 的转账标记为已转出</translation>
    </message>
    <message>
        <location filename="../screens/settlement_dialogs.py" line="139"/>
        <source>Do this once the bank has made the transfer of %1. The platform is told and shows it as received when the money arrives.</source>
        <translation>请在银行完成 %1 的转账后操作。系统会通知平台，款项到账后平台会显示为已收到。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_dialogs.py" line="141"/>
        <source>The bank&apos;s &amp;reference of the transfer</source>
        <translation>转账的银行流水号(&amp;R)</translation>
    </message>
    <message>
        <location filename="../screens/settlement_dialogs.py" line="142"/>
        <source>&amp;Mark sent</source>
        <translation>标记为已转出(&amp;M)</translation>
    </message>
    <message>
        <location filename="../screens/settlement_dialogs.py" line="143"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../screens/settlement_dialogs.py" line="147"/>
        <source>Type the bank&apos;s reference of the transfer.</source>
        <translation>请输入转账的银行流水号。</translation>
    </message>
</context>
<context>
    <name>RefundsPage</name>
    <message>
        <location filename="../screens/refunds.py" line="217"/>
        <location filename="../workspace.py" line="40"/>
        <source>Refunds</source>
        <translation>退款</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="220"/>
        <source>Take back a faulty item: scan the item&apos;s own code and photograph the defect.</source>
        <translation>受理问题商品退货：扫描商品自身的编码，并拍下故障照片。</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="28"/>
        <source>Defective</source>
        <translation>质量问题</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="29"/>
        <source>Damaged</source>
        <translation>破损</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="30"/>
        <source>Wrong item</source>
        <translation>发错商品</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="31"/>
        <source>Not as described</source>
        <translation>与描述不符</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="32"/>
        <source>Missing parts</source>
        <translation>缺少配件</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="33"/>
        <source>Other (say what)</source>
        <translation>其他（请说明）</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="36"/>
        <source>Stored here, waiting to be sent</source>
        <translation>已存在本机，等待发送</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="37"/>
        <source>Waiting for the seller</source>
        <translation>等待卖家处理</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="38"/>
        <source>Approved: pay out</source>
        <translation>已同意：请退款</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="39"/>
        <source>Rejected by the seller</source>
        <translation>卖家已拒绝</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="40"/>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="41"/>
        <source>Refused by the platform</source>
        <translation>平台已拒绝</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="50"/>
        <source>The seller gave no reason.</source>
        <translation>卖家未说明理由。</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="53"/>
        <source>Seller&apos;s note: %1</source>
        <translation>卖家备注：%1</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="67"/>
        <source>cash from this drawer</source>
        <translation>从本钱箱退现金</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="68"/>
        <source>back to the prepaid card</source>
        <translation>退回储值卡</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="69"/>
        <source>back to the bank card</source>
        <translation>退回银行卡</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="70"/>
        <source>the platform refunds the buyer&apos;s account</source>
        <translation>由平台退回买家账户</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="71"/>
        <source>back to each tender that paid, cards first</source>
        <translation>按原支付方式分别退回，先退卡</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="75"/>
        <source>cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="76"/>
        <source>prepaid card</source>
        <translation>储值卡</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="77"/>
        <source>bank card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="78"/>
        <source>buyer&apos;s account</source>
        <translation>买家账户</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="83"/>
        <source>each tender&apos;s share is not known</source>
        <translation>各支付方式的金额未知</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="91"/>
        <source>Paid in cash at another store: this store may pay back only a small amount in cash. Send the buyer to the store that sold it.</source>
        <translation>该订单在其他门店以现金支付：本店只能退还少量现金。请让买家到售出门店办理。</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="94"/>
        <source>This store has taken as many returns of goods sold elsewhere today as the platform allows. Send the buyer to the store that sold it, or try again tomorrow.</source>
        <translation>本店今天受理的异店退货已达平台上限。请让买家到售出门店办理，或明天再试。</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="98"/>
        <source>Returns of goods sold elsewhere would exceed this store&apos;s daily amount. Send the buyer to the store that sold it, or try again tomorrow.</source>
        <translation>异店退货金额将超过本店每日限额。请让买家到售出门店办理，或明天再试。</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="105"/>
        <source>The platform said: %1</source>
        <translation>平台答复：%1</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="110"/>
        <source>That is not an item code. Scan the code of the returned unit (on the receipt or label).</source>
        <translation>这不是商品码。请扫描退回商品的编码（在小票或标签上）。</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="112"/>
        <source>That is a bank card number, not an item code: it was not sent anywhere. Scan the code of the returned unit; an item code keyed by hand starts with IC.</source>
        <translation>这是银行卡号，不是商品码：它没有被发送到任何地方。请扫描退回商品的商品码；手动输入的商品码以 IC 开头。</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="115"/>
        <source>No item has this code. Check the code on the receipt.</source>
        <translation>没有商品使用此编码。请核对小票上的编码。</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="116"/>
        <source>This unit is already refunded.</source>
        <translation>此商品已退款。</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="117"/>
        <source>This unit already has a refund request open; see the list below.</source>
        <translation>此商品已有进行中的退款申请，见下方列表。</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="471"/>
        <source>Request for order %1 put away.</source>
        <translation>订单 %1 的退款申请已移出列表。</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="528"/>
        <source>Give the unit back to the buyer, then press “Unit given back”.</source>
        <translation>请把商品还给买家，然后按“商品已还给买家”。</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="102"/>
        <location filename="../screens/refund_texts.py" line="119"/>
        <source>Outside the merchant&apos;s return window.</source>
        <translation>已超过商户的退货期限。</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="120"/>
        <source>This order was never paid; there is nothing to refund.</source>
        <translation>此订单未付款，无需退款。</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="121"/>
        <source>This merchant needs at least one photo of the defect.</source>
        <translation>此商户要求至少一张瑕疵照片。</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="122"/>
        <source>The platform does not answer and this terminal has no record of the item.</source>
        <translation>平台无响应，本机也没有此商品的记录。</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="124"/>
        <source>Choose a reason; &quot;Other&quot; needs a few words.</source>
        <translation>请选择原因；选“其他”时请简单说明。</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="125"/>
        <source>One refund covers units of one order.</source>
        <translation>一次退款只能包含同一订单的商品。</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="126"/>
        <source>Not approved yet: only a manager may pay cash before the platform approves.</source>
        <translation>尚未同意：平台同意前只有经理可以授权退现金。</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="128"/>
        <source>More than a manager may pay before the platform approves.</source>
        <translation>超出平台同意前经理可授权的金额。</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="129"/>
        <source>This refund is not approved; nothing is paid out.</source>
        <translation>此退款未获同意，不予退款。</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="130"/>
        <source>Open a shift first: cash refunds are counted in the shift.</source>
        <translation>请先开班：现金退款计入班次。</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="131"/>
        <source>Swipe or scan the buyer&apos;s prepaid card first.</source>
        <translation>请先刷或扫描买家的储值卡。</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="132"/>
        <source>This refund is paid out already.</source>
        <translation>此退款已退过。</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="133"/>
        <source>That is not the prepaid card the order was paid with: the money goes back to that card.</source>
        <translation>这不是支付该订单的储值卡：款项须退回原卡。</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="136"/>
        <source>Paid with several tenders and their shares are not known: refund at the store that took the payment.</source>
        <translation>该订单以多种方式支付且各自金额未知：请到收款门店办理退款。</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="139"/>
        <source>The refund is more than the tenders paid less earlier refunds of this order; check with the platform.</source>
        <translation>退款金额超过各支付方式已付金额减去此前退款：请与平台核对。</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="142"/>
        <source>This refund is not paid out: there is no receipt to print again.</source>
        <translation>该退款尚未支付：没有可重印的小票。</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="144"/>
        <source>The card terminal did not refund; try again or refund on the card terminal.</source>
        <translation>刷卡终端未完成退款：请重试，或在刷卡终端上直接退款。</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="146"/>
        <source>This refund is still open: only a rejected or refused one is put away.</source>
        <translation>此退款尚未结束：只有被卖家拒绝或被平台拒收的退款才能移出列表。</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="223"/>
        <source>Scan or type the item code</source>
        <translation>扫描或输入商品码</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="224"/>
        <source>Look up</source>
        <translation>查询</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="225"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="232"/>
        <source>Details</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../screens/refund_payout.py" line="52"/>
        <location filename="../screens/refunds.py" line="241"/>
        <source>Reprint receipt</source>
        <translation>重印小票</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="244"/>
        <source>Open and recent refunds</source>
        <translation>待处理与近期退款</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="59"/>
        <source>Refunded, receipt %1</source>
        <translation>已退款，小票 %1</translation>
    </message>
    <message>
        <location filename="../screens/refund_payout.py" line="53"/>
        <source>Why is it printed again?</source>
        <translation>重印原因？</translation>
    </message>
    <message>
        <location filename="../screens/refund_payout.py" line="69"/>
        <source>Receipt %1 printed again.</source>
        <translation>小票 %1 已重印。</translation>
    </message>
    <message>
        <location filename="../screens/refund_payout.py" line="72"/>
        <source>Not printed: %1</source>
        <translation>未打印：%1</translation>
    </message>
    <message>
        <location filename="../screens/refund_payout.py" line="87"/>
        <source>Refunded, but the receipt did not print: %1. Use Reprint receipt.</source>
        <translation>已退款，但小票未打印：%1。请使用“重印小票”。</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="496"/>
        <source>Buyer %1, reputation %2 (at once from %3)</source>
        <translation>买家 %1，信誉 %2（%3 及以上立即退款）</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="233"/>
        <source>Take photo</source>
        <translation>拍照</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="234"/>
        <source>Retake</source>
        <translation>重拍</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="235"/>
        <source>Add image files…</source>
        <translation>添加图片文件…</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="236"/>
        <source>Submit refund</source>
        <translation>提交退款</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="237"/>
        <source>New return</source>
        <translation>新的退货</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="238"/>
        <source>Prepaid card (swipe)</source>
        <translation>储值卡（刷卡）</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="239"/>
        <source>Pay out</source>
        <translation>退款</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="240"/>
        <source>Manager override</source>
        <translation>经理授权</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="242"/>
        <source>Unit given back</source>
        <translation>商品已还给买家</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="243"/>
        <source>The unit went back to the buyer: take this request off the list.</source>
        <translation>商品已还给买家：将此申请移出列表。</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="306"/>
        <source>The scan was not used: finish the open window first, then scan again.</source>
        <translation>此次扫码未使用：请先完成当前打开的窗口，再重新扫码。</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="357"/>
        <source>No camera: add image files instead.</source>
        <translation>没有摄像头：请改为添加图片文件。</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="376"/>
        <source>Photos of the defect</source>
        <translation>瑕疵照片</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="377"/>
        <source>Images (*.jpg *.jpeg *.png *.webp *.bmp)</source>
        <translation>图片 (*.jpg *.jpeg *.png *.webp *.bmp)</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="447"/>
        <source>Waiting for the seller (terminal %1)</source>
        <translation>等待卖家处理（终端 %1）</translation>
    </message>
    <message>
        <location filename="../screens/refund_payout.py" line="43"/>
        <source>Pay %1 in cash for order %2 before the platform approves.</source>
        <translation>在平台同意前为订单 %2 退现金 %1。</translation>
    </message>
    <message>
        <location filename="../screens/refund_payout.py" line="80"/>
        <source>The platform refunds the buyer&apos;s account; nothing is paid at the counter.</source>
        <translation>由平台退回买家账户，柜台无需付款。</translation>
    </message>
    <message>
        <location filename="../screens/refund_payout.py" line="84"/>
        <source>Refunded %1: %2.</source>
        <translation>已退款 %1：%2。</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="493"/>
        <source>Order %1 from %2, paid: %3</source>
        <translation>订单 %1，商户 %2，付款方式：%3</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="499"/>
        <source>The platform does not answer: the refund is stored and sent when it is back.</source>
        <translation>平台无响应：退款已保存，平台恢复后自动发送。</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="501"/>
        <source>This merchant needs a photo of the defect.</source>
        <translation>此商户需要瑕疵照片。</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="504"/>
        <source>Scan the item code of the returned unit.</source>
        <translation>请扫描退回商品的商品码。</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="505"/>
        <source>Photos: %1</source>
        <translation>照片：%1</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="510"/>
        <source>No camera: image files still work.</source>
        <translation>没有摄像头：仍可使用图片文件。</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="515"/>
        <source>Order %1, %2: %3</source>
        <translation>订单 %1，%2：%3</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="518"/>
        <location filename="../screens/refunds.py" line="520"/>
        <source>Pay out: %1</source>
        <translation>退款方式：%1</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="522"/>
        <source>The platform does not answer; it is sent automatically when it is back.</source>
        <translation>平台无响应；恢复后会自动发送。</translation>
    </message>
</context>
<context>
    <name>Refusals</name>
    <message>
        <location filename="../refusals.py" line="35"/>
        <source>This user is locked after too many wrong PINs until %1. Wait, or ask a manager to unlock it.</source>
        <translation>密码错误次数过多，该用户已被锁定至 %1。请稍后再试，或请店长解锁。</translation>
    </message>
    <message>
        <location filename="../refusals.py" line="37"/>
        <source>This user is locked after too many wrong PINs. Wait, or ask a manager to unlock it.</source>
        <translation>密码错误次数过多，该用户已被锁定。请稍后再试，或请店长解锁。</translation>
    </message>
    <message numerus="yes">
        <location filename="../refusals.py" line="24"/>
        <source>Wrong PIN. This user is now locked for %n minute(s).</source>
        <translation>
            <numerusform>密码错误。该用户已被锁定 %n 分钟。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../refusals.py" line="44"/>
        <source>This user cannot sign in. Ask a manager.</source>
        <translation>该用户无法登录，请联系店长。</translation>
    </message>
    <message numerus="yes">
        <location filename="../refusals.py" line="27"/>
        <source>Wrong user or PIN. %n attempt(s) left before the user is locked.</source>
        <translation>
            <numerusform>工号或密码错误。再错 %n 次该用户将被锁定。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../refusals.py" line="48"/>
        <source>Unknown user or wrong PIN.</source>
        <translation>工号不存在或密码错误。</translation>
    </message>
    <message>
        <location filename="../refusals.py" line="50"/>
        <source>User %1 cannot approve this. A manager must approve.</source>
        <translation>用户 %1 无权授权此操作，需由店长授权。</translation>
    </message>
    <message>
        <location filename="../refusals.py" line="52"/>
        <source>The PIN could not be checked. Try again; if this keeps happening, call the technician.</source>
        <translation>暂时无法验证密码。请重试；如果问题持续，请联系技术人员。</translation>
    </message>
</context>
<context>
    <name>RemittancesTab</name>
    <message>
        <location filename="../screens/settlement_clearing.py" line="228"/>
        <source>Statement</source>
        <translation>结算单</translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="228"/>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="228"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="229"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="229"/>
        <source>Sent</source>
        <translation>转出时间</translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="229"/>
        <source>Bank reference</source>
        <translation>银行流水号</translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="230"/>
        <source>Transfer &amp;sent…</source>
        <translation>已转账(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="231"/>
        <source>Mark the selected transfer as sent, with the bank&apos;s reference</source>
        <translation>填写银行流水号，将选中的转账标记为已转出</translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="232"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="277"/>
        <source>No remittance yet: export an accepted statement for the bank first.</source>
        <translation>还没有汇款：请先为已确认的结算单导出银行付款文件。</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/settlement_clearing.py" line="283"/>
        <source>Outstanding: %n statement(s), %1 not received by the platform yet.</source>
        <translation>
            <numerusform>未到账：%n 张结算单，共 %1 平台尚未收到。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="286"/>
        <source>Every remittance has been received by the platform.</source>
        <translation>所有汇款平台均已收到。</translation>
    </message>
</context>
<context>
    <name>ReportsTab</name>
    <message>
        <location filename="../screens/reports.py" line="154"/>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="154"/>
        <source>Prepaid card</source>
        <translation>储值卡</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="154"/>
        <source>Bank card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="155"/>
        <source>Back to the buyer&apos;s account</source>
        <translation>原路退回买家账户</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="155"/>
        <source>Split</source>
        <translation>多种方式</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="158"/>
        <source>Day</source>
        <translation>营业日</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="159"/>
        <location filename="../screens/reports.py" line="393"/>
        <source>X report</source>
        <translation>X 报表</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="160"/>
        <source>Close the day (Z)…</source>
        <translation>日结（Z 报表）…</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="161"/>
        <source>The day&apos;s figures so far; nothing is closed.</source>
        <translation>当天截至目前的数据；不结账。</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="162"/>
        <source>Prints the Z report and closes the business day.</source>
        <translation>生成 Z 报表并结束营业日。</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="163"/>
        <source>Sales by hour and tender</source>
        <translation>按小时和付款方式的销售额</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="164"/>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="165"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="166"/>
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="167"/>
        <source>Count</source>
        <translation>笔数</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="167"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="173"/>
        <source>This day is already closed with a Z report: it is shown as it was printed.</source>
        <translation>该营业日已用 Z 报表日结：按打印时的内容显示。</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="174"/>
        <source>A shift is still open: close it (count the drawer) before the Z report.</source>
        <translation>还有班次未交班：请先交班（清点钱箱）再做 Z 报表。</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="175"/>
        <source>That day has not begun yet.</source>
        <translation>该营业日尚未开始。</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="176"/>
        <source>Only a manager may close the day.</source>
        <translation>只有店长可以日结。</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="177"/>
        <source>Choose a day in the calendar.</source>
        <translation>请在日历中选择日期。</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="178"/>
        <source>Another terminal closed a day at the same moment: try again.</source>
        <translation>另一终端同时在日结：请重试。</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="185"/>
        <source>The report could not be made: %1</source>
        <translation>无法生成报表：%1</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="242"/>
        <source>Close the day</source>
        <translation>日结</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="243"/>
        <source>Close the business day %1 with a Z report? Its figures are then final and the Z report number is used up.</source>
        <translation>用 Z 报表结束营业日 %1 吗？结束后数据不可再改，并占用一个 Z 报表编号。</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="251"/>
        <source>Close the business day %1 (Z report).</source>
        <translation>结束营业日 %1（Z 报表）。</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="278"/>
        <source>No Z report is stored for %1. Show its X report, or close the day with a Z report.</source>
        <translation>%1 没有保存的 Z 报表。可查看其 X 报表，或用 Z 报表日结。</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="291"/>
        <source>Day %1 closed: Z report no. %2.</source>
        <translation>营业日 %1 已日结：Z 报表第 %2 号。</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="306"/>
        <source>The Z report was printed.</source>
        <translation>Z 报表已打印。</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="331"/>
        <source>Sales</source>
        <translation>销售</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="332"/>
        <source>Sales total</source>
        <translation>销售合计</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="335"/>
        <source>Taken offline</source>
        <translation>离线收款</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="336"/>
        <source>Refunds and voids</source>
        <translation>退款与作废</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="337"/>
        <source>Refunds total</source>
        <translation>退款合计</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="339"/>
        <source>Voids</source>
        <translation>作废</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="341"/>
        <source>Cash in the drawer</source>
        <translation>钱箱现金</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="342"/>
        <source>Opening float</source>
        <translation>备用金</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="345"/>
        <source>+ Cash sales</source>
        <translation>+ 现金销售</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="346"/>
        <source>− Cash refunds</source>
        <translation>− 现金退款</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="347"/>
        <source>− Cash drops</source>
        <translation>− 投库</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="348"/>
        <source>− Pay-outs</source>
        <translation>− 支出</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="349"/>
        <source>+ Pay-ins</source>
        <translation>+ 存入</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="350"/>
        <source>Expected cash</source>
        <translation>应有现金</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="352"/>
        <location filename="../screens/reports.py" line="354"/>
        <source>Counted cash</source>
        <translation>实点现金</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="352"/>
        <source>not counted yet</source>
        <translation>尚未清点</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="356"/>
        <source>Over / short</source>
        <translation>长短款</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="358"/>
        <source>No-sale openings</source>
        <translation>无交易开钱箱</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="359"/>
        <source>Shifts</source>
        <translation>班次</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="362"/>
        <location filename="../screens/reports.py" line="364"/>
        <source>open</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="370"/>
        <source>No shift on this day</source>
        <translation>当天没有班次</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="371"/>
        <source>Receipts and sync</source>
        <translation>小票与同步</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="373"/>
        <location filename="../screens/reports.py" line="375"/>
        <source>Receipt numbers</source>
        <translation>小票号</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="373"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="376"/>
        <source>Settlements not sent yet</source>
        <translation>尚未上传的结算</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="378"/>
        <source>Settlements needing attention</source>
        <translation>需处理的结算</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="383"/>
        <source>A shift of this day is still open: its cash is not counted yet.</source>
        <translation>当天还有班次未交班：其现金尚未清点。</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/reports.py" line="384"/>
        <source>%n settlement(s) not sent to the platform yet.</source>
        <translation>
            <numerusform>%n 笔结算尚未上传到平台。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/reports.py" line="385"/>
        <source>%n settlement(s) refused by the platform: see the sync status.</source>
        <translation>
            <numerusform>平台拒收了 %n 笔结算：请查看同步状态。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="391"/>
        <source>Z report no. %1</source>
        <translation>Z 报表第 %1 号</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="399"/>
        <source>Choose a day, then X report (figures so far) or Close the day (Z).</source>
        <translation>选择日期，然后点 X 报表（截至目前的数据）或日结（Z）。</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="448"/>
        <source>Report printed.</source>
        <translation>报表已打印。</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="455"/>
        <source>The report was not printed: %1. Check the printer (paper, cover), then print again.</source>
        <translation>报表未打印：%1。请检查打印机（纸张、机盖）后重新打印。</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="473"/>
        <source>Export the report as CSV</source>
        <translation>将报表导出为 CSV</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="474"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="492"/>
        <source>Export the report as PDF</source>
        <translation>将报表导出为 PDF</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="493"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="506"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="512"/>
        <source>The file was not saved: %1</source>
        <translation>文件未保存：%1</translation>
    </message>
</context>
<context>
    <name>ReprintReasonDialog</name>
    <message>
        <location filename="../screens/receipt_history.py" line="96"/>
        <source>The buyer asked for a copy</source>
        <translation>顾客要求副本</translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="97"/>
        <source>The receipt was damaged or unreadable</source>
        <translation>小票损坏或无法辨认</translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="98"/>
        <source>For the records (accounting, a return)</source>
        <translation>留档（记账、退货）</translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="99"/>
        <source>Other (type a note)</source>
        <translation>其他（请填写说明）</translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="103"/>
        <source>Print a copy</source>
        <translation>补打副本</translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="104"/>
        <source>Receipt %1</source>
        <translation>小票 %1</translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="105"/>
        <source>It prints marked as a copy. Why is it printed again?</source>
        <translation>将打印并标注为副本。为什么要再次打印？</translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="106"/>
        <source>This receipt never printed: it prints as the original. Why is it printed now?</source>
        <translation>这张小票从未打印过：将打印为原件。为什么现在打印？</translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="114"/>
        <source>&amp;Reason</source>
        <translation>原因(&amp;R)</translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="115"/>
        <source>&amp;Note (required for Other)</source>
        <translation>说明（选“其他”时必填）(&amp;N)</translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="116"/>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="117"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="145"/>
        <source>Type a short note: why is the copy printed?</source>
        <translation>请简要说明补打副本的原因。</translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="152"/>
        <source>A scan is not a reason: choose one from the list, or type a note.</source>
        <translation>扫描不能作为原因：请从列表中选择，或填写说明。</translation>
    </message>
</context>
<context>
    <name>ResetPinDialog</name>
    <message>
        <location filename="../screens/users.py" line="93"/>
        <source>Reset PIN</source>
        <translation>重设 PIN</translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="94"/>
        <source>New PIN for %1</source>
        <translation>为 %1 设置新 PIN</translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="95"/>
        <source>The user signs in with this PIN from now on; a lock is lifted.</source>
        <translation>该用户今后用此 PIN 登录；锁定会被解除。</translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="96"/>
        <source>New &amp;PIN</source>
        <translation>新 PIN(&amp;P)</translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="97"/>
        <source>PIN &amp;again</source>
        <translation>再次输入 PIN(&amp;A)</translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="98"/>
        <source>Set PIN</source>
        <translation>设置 PIN</translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="99"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="123"/>
        <source>Type the new PIN.</source>
        <translation>请输入新 PIN。</translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="127"/>
        <source>The two PINs differ. Type them again.</source>
        <translation>两次输入的 PIN 不一致，请重新输入。</translation>
    </message>
</context>
<context>
    <name>SalesChart</name>
    <message>
        <location filename="../sales_chart.py" line="77"/>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <location filename="../sales_chart.py" line="77"/>
        <source>Prepaid card</source>
        <translation>储值卡</translation>
    </message>
    <message>
        <location filename="../sales_chart.py" line="77"/>
        <source>Bank card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <location filename="../sales_chart.py" line="109"/>
        <source>No sales in this period</source>
        <translation>此时段没有销售</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../screens/settings.py" line="85"/>
        <location filename="../workspace.py" line="43"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../screens/settings.py" line="88"/>
        <source>Your language, and where this terminal keeps its settings, data and log.</source>
        <translation>界面语言，以及本终端的设置、数据和日志存放位置。</translation>
    </message>
    <message>
        <location filename="../screens/settings.py" line="100"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../screens/settings.py" line="101"/>
        <source>Settings file</source>
        <translation>设置文件</translation>
    </message>
    <message>
        <location filename="../screens/settings.py" line="102"/>
        <source>Data folder</source>
        <translation>数据目录</translation>
    </message>
    <message>
        <location filename="../screens/settings.py" line="103"/>
        <source>Log file</source>
        <translation>日志文件</translation>
    </message>
    <message>
        <location filename="../screens/settings.py" line="104"/>
        <source>Automatic (system language)</source>
        <translation>自动（跟随系统语言）</translation>
    </message>
    <message>
        <location filename="../screens/settings.py" line="113"/>
        <source>none: embedded defaults</source>
        <translation>无：使用内置默认设置</translation>
    </message>
    <message>
        <location filename="../screens/settings.py" line="115"/>
        <source>none: logging to the console</source>
        <translation>无：日志输出到控制台</translation>
    </message>
</context>
<context>
    <name>SettlementPage</name>
    <message>
        <location filename="../screens/settlement.py" line="152"/>
        <location filename="../workspace.py" line="46"/>
        <source>Settlement</source>
        <translation>结算</translation>
    </message>
    <message>
        <location filename="../screens/settlement.py" line="155"/>
        <source>What the store owes each platform for a day: compared, accepted, paid.</source>
        <translation>门店每天应付各平台的款项：核对、确认、付款。</translation>
    </message>
    <message>
        <location filename="../screens/settlement.py" line="158"/>
        <source>&amp;Platform</source>
        <translation>平台(&amp;P)</translation>
    </message>
    <message>
        <location filename="../screens/settlement.py" line="159"/>
        <source>&amp;Day</source>
        <translation>营业日(&amp;D)</translation>
    </message>
    <message>
        <location filename="../screens/settlement.py" line="160"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../screens/settlement.py" line="161"/>
        <source>Show the statement again (F5)</source>
        <translation>重新显示结算单 (F5)</translation>
    </message>
    <message>
        <location filename="../screens/settlement.py" line="162"/>
        <source>Statement</source>
        <translation>结算单</translation>
    </message>
    <message>
        <location filename="../screens/settlement.py" line="163"/>
        <source>Clearing house</source>
        <translation>清算机构</translation>
    </message>
    <message>
        <location filename="../screens/settlement.py" line="164"/>
        <source>Remittances</source>
        <translation>汇款</translation>
    </message>
    <message>
        <location filename="../screens/settlement.py" line="181"/>
        <source>Settlement is not available at this terminal.</source>
        <translation>本终端不提供结算功能。</translation>
    </message>
    <message>
        <location filename="../screens/settlement.py" line="361"/>
        <source>Statement %1 accepted: %2.</source>
        <translation>结算单 %1 已确认：%2。</translation>
    </message>
    <message>
        <location filename="../screens/settlement.py" line="389"/>
        <source>Exported for the bank (%1) to %2: %3. Make the transfer of %4, then press Transfer sent.</source>
        <translation>已导出银行付款文件（%1）到 %2：%3。请转账 %4，然后点“已转账”。</translation>
    </message>
    <message>
        <location filename="../screens/settlement.py" line="393"/>
        <source>No PDF: %1</source>
        <translation>未生成 PDF：%1</translation>
    </message>
    <message>
        <location filename="../screens/settlement.py" line="414"/>
        <source>Transfer of %1 marked sent (reference %2): the platform is told.</source>
        <translation>%1 的转账已标记为已转出（银行流水号 %2），将通知平台。</translation>
    </message>
    <message>
        <location filename="../screens/settlement.py" line="428"/>
        <source>Statement %1 sent to the clearing house.</source>
        <translation>结算单 %1 已发送给清算机构。</translation>
    </message>
    <message>
        <location filename="../screens/settlement.py" line="435"/>
        <location filename="../screens/settlement.py" line="450"/>
        <source>No clearing house is set up at this terminal.</source>
        <translation>本终端未配置清算机构。</translation>
    </message>
    <message>
        <location filename="../screens/settlement.py" line="438"/>
        <source>Import a clearing-house report</source>
        <translation>导入清算机构报告</translation>
    </message>
    <message>
        <location filename="../screens/settlement.py" line="439"/>
        <source>Clearing-house reports (*.json);;All files (*)</source>
        <translation>清算机构报告 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../screens/settlement.py" line="459"/>
        <source>Report %1 imported: %2</source>
        <translation>报告 %1 已导入：%2</translation>
    </message>
    <message>
        <location filename="../screens/settlement.py" line="471"/>
        <source>Save the payment file</source>
        <translation>保存付款文件</translation>
    </message>
    <message>
        <location filename="../screens/settlement.py" line="472"/>
        <source>Payment files (*.xml)</source>
        <translation>付款文件 (*.xml)</translation>
    </message>
    <message>
        <location filename="../screens/settlement.py" line="482"/>
        <source>Payment file of report %1 saved to %2.</source>
        <translation>报告 %1 的付款文件已保存到 %2。</translation>
    </message>
</context>
<context>
    <name>SettlementTexts</name>
    <message>
        <location filename="../screens/settlement_texts.py" line="43"/>
        <source>cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="44"/>
        <source>bank card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="45"/>
        <source>prepaid card</source>
        <translation>预付卡</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="50"/>
        <source>Collected: %1</source>
        <translation>收款：%1</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="51"/>
        <source>Refunds paid out: %1</source>
        <translation>柜台退款：%1</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="52"/>
        <source>Double payments paid back: %1</source>
        <translation>重复付款退还：%1</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="53"/>
        <source>Voids given back: %1</source>
        <translation>作废退还：%1</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="54"/>
        <source>Double payments held</source>
        <translation>代收的重复付款</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="55"/>
        <source>Commission</source>
        <translation>佣金</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="60"/>
        <source>%1 × %2</source>
        <translation>%1 笔 × %2</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="63"/>
        <source>half up</source>
        <translation>四舍五入</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="63"/>
        <source>half to even</source>
        <translation>银行家舍入</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="64"/>
        <source>rounded down</source>
        <translation>向下取整</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="67"/>
        <source>%1 per order, %2</source>
        <translation>每单 %1，%2</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="68"/>
        <source>%1 + %2 per order, %3</source>
        <translation>每单 %1 + %2，%3</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="72"/>
        <source>The store owes the platform %1</source>
        <translation>门店应付平台 %1</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="74"/>
        <source>The platform owes the store %1</source>
        <translation>平台应付门店 %1</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="75"/>
        <source>Nothing to settle: the net is zero</source>
        <translation>无需结算：净额为零</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="80"/>
        <source>Sale</source>
        <translation>销售</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="81"/>
        <source>Refund paid out</source>
        <translation>柜台退款</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="82"/>
        <source>Double payment paid back</source>
        <translation>重复付款退还</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="83"/>
        <source>Void</source>
        <translation>作废</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="84"/>
        <source>Double payment held</source>
        <translation>代收的重复付款</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="91"/>
        <source>order %1: %2</source>
        <translation>订单 %1：%2</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="95"/>
        <source>Line differs</source>
        <translation>项目不一致</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="96"/>
        <source>Not recorded by the platform</source>
        <translation>平台没有记录</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="97"/>
        <source>Not recorded at this terminal</source>
        <translation>本终端没有记录</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="98"/>
        <source>Amounts differ</source>
        <translation>金额不一致</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="99"/>
        <source>Contracts differ</source>
        <translation>合同不一致</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="100"/>
        <source>Currencies differ</source>
        <translation>币种不一致</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="101"/>
        <source>Changed after acceptance</source>
        <translation>确认后有变动</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="106"/>
        <source>The platform has not recorded this yet: it waits in the outbox (the sync state in the status bar) and is sent by itself once the platform answers.</source>
        <translation>平台尚未记录：它还在待发送队列中（见状态栏的同步状态），平台应答后会自动发送。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="109"/>
        <source>The platform recorded something this counter has no record of: compare the receipt numbers with the platform and call its support before accepting.</source>
        <translation>平台记录了本柜台没有的记录：确认前请与平台核对小票号，并联系平台客服。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="112"/>
        <source>The two sides recorded different amounts: check the receipt against the platform&apos;s record before accepting.</source>
        <translation>双方记录的金额不同：确认前请将小票与平台的记录核对。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="114"/>
        <source>Explained by the differences below; accept only when each of them is understood.</source>
        <translation>原因见下面各项差异；弄清每一项后再确认。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="116"/>
        <source>The terminal&apos;s commission contract differs from the platform&apos;s: update the terminal&apos;s settings or ask the platform which one is current.</source>
        <translation>本终端的佣金合同与平台不同：请更新终端设置，或向平台确认哪一份有效。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="118"/>
        <source>The two sides keep the day in different currencies: nothing can be settled until the platform&apos;s settings are corrected.</source>
        <translation>双方当天使用的币种不同：平台设置更正之前无法结算。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="120"/>
        <source>This terminal&apos;s records of the day changed after the statement was accepted; the accepted statement stays as it was: settle the change with the platform and find out why the records changed.</source>
        <translation>结算单确认后本终端当天的记录有变动；已确认的结算单保持不变：请与平台处理这部分变动，并查明记录变动的原因。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="146"/>
        <source>%1 (accepted, now)</source>
        <translation>%1（确认时，现在）</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="147"/>
        <source>The figures (accepted, now)</source>
        <translation>数据（确认时，现在）</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="151"/>
        <source>Commission contract</source>
        <translation>佣金合同</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="162"/>
        <source>The day is not closed: take its Z report on the Shift page first (on every terminal that worked that day).</source>
        <translation>当天尚未日结：请先在“交班与报表”页打印 Z 报表（当天营业的每台终端都要日结）。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="164"/>
        <source>Records of this day still wait in the outbox: let the sync send them, then look again.</source>
        <translation>当天的记录仍在待发送队列中：等同步发送后再查看。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="166"/>
        <source>The platform refused records of this day: have them checked (the sync state in the status bar).</source>
        <translation>平台拒收了当天的记录：请检查（见状态栏的同步状态）。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="168"/>
        <source>The platform&apos;s figures could not be read: look again when it answers, or accept with a note.</source>
        <translation>无法读取平台的数据：平台应答后再查看，或填写说明后确认。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="170"/>
        <source>The two sides differ: understand each difference, then accept with a note.</source>
        <translation>双方数据不一致：弄清每一项差异后，填写说明再确认。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="175"/>
        <source>paid directly by bank transfer</source>
        <translation>银行转账直接付款</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="176"/>
        <source>settled through the clearing house</source>
        <translation>通过清算机构结算</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="180"/>
        <source>Not sent</source>
        <translation>未转出</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="181"/>
        <location filename="../screens/settlement_texts.py" line="182"/>
        <location filename="../screens/settlement_texts.py" line="184"/>
        <source>Outstanding</source>
        <translation>未到账</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="183"/>
        <source>Received</source>
        <translation>已到账</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="189"/>
        <source>The payment file is made; the transfer is not marked sent yet.</source>
        <translation>付款文件已生成；转账尚未标记为已转出。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="190"/>
        <source>The transfer is marked sent; the platform is told through the outbox.</source>
        <translation>转账已标记为已转出；将通过待发送队列通知平台。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="191"/>
        <source>The platform has the store&apos;s notice; it has not seen the money yet.</source>
        <translation>平台已收到门店的通知，但尚未收到款项。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="192"/>
        <source>The platform says the money arrived.</source>
        <translation>平台确认款项已到账。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="193"/>
        <source>The platform has not seen the money yet.</source>
        <translation>平台尚未收到款项。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="198"/>
        <source>Reconciled</source>
        <translation>已对平</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="198"/>
        <source>Differences</source>
        <translation>有差异</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="199"/>
        <source>Reconciled: it agrees with this terminal&apos;s statements</source>
        <translation>已对平：与本终端的结算单一致</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="200"/>
        <source>Differences: see below</source>
        <translation>有差异：见下方</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="204"/>
        <source>Netted other figures</source>
        <translation>轧差数据不同</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="205"/>
        <source>Not a statement of this terminal</source>
        <translation>不是本终端的结算单</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="206"/>
        <source>Not in the report</source>
        <translation>报告中没有</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="207"/>
        <source>The net is not the sum of the lines</source>
        <translation>净额不等于各项之和</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="208"/>
        <source>The payment file differs</source>
        <translation>付款文件不一致</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="213"/>
        <source>The clearing house netted other figures than the statement accepted here: do not pay; ask the clearing house to correct the report.</source>
        <translation>清算机构轧差所用的数据与本处确认的结算单不同：不要付款；请清算机构更正报告。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="215"/>
        <source>The report names a statement this terminal has not accepted: do not pay; ask the clearing house which store sent it.</source>
        <translation>报告中有本终端未确认的结算单：不要付款；请向清算机构查询是哪家门店发送的。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="217"/>
        <source>An accepted statement of this day is not in the report (sent late or not received): settle that platform directly for the day.</source>
        <translation>当天已确认的结算单不在报告中（发送太晚或未收到）：当天与该平台直接结算。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="219"/>
        <source>The report&apos;s net is not the sum of its lines: do not pay; ask the clearing house for a corrected report.</source>
        <translation>报告的净额不等于各项之和：不要付款；请清算机构提供更正后的报告。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="221"/>
        <source>The report&apos;s payment file does not transfer the report&apos;s net (or is missing): do not send it to the bank; ask the clearing house for a corrected report.</source>
        <translation>报告的付款文件与报告净额不符（或缺失）：不要提交银行；请清算机构提供更正后的报告。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="230"/>
        <location filename="../screens/settlement_texts.py" line="232"/>
        <source>Only a manager may settle with the platforms.</source>
        <translation>只有店长可以与平台结算。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="234"/>
        <source>This statement is accepted already: an accepted statement never changes.</source>
        <translation>该结算单已确认：已确认的结算单不会再改变。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="235"/>
        <source>The figures changed since they were shown: look at them again, then accept.</source>
        <translation>显示之后数据有变动：请重新查看后再确认。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="236"/>
        <source>Something stands in the way: a manager who accepts anyway writes a note.</source>
        <translation>存在问题：店长如仍要确认，须填写说明。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="237"/>
        <source>The day is not closed: take its Z report on the Shift page first.</source>
        <translation>当天尚未日结：请先在“交班与报表”页打印 Z 报表。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="238"/>
        <source>This platform is not set up at this terminal.</source>
        <translation>本终端未配置该平台。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="239"/>
        <source>The terminal is busy with this day: try again in a moment.</source>
        <translation>终端正在处理当天的数据：请稍后再试。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="241"/>
        <source>Nothing to pay on this statement.</source>
        <translation>该结算单无需付款。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="242"/>
        <source>The platform owes the store on this statement: there is nothing to transfer.</source>
        <translation>该结算单是平台应付门店：门店无需转账。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="244"/>
        <source>Export the payment file for the bank first.</source>
        <translation>请先导出银行付款文件。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="245"/>
        <source>This transfer is marked sent already.</source>
        <translation>该转账已标记为已转出。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="246"/>
        <source>Type the bank&apos;s reference of the transfer.</source>
        <translation>请输入转账的银行流水号。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="247"/>
        <source>The payment file would differ from the one already sent: call the technician.</source>
        <translation>付款文件将与已发出的不同：请联系技术人员。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="249"/>
        <source>The files could not be written to the export folder: check the folder in the settings.</source>
        <translation>无法写入导出文件夹：请检查设置中的文件夹。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="251"/>
        <source>The bank accounts in the settings are not valid: have them corrected.</source>
        <translation>设置中的银行账户无效：请更正。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="253"/>
        <source>No accepted statement has this number: accept the statement first.</source>
        <translation>没有该编号的已确认结算单：请先确认结算单。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="255"/>
        <source>Accept the statement first.</source>
        <translation>请先确认结算单。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="256"/>
        <source>This platform is not settled through the clearing house.</source>
        <translation>该平台不通过清算机构结算。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="257"/>
        <source>The clearing house refused: %1</source>
        <translation>清算机构拒绝：%1</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="258"/>
        <source>The clearing house does not answer or is not set up: %1</source>
        <translation>清算机构没有应答或未配置：%1</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="259"/>
        <source>This file is not a clearing-house report: nothing was imported.</source>
        <translation>该文件不是清算机构报告：未导入任何内容。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="260"/>
        <source>The report&apos;s signature does not verify: it was altered. Nothing was imported.</source>
        <translation>报告签名验证失败：报告已被篡改。未导入任何内容。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="262"/>
        <source>The clearing house&apos;s key is not set up, so the report cannot be verified: nothing was imported.</source>
        <translation>未配置清算机构的公钥，无法验证报告：未导入任何内容。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="264"/>
        <source>This report is for another store: nothing was imported.</source>
        <translation>该报告属于其他门店：未导入任何内容。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="265"/>
        <source>The report is in another currency: nothing was imported.</source>
        <translation>该报告使用其他币种：未导入任何内容。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="266"/>
        <source>The report covers statements not accepted here yet: accept them first, then import it again.</source>
        <translation>报告包含本处尚未确认的结算单：请先确认，再重新导入。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="268"/>
        <source>This report was imported already.</source>
        <translation>该报告已导入过。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="274"/>
        <source>Refused: %1</source>
        <translation>已拒绝：%1</translation>
    </message>
</context>
<context>
    <name>ShiftPage</name>
    <message>
        <location filename="../screens/shift.py" line="522"/>
        <location filename="../workspace.py" line="41"/>
        <source>Shift &amp; reports</source>
        <translation>交班与报表</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="525"/>
        <source>Open and close shifts, count the drawer, close the day and print reports.</source>
        <translation>开班、交班、清点钱箱、日结并打印报表。</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="528"/>
        <source>Shift &amp;&amp; cash</source>
        <translation>班次与现金</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="529"/>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="530"/>
        <source>Reconciliation</source>
        <translation>对账</translation>
    </message>
</context>
<context>
    <name>ShiftTab</name>
    <message>
        <location filename="../screens/shift.py" line="228"/>
        <source>Opening float</source>
        <translation>备用金</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="229"/>
        <source>+ Cash sales</source>
        <translation>+ 现金销售</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="230"/>
        <source>− Cash refunds</source>
        <translation>− 现金退款</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="231"/>
        <source>− Cash drops</source>
        <translation>− 投库</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="232"/>
        <source>− Pay-outs</source>
        <translation>− 支出</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="233"/>
        <source>+ Pay-ins</source>
        <translation>+ 存入</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="234"/>
        <location filename="../screens/shift.py" line="381"/>
        <source>Cash the drawer should hold now</source>
        <translation>钱箱现在应有现金</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="235"/>
        <source>Cash movements in this shift</source>
        <translation>本班次的现金进出</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="236"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="236"/>
        <source>Movement</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="236"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="237"/>
        <source>Reason · by</source>
        <translation>原因 · 操作员</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="238"/>
        <source>Open shift…</source>
        <translation>开班…</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="239"/>
        <source>Correct float…</source>
        <translation>更正备用金…</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="240"/>
        <source>Take over shift…</source>
        <translation>接管班次…</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="241"/>
        <source>A manager corrects a mistyped float before the first sale.</source>
        <translation>首笔销售之前，店长可更正输错的备用金。</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="242"/>
        <source>Cash drop…</source>
        <translation>投库…</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="243"/>
        <source>Pay-out…</source>
        <translation>支出…</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="244"/>
        <source>Pay-in…</source>
        <translation>存入…</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="245"/>
        <source>No sale…</source>
        <translation>无交易开钱箱…</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="246"/>
        <source>Close shift…</source>
        <translation>交班…</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="247"/>
        <source>Print X report</source>
        <translation>打印 X 报表</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="248"/>
        <source>A manager approves pay-outs.</source>
        <translation>支出需店长授权。</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="252"/>
        <source>Cash drop</source>
        <translation>投库</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="252"/>
        <source>Pay-out</source>
        <translation>支出</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="252"/>
        <source>Pay-in</source>
        <translation>存入</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="253"/>
        <source>No sale</source>
        <translation>无交易开钱箱</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="260"/>
        <source>A shift is already open at this terminal.</source>
        <translation>本终端已有班次在进行中。</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="261"/>
        <source>No shift is open at this terminal: open one first.</source>
        <translation>本终端没有进行中的班次：请先开班。</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="262"/>
        <source>Type an amount of more than zero.</source>
        <translation>请输入大于零的金额。</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="263"/>
        <source>Give a reason.</source>
        <translation>请填写原因。</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="264"/>
        <source>The drawer should hold only %1: take out less.</source>
        <translation>钱箱应有现金仅 %1：请少取一些。</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="266"/>
        <source>That note or coin is not counted at this terminal.</source>
        <translation>本终端不清点这种面额。</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="267"/>
        <source>Counts are whole numbers of 0 or more.</source>
        <translation>张数/枚数须为 0 或以上的整数。</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="268"/>
        <source>The float counted by denomination does not match the amount typed.</source>
        <translation>按面额清点的备用金与输入的金额不符。</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="269"/>
        <source>The difference is above the limit: a manager must approve the close.</source>
        <translation>差额超出限额：交班须由店长授权。</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="270"/>
        <source>Only a manager may approve this.</source>
        <translation>只有店长可以授权此操作。</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="271"/>
        <source>Write a note on the difference before closing.</source>
        <translation>交班前请写明差额说明。</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="272"/>
        <source>Sign in first.</source>
        <translation>请先登录。</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="273"/>
        <source>The business days %1 and %2 are closed already. A new shift opens from %3.</source>
        <translation>营业日 %1 和 %2 均已日结。新班次可从 %3 起开设。</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="276"/>
        <location filename="../screens/shift_open.py" line="60"/>
        <source>A float of %1 is more than the %2 a drawer may start with. Count it again.</source>
        <translation>备用金 %1 超过钱箱开班上限 %2。请重新清点。</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="279"/>
        <source>A float of %1 is more than the usual %2: confirm the amount.</source>
        <translation>备用金 %1 高于通常的 %2：请确认金额。</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="282"/>
        <source>The shift has taken a sale already: the float can no longer be corrected. Count the difference at the close.</source>
        <translation>本班次已有销售：备用金不能再更正。请在交班清点时说明差额。</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="284"/>
        <source>The float is that amount already.</source>
        <translation>备用金已经是这个金额。</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="285"/>
        <source>This shift is yours already.</source>
        <translation>此班次已经是您的。</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="291"/>
        <source>Something went wrong: %1. Try again; if it keeps happening, call the technician.</source>
        <translation>出错了：%1。请重试；如果反复出现，请联系技术人员。</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="335"/>
        <source>%1, approved by %2</source>
        <translation>%1，由 %2 授权</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="348"/>
        <source>No shift is open at this terminal.</source>
        <translation>本终端没有进行中的班次。</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="348"/>
        <source>Reading…</source>
        <translation>读取中…</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="360"/>
        <source>Business day %1.</source>
        <translation>营业日 %1。</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="362"/>
        <source>Sales go into this shift for %1 only: take it over to sell in it, or close it and open your own.</source>
        <translation>此班次只记录 %1 的销售：要在此班次销售请先接管，或结束该班次后开设自己的班次。</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="365"/>
        <source>Taken over by %1.</source>
        <translation>已由 %1 接管。</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="380"/>
        <source>Blind close: the expected cash shows after your count.</source>
        <translation>盲点交班：清点完成后才显示应有现金。</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="398"/>
        <source>Count the cash you put in the drawer and open a shift to take payments.</source>
        <translation>清点放入钱箱的现金并开班后才能收款。</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="357"/>
        <source>Shift open since %1</source>
        <translation>班次自 %1 开始</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="358"/>
        <source>Opened by %1 on %2.</source>
        <translation>由 %1 于 %2 开班。</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="367"/>
        <source>No-sale openings: %1.</source>
        <translation>无交易开钱箱：%1 次。</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="400"/>
        <source>The business days %1 and %2 are closed. A new shift opens from %3.</source>
        <translation>营业日 %1 和 %2 均已日结。新班次可从 %3 起开设。</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="402"/>
        <source>The business day %1 is closed (Z %2). A shift opened now counts to the next business day, %3.</source>
        <translation>营业日 %1 已日结（Z %2）。现在开设的班次计入下一营业日 %3。</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="411"/>
        <source>the drawer is exact</source>
        <translation>钱箱金额无误</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="413"/>
        <source>%1 over</source>
        <translation>长款 %1</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="415"/>
        <source>%1 short</source>
        <translation>短款 %1</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="416"/>
        <source>Last shift: %1–%2, closed by %3.</source>
        <translation>上一班次：%1–%2，由 %3 交班。</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="418"/>
        <source>Counted %1, expected %2: %3.</source>
        <translation>实点 %1，应有 %2：%3。</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="421"/>
        <source>Approved by %1: %2</source>
        <translation>由 %1 授权：%2</translation>
    </message>
    <message>
        <location filename="../screens/shift_open.py" line="66"/>
        <source>Unusual float</source>
        <translation>备用金异常</translation>
    </message>
    <message>
        <location filename="../screens/shift_open.py" line="67"/>
        <source>A float of %1 is more than the usual %2. Is %1 really in the drawer?</source>
        <translation>备用金 %1 高于通常的 %2。钱箱里确实有 %1 吗？</translation>
    </message>
    <message>
        <location filename="../screens/shift_open.py" line="72"/>
        <source>Yes, %1</source>
        <translation>是，%1</translation>
    </message>
    <message>
        <location filename="../screens/shift_open.py" line="74"/>
        <source>No, count again</source>
        <translation>否，重新清点</translation>
    </message>
    <message>
        <location filename="../screens/shift_open.py" line="78"/>
        <source>Not opened: count the float again.</source>
        <translation>未开班：请重新清点备用金。</translation>
    </message>
    <message>
        <location filename="../screens/shift_open.py" line="86"/>
        <source>Shift open with a float of %1.</source>
        <translation>已开班，备用金 %1。</translation>
    </message>
    <message>
        <location filename="../screens/shift_open.py" line="90"/>
        <source>The business day %1 is closed: this shift counts to %2.</source>
        <translation>营业日 %1 已日结：此班次计入 %2。</translation>
    </message>
    <message>
        <location filename="../screens/shift_open.py" line="101"/>
        <source>Take over the shift</source>
        <translation>接管班次</translation>
    </message>
    <message>
        <location filename="../screens/shift_open.py" line="102"/>
        <source>Take over %1&apos;s shift? Your sales go into it from now on, with its drawer and float; this is recorded.</source>
        <translation>接管 %1 的班次？此后您的销售将计入该班次（沿用其钱箱和备用金）；此操作会被记录。</translation>
    </message>
    <message>
        <location filename="../screens/shift_open.py" line="107"/>
        <source>Take over</source>
        <translation>接管</translation>
    </message>
    <message>
        <location filename="../screens/shift_open.py" line="108"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../screens/shift_open.py" line="123"/>
        <source>You took over %1&apos;s shift: your sales go into it.</source>
        <translation>您已接管 %1 的班次：您的销售将计入该班次。</translation>
    </message>
    <message>
        <location filename="../screens/shift_open.py" line="148"/>
        <source>Correct the opening float from %1 to %2.</source>
        <translation>将开班备用金从 %1 更正为 %2。</translation>
    </message>
    <message>
        <location filename="../screens/shift_open.py" line="163"/>
        <source>Opening float corrected from %1 to %2.</source>
        <translation>开班备用金已从 %1 更正为 %2。</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="472"/>
        <source>Pay out %1 from the drawer: %2.</source>
        <translation>从钱箱支出 %1：%2。</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="488"/>
        <source>Drawer opened for no sale; recorded.</source>
        <translation>已无交易打开钱箱，并已记录。</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="489"/>
        <source>No sale recorded.</source>
        <translation>已记录无交易开箱。</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="491"/>
        <source>%1 of %2 recorded.</source>
        <translation>已记录%1 %2。</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="493"/>
        <source>%1 of %2 recorded. The drawer should now hold %3.</source>
        <translation>已记录%1 %2。钱箱现在应有 %3。</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="496"/>
        <source>The drawer did not open (%1): open it with its key.</source>
        <translation>钱箱未打开（%1）：请用钥匙打开。</translation>
    </message>
    <message>
        <location filename="../screens/shift_close.py" line="62"/>
        <source>Blind count: type how many of each note and coin are in the drawer. The expected cash shows after the count.</source>
        <translation>盲点：输入钱箱中每种纸币和硬币的数量。清点完成后才显示应有现金。</translation>
    </message>
    <message>
        <location filename="../screens/shift_close.py" line="90"/>
        <source>Your count against the expected cash. The count stays as typed.</source>
        <translation>您的清点与应有现金的对比。清点数不可更改。</translation>
    </message>
    <message>
        <location filename="../screens/shift_close.py" line="94"/>
        <location filename="../screens/shift_close.py" line="105"/>
        <source>Not closed: a manager must approve a difference above the limit.</source>
        <translation>未交班：超出限额的差额须由店长授权。</translation>
    </message>
    <message>
        <location filename="../screens/shift_close.py" line="117"/>
        <source>Close the shift %1 over.</source>
        <translation>交班，长款 %1。</translation>
    </message>
    <message>
        <location filename="../screens/shift_close.py" line="119"/>
        <source>Close the shift %1 short.</source>
        <translation>交班，短款 %1。</translation>
    </message>
    <message>
        <location filename="../screens/shift_close.py" line="154"/>
        <source>Shift closed. Print the X report for the day now?</source>
        <translation>已交班。现在打印当天的 X 报表吗？</translation>
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
    <name>StatementTab</name>
    <message>
        <location filename="../screens/settlement_statement.py" line="186"/>
        <source>Line</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="186"/>
        <location filename="../screens/settlement_statement.py" line="188"/>
        <source>This terminal</source>
        <translation>本终端</translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="186"/>
        <location filename="../screens/settlement_statement.py" line="189"/>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="187"/>
        <source>Effect on the net</source>
        <translation>对净额的影响</translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="188"/>
        <source>Difference</source>
        <translation>差异</translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="188"/>
        <source>Item</source>
        <translation>条目</translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="189"/>
        <source>What to do</source>
        <translation>处理办法</translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="190"/>
        <source>&amp;Accept…</source>
        <translation>确认(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="192"/>
        <source>E&amp;xport for the bank</source>
        <translation>导出银行付款文件(&amp;X)</translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="193"/>
        <source>Transfer &amp;sent…</source>
        <translation>已转账(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="194"/>
        <source>Mark the transfer as sent, with the bank&apos;s reference</source>
        <translation>填写银行流水号，标记为已转账</translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="195"/>
        <source>Send to the &amp;clearing house</source>
        <translation>发送给清算机构(&amp;C)</translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="218"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="220"/>
        <source>not known</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="232"/>
        <source>Route: %1</source>
        <translation>结算方式：%1</translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="236"/>
        <source>No statement shown yet.</source>
        <translation>尚未显示结算单。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="237"/>
        <source>Differences</source>
        <translation>差异</translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="254"/>
        <source>Nothing moved money for this platform on this day.</source>
        <translation>该平台当天没有任何资金往来。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="260"/>
        <source>The platform&apos;s figures give the same net.</source>
        <translation>平台的数据得出相同的净额。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="261"/>
        <source>The platform&apos;s figures give: %1</source>
        <translation>按平台的数据：%1</translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="264"/>
        <source>The platform&apos;s figures could not be read; look again when it answers.</source>
        <translation>无法读取平台的数据；平台回应后请再查看。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="266"/>
        <source>The platform&apos;s figures are not known.</source>
        <translation>平台的数据未知。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="268"/>
        <source>An accepted statement never changes.</source>
        <translation>已确认的结算单不会再改变。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="271"/>
        <source>Differences: not known while the platform&apos;s figures are missing.</source>
        <translation>差异：缺少平台的数据，暂时无法比较。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="274"/>
        <source>Differences: %1</source>
        <translation>差异：%1 项</translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="276"/>
        <source>Differences: none. The platform agrees with this terminal.</source>
        <translation>差异：无。平台与本终端一致。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="287"/>
        <source>Not ready to accept: %1</source>
        <translation>暂不能确认：%1</translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="318"/>
        <source>Accepted as %1 on %2 by %3.</source>
        <translation>已确认为 %1，时间 %2，确认人 %3。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="321"/>
        <source>Not accepted yet. Accepting gives it the number %1.</source>
        <translation>尚未确认。确认后编号为 %1。</translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="322"/>
        <source>Not accepted yet.</source>
        <translation>尚未确认。</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../status_bar.py" line="205"/>
        <source>Platform: unknown</source>
        <translation>平台：状态未知</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="207"/>
        <source>Platform: checking…</source>
        <translation>平台：检查中…</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="209"/>
        <source>Platform online</source>
        <translation>平台在线</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="211"/>
        <source>Platform offline</source>
        <translation>平台离线</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="221"/>
        <source>%1: unknown (%2)</source>
        <translation>%1：状态未知（%2）</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="224"/>
        <source>%1: checking…</source>
        <translation>%1：检查中…</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="226"/>
        <source>%1: online</source>
        <translation>%1：在线</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="229"/>
        <source>%1: offline, %2</source>
        <translation>%1：离线，%2</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="232"/>
        <source>Platforms offline</source>
        <translation>各平台均离线</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="234"/>
        <source>%1 offline</source>
        <translation>%1 离线</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="236"/>
        <source>Platforms: checking…</source>
        <translation>平台：检查中…</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="238"/>
        <source>Platforms online</source>
        <translation>各平台均在线</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="244"/>
        <source>Sync: unknown</source>
        <translation>同步：状态未知</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="246"/>
        <source>Sync: checking…</source>
        <translation>同步：检查中…</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="250"/>
        <source>All sent</source>
        <translation>已全部上传</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="248"/>
        <source>Nothing is waiting to be sent to the platform.</source>
        <translation>没有等待上传到平台的数据。</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="140"/>
        <source>the printer&apos;s state could not be read: %1</source>
        <translation>无法读取打印机状态：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../status_bar.py" line="252"/>
        <source>%n message(s) waiting to be sent to the platform.</source>
        <translation>
            <numerusform>有 %n 条数据等待上传到平台。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../status_bar.py" line="255"/>
        <source>The oldest has waited %n minute(s).</source>
        <translation>
            <numerusform>最早的一条已等待 %n 分钟。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="259"/>
        <source>Last error: %1</source>
        <translation>最近一次错误：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../status_bar.py" line="257"/>
        <source>%n message(s) refused by the platform need a manager.</source>
        <translation>
            <numerusform>%n 条消息被平台拒绝，需要店长处理。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="271"/>
        <source>Last sent to the platform: %1</source>
        <translation>最近一次上传到平台：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../status_bar.py" line="262"/>
        <source>%n to send</source>
        <translation>
            <numerusform>待上传 %n 条</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="275"/>
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
        <location filename="../texts.py" line="110"/>
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
    <message>
        <location filename="../texts.py" line="67"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../texts.py" line="76"/>
        <location filename="../texts.py" line="191"/>
        <source>Keyboard wedge</source>
        <translation>键盘式扫码枪</translation>
    </message>
    <message>
        <location filename="../texts.py" line="77"/>
        <source>Simulated scan (demo)</source>
        <translation>模拟扫码（演示）</translation>
    </message>
    <message>
        <location filename="../texts.py" line="78"/>
        <source>Serial scanner</source>
        <translation>串口扫码枪</translation>
    </message>
    <message>
        <location filename="../texts.py" line="79"/>
        <location filename="../texts.py" line="192"/>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../texts.py" line="80"/>
        <source>Video file</source>
        <translation>视频文件</translation>
    </message>
    <message>
        <location filename="../texts.py" line="81"/>
        <location filename="../texts.py" line="191"/>
        <source>Keyboard wedge (evdev)</source>
        <translation>键盘式扫码枪（evdev 独占）</translation>
    </message>
    <message>
        <location filename="../texts.py" line="85"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location filename="../texts.py" line="92"/>
        <source>simulated (demo)</source>
        <translation>模拟设备（演示）</translation>
    </message>
    <message>
        <location filename="../texts.py" line="93"/>
        <source>keyboard wedge</source>
        <translation>键盘式扫码枪</translation>
    </message>
    <message>
        <location filename="../texts.py" line="94"/>
        <source>standalone, keyed in by hand</source>
        <translation>独立刷卡机，手工录入</translation>
    </message>
    <message>
        <location filename="../texts.py" line="95"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../texts.py" line="106"/>
        <source>a simulated device of the demo</source>
        <translation>演示用的模拟设备</translation>
    </message>
    <message>
        <location filename="../texts.py" line="107"/>
        <source>scans arrive as key presses in this window</source>
        <translation>扫码内容以按键形式进入本窗口</translation>
    </message>
    <message>
        <location filename="../texts.py" line="108"/>
        <source>not set up in the settings</source>
        <translation>设置中未配置</translation>
    </message>
    <message>
        <location filename="../texts.py" line="109"/>
        <source>no card terminal is set up in the settings</source>
        <translation>设置中未配置刷卡机</translation>
    </message>
    <message>
        <location filename="../texts.py" line="111"/>
        <source>connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location filename="../texts.py" line="112"/>
        <source>opens through the printer</source>
        <translation>通过打印机打开</translation>
    </message>
    <message>
        <location filename="../texts.py" line="114"/>
        <source>standalone card terminal: charge on it, then key in its approval code and the card&apos;s last four digits</source>
        <translation>独立刷卡机：先在刷卡机上收款，再录入授权码和卡号后四位</translation>
    </message>
    <message>
        <location filename="../texts.py" line="119"/>
        <source>paper end: load paper</source>
        <translation>缺纸：请装纸</translation>
    </message>
    <message>
        <location filename="../texts.py" line="120"/>
        <source>cover open: close the cover</source>
        <translation>纸仓盖打开：请合上纸仓盖</translation>
    </message>
    <message>
        <location filename="../texts.py" line="121"/>
        <source>the printer is offline: check its error light</source>
        <translation>打印机脱机：请查看其错误指示灯</translation>
    </message>
    <message>
        <location filename="../texts.py" line="122"/>
        <source>no answer from the printer: check that it is on and not jammed</source>
        <translation>打印机无应答：请确认已开机且未卡纸</translation>
    </message>
    <message>
        <location filename="../texts.py" line="127"/>
        <source>the drawer opens through the printer, which is not usable: %1</source>
        <translation>钱箱通过打印机打开，但打印机现在不能用：%1</translation>
    </message>
    <message>
        <location filename="../texts.py" line="129"/>
        <source>could not be opened: %1</source>
        <translation>无法打开：%1</translation>
    </message>
    <message>
        <location filename="../texts.py" line="130"/>
        <source>could not be started: %1</source>
        <translation>无法启动：%1</translation>
    </message>
    <message>
        <location filename="../texts.py" line="133"/>
        <location filename="../texts.py" line="165"/>
        <source>technical detail: %1</source>
        <translation>技术信息：%1</translation>
    </message>
    <message>
        <location filename="../texts.py" line="141"/>
        <source>The platform is set to the sandbox but none is running: `pos-terminal demo` starts one; or run `pos-terminal sandbox` and set `[platform] base_url`.</source>
        <translation>平台设置为沙盒，但没有正在运行的沙盒：`pos-terminal demo` 会启动一个；或运行 `pos-terminal sandbox` 并设置 `[platform] base_url`。</translation>
    </message>
    <message>
        <location filename="../texts.py" line="144"/>
        <source>No platform is set up: sales are kept here and not sent.</source>
        <translation>未配置平台：销售记录保存在本机，不会上传。</translation>
    </message>
    <message>
        <location filename="../texts.py" line="146"/>
        <source>The platform does not answer.</source>
        <translation>平台没有应答。</translation>
    </message>
    <message>
        <location filename="../texts.py" line="149"/>
        <source>Platform `%1` is set to a sandbox but none is running: `pos-terminal demo` starts one; or run `pos-terminal sandbox --platform-id %1` and set its `base_url`.</source>
        <translation>平台 `%1` 设置为沙盒，但没有正在运行的沙盒：`pos-terminal demo` 会启动一个；或运行 `pos-terminal sandbox --platform-id %1` 并设置其 `base_url`。</translation>
    </message>
    <message>
        <location filename="../texts.py" line="154"/>
        <source>The sandbox of platform `%1` has no terminal %2: put this terminal&apos;s secret for it in [issuer_secrets] of the credentials file.</source>
        <translation>平台 `%1` 的沙盒中没有终端 %2：请将本终端在该平台的密钥写入凭据文件的 [issuer_secrets]。</translation>
    </message>
    <message>
        <location filename="../texts.py" line="158"/>
        <source>The sandbox has no terminal %1: use store `demo-store` and terminal T01 or T02, or put its secret in the credentials file.</source>
        <translation>沙盒中没有终端 %1：请使用门店 `demo-store` 和终端 T01 或 T02，或把该终端的密钥写入凭据文件。</translation>
    </message>
    <message>
        <location filename="../texts.py" line="162"/>
        <source>%1 answers.</source>
        <translation>%1 有应答。</translation>
    </message>
    <message>
        <location filename="../texts.py" line="164"/>
        <source>The platform check failed: %1</source>
        <translation>平台检查失败：%1</translation>
    </message>
    <message>
        <location filename="../texts.py" line="180"/>
        <source>Enter key</source>
        <translation>回车键 (Enter)</translation>
    </message>
    <message>
        <location filename="../texts.py" line="180"/>
        <source>Tab key</source>
        <translation>制表键 (Tab)</translation>
    </message>
    <message>
        <location filename="../texts.py" line="181"/>
        <source>US English</source>
        <translation>美式英文 (US)</translation>
    </message>
    <message>
        <location filename="../texts.py" line="181"/>
        <source>German</source>
        <translation>德文 (DE)</translation>
    </message>
    <message>
        <location filename="../texts.py" line="181"/>
        <source>French</source>
        <translation>法文 (FR)</translation>
    </message>
    <message>
        <location filename="../texts.py" line="181"/>
        <source>UK English</source>
        <translation>英式英文 (UK)</translation>
    </message>
    <message>
        <location filename="../texts.py" line="182"/>
        <source>None (N)</source>
        <translation>无校验 (N)</translation>
    </message>
    <message>
        <location filename="../texts.py" line="182"/>
        <source>Even (E)</source>
        <translation>偶校验 (E)</translation>
    </message>
    <message>
        <location filename="../texts.py" line="182"/>
        <source>Odd (O)</source>
        <translation>奇校验 (O)</translation>
    </message>
    <message>
        <location filename="../texts.py" line="182"/>
        <source>Mark (M)</source>
        <translation>标记校验 (M)</translation>
    </message>
    <message>
        <location filename="../texts.py" line="183"/>
        <source>Space (S)</source>
        <translation>空格校验 (S)</translation>
    </message>
    <message>
        <location filename="../texts.py" line="184"/>
        <source>Hardware (RTS/CTS)</source>
        <translation>硬件流控 (RTS/CTS)</translation>
    </message>
    <message>
        <location filename="../texts.py" line="184"/>
        <source>Software (XON/XOFF)</source>
        <translation>软件流控 (XON/XOFF)</translation>
    </message>
    <message>
        <location filename="../texts.py" line="185"/>
        <source>Both (ZXing, then pyzbar)</source>
        <translation>两者（先 ZXing，再 pyzbar）</translation>
    </message>
    <message>
        <location filename="../texts.py" line="186"/>
        <source>Text (GB18030)</source>
        <translation>文字 (GB18030)</translation>
    </message>
    <message>
        <location filename="../texts.py" line="186"/>
        <source>Printed as an image</source>
        <translation>以图像打印</translation>
    </message>
    <message>
        <location filename="../texts.py" line="187"/>
        <source>Sandbox</source>
        <translation>沙盒</translation>
    </message>
    <message>
        <location filename="../texts.py" line="187"/>
        <source>Remote platform</source>
        <translation>远程平台</translation>
    </message>
    <message>
        <location filename="../texts.py" line="190"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../texts.py" line="190"/>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location filename="../texts.py" line="190"/>
        <source>Simulated (demo)</source>
        <translation>模拟（演示）</translation>
    </message>
    <message>
        <location filename="../texts.py" line="191"/>
        <source>Serial</source>
        <translation>串口</translation>
    </message>
    <message>
        <location filename="../texts.py" line="192"/>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <location filename="../texts.py" line="192"/>
        <source>Through the printer</source>
        <translation>经打印机</translation>
    </message>
    <message>
        <location filename="../texts.py" line="193"/>
        <source>Standalone, keyed in by hand</source>
        <translation>独立刷卡机，手工录入</translation>
    </message>
    <message>
        <location filename="../texts.py" line="201"/>
        <source>Damaged in transport</source>
        <translation>运输中损坏</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <location filename="../screens/users.py" line="233"/>
        <location filename="../workspace.py" line="45"/>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="236"/>
        <source>Who may sign in at this terminal. Every change is recorded with your name.</source>
        <translation>可以在本终端登录的人员。每次更改都会以您的名义记录。</translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="239"/>
        <source>User</source>
        <translation>用户号</translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="239"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="239"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="239"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="240"/>
        <source>Last sign-in</source>
        <translation>上次登录</translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="241"/>
        <source>Reset &amp;PIN…</source>
        <translation>重设 PIN(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="242"/>
        <source>&amp;Unlock</source>
        <translation>解锁(&amp;U)</translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="243"/>
        <source>Add a user</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="244"/>
        <source>User &amp;number</source>
        <translation>用户号(&amp;N)</translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="245"/>
        <source>e.g. 1002</source>
        <translation>例如 1002</translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="246"/>
        <source>&amp;Name</source>
        <translation>姓名(&amp;M)</translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="247"/>
        <source>&amp;Role</source>
        <translation>角色(&amp;R)</translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="248"/>
        <source>P&amp;IN</source>
        <translation>PIN(&amp;I)</translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="249"/>
        <source>PIN a&amp;gain</source>
        <translation>再次输入 PIN(&amp;G)</translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="250"/>
        <source>&amp;Add user</source>
        <translation>添加用户(&amp;A)</translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="261"/>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="264"/>
        <source>Locked until %1</source>
        <translation>锁定至 %1</translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="265"/>
        <source>Active</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="269"/>
        <source>User %1 exists already. Choose another user number.</source>
        <translation>用户 %1 已存在，请换一个用户号。</translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="273"/>
        <source>A PIN is at least %1 digits, digits only, and not one digit repeated.</source>
        <translation>PIN 至少 %1 位，只能是数字，且不能是同一数字重复。</translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="275"/>
        <source>Only a manager can change users.</source>
        <translation>只有经理可以更改用户。</translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="279"/>
        <source>A user number is 1 to 64 letters or digits (also . _ -).</source>
        <translation>用户号为 1 到 64 个字母或数字（也可用 . _ -）。</translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="280"/>
        <source>A name has at most 128 characters.</source>
        <translation>姓名最多 128 个字符。</translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="281"/>
        <source>Choose a role.</source>
        <translation>请选择角色。</translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="282"/>
        <source>User %1 is not on this terminal any more.</source>
        <translation>本终端已没有用户 %1。</translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="283"/>
        <source>You cannot disable your own account; another manager can.</source>
        <translation>不能停用自己的账号；可由另一位经理停用。</translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="284"/>
        <source>%1 is the last active manager. Add or enable another manager first.</source>
        <translation>%1 是最后一位在用的经理。请先添加或启用另一位经理。</translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="289"/>
        <source>The change was not saved. Try again; if this keeps happening, call the technician.</source>
        <translation>更改未保存。请重试；如仍出现，请联系技术人员。</translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="346"/>
        <source>&amp;Enable</source>
        <translation>启用(&amp;E)</translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="346"/>
        <source>&amp;Disable</source>
        <translation>停用(&amp;D)</translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="359"/>
        <source>User %1 added.</source>
        <translation>已添加用户 %1。</translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="359"/>
        <source>The PIN of %1 is set.</source>
        <translation>%1 的 PIN 已设置。</translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="360"/>
        <source>User %1 unlocked.</source>
        <translation>用户 %1 已解锁。</translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="360"/>
        <source>User %1 disabled.</source>
        <translation>用户 %1 已停用。</translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="361"/>
        <source>User %1 enabled.</source>
        <translation>用户 %1 已启用。</translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="381"/>
        <source>Type the new user&apos;s number.</source>
        <translation>请输入新用户的用户号。</translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="385"/>
        <source>The two PINs differ. Type them again.</source>
        <translation>两次输入的 PIN 不一致，请重新输入。</translation>
    </message>
</context>
</TS>
