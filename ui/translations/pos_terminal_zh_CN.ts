<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CheckoutPage</name>
    <message>
        <location filename="../screens/checkout.py" line="447"/>
        <source>Checkout</source>
        <translation>收银</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="450"/>
        <source>Scan the buyer&apos;s payment code or order number, then take the payment.</source>
        <translation>扫描顾客的付款码或订单号，然后收款。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="453"/>
        <source>No shift is open at this terminal. Count the cash in the drawer and open a shift with that float to take payments.</source>
        <translation>本终端没有已开班的班次。请清点钱箱现金，以该备用金开班后再收款。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="455"/>
        <source>Opening float (counted cash)</source>
        <translation>开班备用金（清点的现金）</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="456"/>
        <source>Open shift</source>
        <translation>开班</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="457"/>
        <source>Scan the payment code</source>
        <translation>请扫描付款码</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="458"/>
        <source>Or type the order number and press Enter</source>
        <translation>或输入订单号后按回车</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="460"/>
        <source>Find order</source>
        <translation>查找订单</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="465"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="466"/>
        <source>Due</source>
        <translation>待付</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="467"/>
        <source>F1 Cash</source>
        <translation>F1 现金</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="468"/>
        <source>F2 Prepaid</source>
        <translation>F2 储值卡</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="469"/>
        <source>F3 Card</source>
        <translation>F3 银行卡</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="470"/>
        <source>Cash handed over</source>
        <translation>收到的现金</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="471"/>
        <source>Exact</source>
        <translation>正好</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="472"/>
        <source>Take cash (Enter)</source>
        <translation>收现金（回车）</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="473"/>
        <source>Scan or swipe the card</source>
        <translation>扫描或刷卡</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="474"/>
        <source>Amount from the card</source>
        <translation>从卡中扣款金额</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="475"/>
        <source>Debit card (Enter)</source>
        <translation>扣款（回车）</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="476"/>
        <source>The buyer pays on the card terminal.</source>
        <translation>请顾客在刷卡机上付款。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="477"/>
        <source>Amount to charge</source>
        <translation>刷卡金额</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="478"/>
        <source>Charge card (Enter)</source>
        <translation>刷卡（回车）</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="479"/>
        <source>Check again</source>
        <translation>再次查询</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="480"/>
        <source>Esc Cancel order</source>
        <translation>Esc 取消订单</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="481"/>
        <source>F9 Reprint</source>
        <translation>F9 重打</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="482"/>
        <source>Next sale</source>
        <translation>下一笔</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="483"/>
        <source>Paid</source>
        <translation>已付款</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="484"/>
        <location filename="../screens/checkout.py" line="1149"/>
        <source>Change due</source>
        <translation>找零</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="617"/>
        <source>Type the counted float as an amount, e.g. 200 or 200.50.</source>
        <translation>请输入清点的备用金金额，例如 200 或 200.50。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="620"/>
        <source>The float cannot be negative.</source>
        <translation>备用金不能为负数。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="631"/>
        <source>Shift open with a float of %1.</source>
        <translation>已开班，备用金 %1。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="650"/>
        <source>Another payment code was scanned. Finish or cancel the current order first (Esc).</source>
        <translation>扫描了另一个付款码。请先完成或取消当前订单（Esc）。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="656"/>
        <source>Open a shift first: type the counted float and press Enter.</source>
        <translation>请先开班：输入清点的备用金后按回车。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="692"/>
        <source>Payment code valid until %1</source>
        <translation>付款码有效期至 %1</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="696"/>
        <source>Offline payment: the platform cannot be reached. The signed code is valid; the payment is sent when the connection is back.</source>
        <translation>离线付款：无法连接平台。已签名的付款码有效；联网后自动上传付款。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="698"/>
        <source>If the order was paid elsewhere meanwhile, the platform refunds the buyer.</source>
        <translation>如果该订单在此期间已在别处付款，平台会给顾客退款。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="755"/>
        <source>Type an amount, e.g. 50 or 12.50.</source>
        <translation>请输入金额，例如 50 或 12.50。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="778"/>
        <source>Change: %1</source>
        <translation>找零：%1</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="780"/>
        <source>Still due after this: %1</source>
        <translation>之后仍需支付：%1</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="811"/>
        <source>Card ****%1 · balance %2</source>
        <translation>卡 ****%1 · 余额 %2</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="829"/>
        <source>Debiting the prepaid card…</source>
        <translation>正在从储值卡扣款…</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="860"/>
        <source>Waiting for the card terminal… the buyer presents the card.</source>
        <translation>正在等待刷卡机…请顾客刷卡。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="563"/>
        <location filename="../screens/checkout.py" line="868"/>
        <source>Asking the card terminal…</source>
        <translation>正在查询刷卡机…</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="461"/>
        <source>F9 Reprint last receipt</source>
        <translation>F9 重打上一张小票</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="462"/>
        <source>Check card payment</source>
        <translation>查询刷卡结果</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="463"/>
        <source>Refund it</source>
        <translation>退款</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="543"/>
        <source>A card payment of %1 for order %2 has an unknown outcome: check the card terminal, then press Check card payment. Do not charge that buyer again until it is known.</source>
        <translation>订单 %2 的一笔 %1 刷卡付款结果未知：请查看刷卡机，然后点“查询刷卡结果”。结果明确之前，不要再次向该顾客扣款。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="547"/>
        <source>A card payment of %1 for order %2 was approved (card ****%3) but no sale records it: the buyer was charged. Scan that order again to complete its sale with this payment, or refund it.</source>
        <translation>订单 %2 的一笔 %1 刷卡付款已成功（卡号 ****%3），但尚无交易记录：顾客已被扣款。请再次扫描该订单，用这笔付款完成交易，或为其退款。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="552"/>
        <source>(%1 more after this one)</source>
        <translation>（此后还有 %1 笔）</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="571"/>
        <source>The card terminal approved the card payment of %1 for order %2 (card ****%3): the buyer was charged. Scan that order again to complete its sale with this payment, or refund it.</source>
        <translation>刷卡机确认订单 %2 的 %1 刷卡付款已成功（卡号 ****%3）：顾客已被扣款。请再次扫描该订单，用这笔付款完成交易，或为其退款。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="575"/>
        <source>The card payment of %1 for order %2 was not charged. Cleared.</source>
        <translation>订单 %2 的 %1 刷卡付款未扣款，已清除。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="589"/>
        <source>Refund the card payment of %1 for order %2 to card ****%3.</source>
        <translation>将订单 %2 的 %1 刷卡付款退回卡 ****%3。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="601"/>
        <source>Refunded %1 to card ****%2 (order %3).</source>
        <translation>已退款 %1 至卡 ****%2（订单 %3）。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="710"/>
        <source>A card payment approved earlier for this order is applied: %1.</source>
        <translation>此订单此前已成功的刷卡付款已计入：%1。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="715"/>
        <source>A card payment for this order has an unknown outcome. Do NOT charge again: press Check again to ask the card terminal.</source>
        <translation>此订单有一笔刷卡付款结果未知。请勿再次扣款：点“再次查询”向刷卡机确认。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="902"/>
        <source>Recording the sale…</source>
        <translation>正在记录交易…</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1011"/>
        <source>The buyer asked for a copy</source>
        <translation>顾客要求补打</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1011"/>
        <source>The receipt was damaged</source>
        <translation>小票损坏</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1011"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1012"/>
        <source>Reprint a copy</source>
        <translation>补打小票副本</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1012"/>
        <source>Why is a copy printed?</source>
        <translation>为什么要补打副本？</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1036"/>
        <source>Copy printed.</source>
        <translation>副本已打印。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1036"/>
        <location filename="../screens/checkout.py" line="1152"/>
        <source>Receipt printed.</source>
        <translation>小票已打印。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1040"/>
        <location filename="../screens/checkout.py" line="1307"/>
        <source>The receipt was not printed: %1</source>
        <translation>小票未打印：%1</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1057"/>
        <source>This terminal has no sale receipt to print yet.</source>
        <translation>本终端还没有可打印的销售小票。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1074"/>
        <source>Copy of receipt %1 printed.</source>
        <translation>小票 %1 的副本已打印。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1076"/>
        <source>Receipt %1 printed (it had not been printed before).</source>
        <translation>小票 %1 已打印（此前未打印过）。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1108"/>
        <source>Cancel order %1: the payments taken (%2) are given back.</source>
        <translation>取消订单 %1：已收款项（%2）将退回。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1120"/>
        <source>Order cancelled. Given back: %1</source>
        <translation>订单已取消。已退回：%1</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1122"/>
        <source>Order cancelled.</source>
        <translation>订单已取消。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1131"/>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1131"/>
        <source>Prepaid card</source>
        <translation>储值卡</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1132"/>
        <source>Bank card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1144"/>
        <source>Receipt %1</source>
        <translation>小票 %1</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1146"/>
        <source>Amount paid</source>
        <translation>实收金额</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1155"/>
        <source>Printer: %1 — the receipt is kept for reprint (F9).</source>
        <translation>打印机：%1 —— 小票已保留，可补打（F9）。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1159"/>
        <source>Drawer open</source>
        <translation>钱箱开着</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1159"/>
        <source>Drawer closed</source>
        <translation>钱箱已关闭</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1162"/>
        <source>Drawer opened.</source>
        <translation>钱箱已打开。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1165"/>
        <source>Drawer did not open (%1): open it with the key.</source>
        <translation>钱箱未打开（%1）：请用钥匙打开。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1193"/>
        <source>That is a product barcode, not an order. Scan the payment code on the buyer&apos;s phone.</source>
        <translation>这是商品条码，不是订单。请扫描顾客手机上的付款码。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1195"/>
        <source>That is an item code from a receipt: returns are taken on the Refunds page.</source>
        <translation>这是小票上的商品码：退货请在“退款”页面办理。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1197"/>
        <source>That is a prepaid card. Scan the order first, then choose F2 Prepaid to pay with it.</source>
        <translation>这是储值卡。请先扫描订单，再按 F2 储值卡付款。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1198"/>
        <source>This code is not one this terminal reads. Scan the payment QR code or the order number.</source>
        <translation>本终端无法识别此码。请扫描付款二维码或订单号。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1203"/>
        <source>This order is now being paid at another counter (%1). Take no more payment here: press Esc to cancel; anything taken is given back.</source>
        <translation>此订单正在另一个收银台（%1）付款。本台不要再收款：按 Esc 取消，已收款项将退回。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1207"/>
        <source>This order has been paid elsewhere meanwhile. Take no more payment here: press Esc to cancel; anything taken is given back.</source>
        <translation>此订单已在别处付款。本台不要再收款：按 Esc 取消，已收款项将退回。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1209"/>
        <source>The platform no longer holds this order for this counter (expired or cancelled). Take no more payment here: press Esc to cancel; anything taken is given back.</source>
        <translation>平台已不再为本收银台锁定此订单（已过期或已取消）。本台不要再收款：按 Esc 取消，已收款项将退回。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1225"/>
        <source>This payment code has expired. Ask the buyer to open the order again for a new code.</source>
        <translation>付款码已过期。请顾客重新打开订单获取新码。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1227"/>
        <source>This payment code was altered or is not from the platform. Do not take payment for it.</source>
        <translation>付款码被篡改或不是平台签发的。请勿收款。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1229"/>
        <source>This payment code is signed with a key this terminal does not know yet. Connect to the platform, or ask for the order number.</source>
        <translation>付款码使用了本终端尚未获取的密钥签名。请连接平台，或向顾客索取订单号。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1231"/>
        <source>This payment code is damaged or not a payment code. Scan it again.</source>
        <translation>付款码已损坏或不是付款码。请重新扫描。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1232"/>
        <source>This payment code is longer than any real one. Do not take payment for it.</source>
        <translation>付款码长度异常。请勿收款。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1234"/>
        <source>This payment code is dated in the future: check this terminal&apos;s clock.</source>
        <translation>付款码的时间在未来：请检查本终端的时钟。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1236"/>
        <source>This order is being paid at another counter (%1). Wait, or ask that counter to cancel.</source>
        <translation>该订单正在另一收银台（%1）付款。请稍候，或请该收银台取消。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1239"/>
        <source>This order has expired. The buyer must order again.</source>
        <translation>订单已过期。顾客需重新下单。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1240"/>
        <source>The shop cancelled this order. It cannot be paid.</source>
        <translation>商家已取消该订单，无法付款。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1241"/>
        <source>The platform does not know this order. Check the code with the buyer.</source>
        <translation>平台查无此订单。请与顾客核对。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1242"/>
        <source>An order number or link can only be paid online, and the platform cannot be reached. Ask the buyer to show the payment QR code, which works offline.</source>
        <translation>订单号或链接只能在线付款，而现在无法连接平台。请顾客出示付款二维码，二维码可离线使用。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1245"/>
        <source>The platform and the payment code disagree on the amount. Ask the buyer to open the order again.</source>
        <translation>平台与付款码的金额不一致。请顾客重新打开订单。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1248"/>
        <source>The platform refused this order: %1</source>
        <translation>平台拒绝了该订单：%1</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1254"/>
        <source>This order was already paid at this terminal (receipt %1). Do not take money twice.</source>
        <translation>该订单已在本终端付款（小票 %1）。请勿重复收款。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1256"/>
        <source>This order was already paid at this terminal. Do not take money twice.</source>
        <translation>该订单已在本终端付款。请勿重复收款。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1258"/>
        <source>The buyer already paid this order online. Do not take money twice.</source>
        <translation>顾客已在线支付该订单。请勿重复收款。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1259"/>
        <source>This order was already paid elsewhere. Do not take money twice.</source>
        <translation>该订单已在别处付款。请勿重复收款。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1262"/>
        <source>No shift is open: open one with the counted float, then take the payment again.</source>
        <translation>没有已开班的班次：请以清点的备用金开班后重新收款。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1271"/>
        <source>Prepaid card %1 holds only %2. Take that amount and the rest another way.</source>
        <translation>储值卡 %1 余额仅 %2。请扣除该金额，其余用其他方式支付。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1273"/>
        <source>The prepaid card&apos;s balance is too low for this amount.</source>
        <translation>储值卡余额不足。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1275"/>
        <source>Card declined. The card was not charged; ask for another card or tender.</source>
        <translation>银行卡被拒，未扣款；请换卡或换其他付款方式。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1276"/>
        <source>The card terminal did not charge the card (not reachable or refused). Check it and try again.</source>
        <translation>刷卡机未扣款（无法连接或被拒绝）。请检查后重试。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1278"/>
        <source>Card payment cancelled. Nothing was charged.</source>
        <translation>刷卡已取消，未扣款。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1279"/>
        <source>The card terminal stopped answering during the payment. Look at its screen and do NOT charge again: press Check again once it is back.</source>
        <translation>付款过程中刷卡机无响应。请查看刷卡机屏幕，切勿重复刷卡：恢复后按“再次查询”。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1281"/>
        <source>No card terminal is set up at this counter. Take another tender.</source>
        <translation>本收银台未配置刷卡机。请使用其他付款方式。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1282"/>
        <source>Prepaid cards need the platform, which cannot be reached now. Take another tender, or retry the same card and amount.</source>
        <translation>储值卡需要连接平台，目前无法连接。请使用其他付款方式，或用同一张卡和同一金额重试。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1284"/>
        <source>The last debit from card %1 has an unknown outcome. Retry that same card and amount first.</source>
        <translation>卡 %1 上次扣款结果未知。请先用同一张卡和同一金额重试。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1286"/>
        <source>The platform does not know this prepaid card.</source>
        <translation>平台查无此储值卡。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1287"/>
        <source>This prepaid card is blocked.</source>
        <translation>该储值卡已冻结。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1288"/>
        <source>The platform refused this prepaid card.</source>
        <translation>平台拒绝了该储值卡。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1289"/>
        <source>That is not a prepaid card number. Scan or swipe the card, or type its 16 digits starting with 88.</source>
        <translation>这不是储值卡号。请扫描或刷卡，或输入以 88 开头的 16 位卡号。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1291"/>
        <source>That is more than is still due.</source>
        <translation>金额超过待付金额。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1292"/>
        <source>The payments do not cover the total yet.</source>
        <translation>已收款项尚不足合计金额。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1293"/>
        <source>Payments were taken: a manager must approve the cancel.</source>
        <translation>已有收款：取消需经理批准。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1294"/>
        <source>Not everything could be given back: %1</source>
        <translation>部分款项未能退回：%1</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1295"/>
        <source>Still working on the previous step. Wait a moment.</source>
        <translation>上一步仍在处理中，请稍候。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1296"/>
        <source>An earlier card payment of %1 for order %2 was approved (card %3): that buyer was charged. Scan that order to complete its sale, or refund it from the start screen. Then charge this card again.</source>
        <translation>订单 %2 此前的一笔 %1 刷卡付款已成功（卡号 %3）：那位顾客已被扣款。请扫描该订单完成交易，或在起始界面为其退款。然后再为这张卡扣款。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1302"/>
        <source>An earlier card payment of %1 for order %2 still has an unknown outcome. Check the card terminal before charging another card.</source>
        <translation>订单 %2 此前的一笔 %1 刷卡付款结果仍未知。请先查看刷卡机，再为其他卡扣款。</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1313"/>
        <source>Something went wrong: %1. Try again; if it keeps happening, call the technician.</source>
        <translation>出现错误：%1。请重试；如反复出现，请联系技术人员。</translation>
    </message>
</context>
<context>
    <name>DevicesPage</name>
    <message>
        <location filename="../screens/devices.py" line="280"/>
        <location filename="../screens/devices.py" line="315"/>
        <source>Check the settings: %1</source>
        <translation>请检查设置：%1</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="287"/>
        <source>Opening the scanner…</source>
        <translation>正在打开扫码设备…</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="301"/>
        <source>The scanner is working. Scan a code to see it below; save to keep this setting.</source>
        <translation>扫码设备工作正常。扫一个码即可在下方看到结果；保存后设置才会保留。</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="303"/>
        <source>The scanner could not be opened: %1. It keeps trying in the background.</source>
        <translation>无法打开扫码设备：%1。系统会在后台继续重试。</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="309"/>
        <source>The scanner could not be started: %1</source>
        <translation>无法启动扫码设备：%1</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="328"/>
        <source>Saved to %1. Press Apply to use it now if you have not.</source>
        <translation>已保存到 %1。如尚未应用，请点击“应用并测试”立即使用。</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="332"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="343"/>
        <source>The scanner at the counter is not the simulated one: press Apply first.</source>
        <translation>当前使用的不是模拟扫码设备：请先点击“应用并测试”。</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="351"/>
        <source>Looking for devices…</source>
        <translation>正在查找设备…</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="355"/>
        <source>Could not list the devices: %1</source>
        <translation>无法列出设备：%1</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="376"/>
        <source>Camera: %1 frames per second</source>
        <translation>摄像头：每秒 %1 帧</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="383"/>
        <source>Camera: %1</source>
        <translation>摄像头：%1</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="388"/>
        <source>Scanner at the counter: %1</source>
        <translation>本收银台的扫码设备：%1</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="427"/>
        <source>Serial ports</source>
        <translation>串口</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="428"/>
        <source>Cameras</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="429"/>
        <source>Input devices</source>
        <translation>输入设备</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="430"/>
        <source>USB printers</source>
        <translation>USB 打印机</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="431"/>
        <source>Network printer</source>
        <translation>网络打印机</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="465"/>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="468"/>
        <source>Choose the counter&apos;s scanner, try it with a live readout, and save it to the settings.</source>
        <translation>选择本收银台的扫码设备，实时查看扫码结果进行测试，并保存到设置。</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="472"/>
        <source>Scanner</source>
        <translation>扫码设备</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="473"/>
        <source>Found on this machine</source>
        <translation>本机已发现的设备</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="474"/>
        <source>Scanner type</source>
        <translation>扫码设备类型</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="476"/>
        <source>Simulated (demo)</source>
        <translation>模拟（演示）</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/devices.py" line="440"/>
        <source>%n found</source>
        <translation>
            <numerusform>找到 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="447"/>
        <source>could not be listed: %1</source>
        <translation>无法列出：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/devices.py" line="448"/>
        <source>%n device(s) found. Choose one on the Scanner tab.</source>
        <translation>
            <numerusform>共找到 %n 个设备。请在“扫码设备”页选择。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="477"/>
        <source>Keyboard wedge, in this window</source>
        <translation>键盘式扫码枪（本窗口内）</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="478"/>
        <source>Keyboard wedge, grabbed (evdev)</source>
        <translation>键盘式扫码枪（独占，evdev）</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="479"/>
        <source>Serial scanner</source>
        <translation>串口扫码枪</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="480"/>
        <source>Webcam</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="485"/>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="486"/>
        <source>Baud rate</source>
        <translation>波特率</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="487"/>
        <source>Data bits</source>
        <translation>数据位</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="488"/>
        <source>Parity</source>
        <translation>校验位</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="489"/>
        <source>Stop bits</source>
        <translation>停止位</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="490"/>
        <source>Flow control</source>
        <translation>流控</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="491"/>
        <source>Suffix (end of a scan)</source>
        <translation>后缀（一次扫码的结束符）</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="492"/>
        <source>Custom suffix</source>
        <translation>自定义后缀</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="493"/>
        <source>Idle gap ending a scan (ms)</source>
        <translation>判定扫码结束的空闲间隔（毫秒）</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="494"/>
        <source>Prefix to strip</source>
        <translation>需去除的前缀</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="495"/>
        <source>AIM symbology identifiers</source>
        <translation>AIM 码制标识符</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="496"/>
        <source>Camera (index, device or video file)</source>
        <translation>摄像头（编号、设备或视频文件）</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="497"/>
        <source>Decoder</source>
        <translation>解码器</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="498"/>
        <source>Width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="499"/>
        <source>Height</source>
        <translation>高度</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="500"/>
        <source>Same code again counts after (ms)</source>
        <translation>同一码再次计数的间隔（毫秒）</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="501"/>
        <source>Longest gap between scanner keys (ms)</source>
        <translation>扫码按键之间的最长间隔（毫秒）</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="502"/>
        <source>Shortest scan (characters)</source>
        <translation>最短扫码长度（字符）</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="503"/>
        <source>Terminator</source>
        <translation>结束符</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="504"/>
        <source>Custom terminator</source>
        <translation>自定义结束符</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="505"/>
        <source>Scanner keyboard layout</source>
        <translation>扫码枪键盘布局</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="510"/>
        <source>Input device (name, vendor:product or path)</source>
        <translation>输入设备（名称、厂商:产品号或路径）</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="511"/>
        <source>The demo scanner: type a code and send it, as if it had been scanned.</source>
        <translation>演示用扫码设备：输入一个码并发送，就像扫到了它一样。</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="512"/>
        <source>Code to scan</source>
        <translation>要扫的码</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="513"/>
        <source>Send as a scan</source>
        <translation>作为扫码发送</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="514"/>
        <source>Scans typed faster than the gap above never reach the field that has focus; people typing are not affected.</source>
        <translation>快于上述间隔输入的扫码内容不会进入当前输入框；人工打字不受影响。</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="515"/>
        <source>Apply and test</source>
        <translation>应用并测试</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="516"/>
        <source>Save to settings</source>
        <translation>保存到设置</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="517"/>
        <source>Scans</source>
        <translation>扫码记录</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="518"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="518"/>
        <source>Type</source>
        <translation>码制</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="518"/>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="518"/>
        <source>Latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="519"/>
        <source>Look again</source>
        <translation>重新查找</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="520"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="520"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="522"/>
        <source>Camera preview</source>
        <translation>摄像头预览</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="526"/>
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
    <name>ManualApprovalDialog</name>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="95"/>
        <source>Type exactly the last four digits of the card.</source>
        <translation>请只输入卡号的后四位。</translation>
    </message>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="96"/>
        <source>Type the approval code from the card terminal&apos;s slip (letters and digits).</source>
        <translation>请输入刷卡机签购单上的授权码（字母和数字）。</translation>
    </message>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="105"/>
        <source>Standalone card terminal</source>
        <translation>独立刷卡机</translation>
    </message>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="106"/>
        <source>Refund on the card terminal</source>
        <translation>在刷卡机上退款</translation>
    </message>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="106"/>
        <source>Charge on the card terminal</source>
        <translation>在刷卡机上收款</translation>
    </message>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="107"/>
        <source>Enter %1 on the standalone card terminal. When it approves, type its approval code and the card&apos;s last four digits.</source>
        <translation>请在独立刷卡机上输入 %1。交易批准后，输入授权码和卡号后四位。</translation>
    </message>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="109"/>
        <source>Approval code</source>
        <translation>授权码</translation>
    </message>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="110"/>
        <source>Card&apos;s last four digits</source>
        <translation>卡号后四位</translation>
    </message>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="111"/>
        <source>Record approval</source>
        <translation>记录授权</translation>
    </message>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="112"/>
        <source>Not approved</source>
        <translation>未批准</translation>
    </message>
</context>
<context>
    <name>OrderLinesModel</name>
    <message>
        <location filename="../checkout_model.py" line="52"/>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <location filename="../checkout_model.py" line="53"/>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../checkout_model.py" line="54"/>
        <source>Price</source>
        <translation>单价</translation>
    </message>
    <message>
        <location filename="../checkout_model.py" line="55"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
</context>
<context>
    <name>RefundsPage</name>
    <message>
        <location filename="../screens/refunds.py" line="172"/>
        <source>Refunds</source>
        <translation>退款</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="175"/>
        <source>Take back a faulty item: scan the item&apos;s own code and photograph the defect.</source>
        <translation>受理问题商品退货：扫描商品自身的编码，并拍下故障照片。</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="178"/>
        <source>Defective</source>
        <translation>质量问题</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="178"/>
        <source>Damaged</source>
        <translation>破损</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="179"/>
        <source>Wrong item</source>
        <translation>发错商品</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="179"/>
        <source>Not as described</source>
        <translation>与描述不符</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="180"/>
        <source>Missing parts</source>
        <translation>缺少配件</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="180"/>
        <source>Other (say what)</source>
        <translation>其他（请说明）</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="183"/>
        <source>Stored here, waiting to be sent</source>
        <translation>已存在本机，等待发送</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="184"/>
        <source>Waiting for the seller</source>
        <translation>等待卖家处理</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="185"/>
        <source>Approved: pay out</source>
        <translation>已同意：请退款</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="186"/>
        <source>Rejected by the seller</source>
        <translation>卖家已拒绝</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="187"/>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="188"/>
        <source>Refused by the platform</source>
        <translation>平台已拒绝</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="191"/>
        <source>cash from this drawer</source>
        <translation>从本钱箱退现金</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="192"/>
        <source>back to the prepaid card</source>
        <translation>退回储值卡</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="193"/>
        <source>back to the bank card</source>
        <translation>退回银行卡</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="194"/>
        <source>the platform refunds the buyer&apos;s account</source>
        <translation>由平台退回买家账户</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="200"/>
        <source>That is not an item code. Scan the code of the returned unit (on the receipt or label).</source>
        <translation>这不是商品码。请扫描退回商品的编码（在小票或标签上）。</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="201"/>
        <source>No item has this code. Check the code on the receipt.</source>
        <translation>没有商品使用此编码。请核对小票上的编码。</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="202"/>
        <source>This unit is already refunded.</source>
        <translation>此商品已退款。</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="203"/>
        <source>This unit already has a refund request open; see the list below.</source>
        <translation>此商品已有进行中的退款申请，见下方列表。</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="204"/>
        <source>Outside the merchant&apos;s return window.</source>
        <translation>已超过商户的退货期限。</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="205"/>
        <source>This order was never paid; there is nothing to refund.</source>
        <translation>此订单未付款，无需退款。</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="206"/>
        <source>This merchant needs at least one photo of the defect.</source>
        <translation>此商户要求至少一张瑕疵照片。</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="207"/>
        <source>The platform does not answer and this terminal has no record of the item.</source>
        <translation>平台无响应，本机也没有此商品的记录。</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="208"/>
        <source>Choose a reason; &quot;Other&quot; needs a few words.</source>
        <translation>请选择原因；选“其他”时请简单说明。</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="209"/>
        <source>One refund covers units of one order.</source>
        <translation>一次退款只能包含同一订单的商品。</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="210"/>
        <source>Not approved yet: only a manager may pay cash before the platform approves.</source>
        <translation>尚未同意：平台同意前只有经理可以授权退现金。</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="211"/>
        <source>More than a manager may pay before the platform approves.</source>
        <translation>超出平台同意前经理可授权的金额。</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="212"/>
        <source>This refund is not approved; nothing is paid out.</source>
        <translation>此退款未获同意，不予退款。</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="213"/>
        <source>Open a shift first: cash refunds are counted in the shift.</source>
        <translation>请先开班：现金退款计入班次。</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="214"/>
        <source>Swipe or scan the buyer&apos;s prepaid card first.</source>
        <translation>请先刷或扫描买家的储值卡。</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="215"/>
        <source>This refund is paid out already.</source>
        <translation>此退款已退过。</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="220"/>
        <source>Scan or type the item code</source>
        <translation>扫描或输入商品码</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="221"/>
        <source>Look up</source>
        <translation>查询</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="222"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="229"/>
        <source>Details</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="493"/>
        <source>Buyer %1, reputation %2 (at once from %3)</source>
        <translation>买家 %1，信誉 %2（%3 及以上立即退款）</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="230"/>
        <source>Take photo</source>
        <translation>拍照</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="231"/>
        <source>Retake</source>
        <translation>重拍</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="232"/>
        <source>Add image files…</source>
        <translation>添加图片文件…</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="233"/>
        <source>Submit refund</source>
        <translation>提交退款</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="234"/>
        <source>New return</source>
        <translation>新的退货</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="235"/>
        <source>Prepaid card (swipe)</source>
        <translation>储值卡（刷卡）</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="236"/>
        <source>Pay out</source>
        <translation>退款</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="237"/>
        <source>Manager override</source>
        <translation>经理授权</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="238"/>
        <source>Open refund requests</source>
        <translation>进行中的退款申请</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="337"/>
        <source>No camera: add image files instead.</source>
        <translation>没有摄像头：请改为添加图片文件。</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="349"/>
        <source>Photos of the defect</source>
        <translation>瑕疵照片</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="350"/>
        <source>Images (*.jpg *.jpeg *.png *.webp *.bmp)</source>
        <translation>图片 (*.jpg *.jpeg *.png *.webp *.bmp)</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="430"/>
        <source>Waiting for the seller (terminal %1)</source>
        <translation>等待卖家处理（终端 %1）</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="454"/>
        <source>Pay %1 in cash for order %2 before the platform approves.</source>
        <translation>在平台同意前为订单 %2 退现金 %1。</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="464"/>
        <source>The platform refunds the buyer&apos;s account; nothing is paid at the counter.</source>
        <translation>由平台退回买家账户，柜台无需付款。</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="467"/>
        <source>Refunded %1: %2.</source>
        <translation>已退款 %1：%2。</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="490"/>
        <source>Order %1 from %2, paid: %3</source>
        <translation>订单 %1，商户 %2，付款方式：%3</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="496"/>
        <source>The platform does not answer: the refund is stored and sent when it is back.</source>
        <translation>平台无响应：退款已保存，平台恢复后自动发送。</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="498"/>
        <source>This merchant needs a photo of the defect.</source>
        <translation>此商户需要瑕疵照片。</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="501"/>
        <source>Scan the item code of the returned unit.</source>
        <translation>请扫描退回商品的商品码。</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="502"/>
        <source>Photos: %1</source>
        <translation>照片：%1</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="504"/>
        <source>No camera: image files still work.</source>
        <translation>没有摄像头：仍可使用图片文件。</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="509"/>
        <source>Order %1, %2: %3</source>
        <translation>订单 %1，%2：%3</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="512"/>
        <source>Pay out: %1</source>
        <translation>退款方式：%1</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="514"/>
        <source>The platform does not answer; it is sent automatically when it is back.</source>
        <translation>平台无响应；恢复后会自动发送。</translation>
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
        <location filename="../status_bar.py" line="138"/>
        <source>Platform: unknown</source>
        <translation>平台：状态未知</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="140"/>
        <source>Platform: checking…</source>
        <translation>平台：检查中…</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="142"/>
        <source>Platform online</source>
        <translation>平台在线</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="144"/>
        <source>Platform offline</source>
        <translation>平台离线</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="150"/>
        <source>Sync: unknown</source>
        <translation>同步：状态未知</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="152"/>
        <source>Sync: checking…</source>
        <translation>同步：检查中…</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="156"/>
        <source>All sent</source>
        <translation>已全部上传</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="154"/>
        <source>Nothing is waiting to be sent to the platform.</source>
        <translation>没有等待上传到平台的数据。</translation>
    </message>
    <message numerus="yes">
        <location filename="../status_bar.py" line="158"/>
        <source>%n message(s) waiting to be sent to the platform.</source>
        <translation>
            <numerusform>有 %n 条数据等待上传到平台。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../status_bar.py" line="161"/>
        <source>The oldest has waited %n minute(s).</source>
        <translation>
            <numerusform>最早的一条已等待 %n 分钟。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="165"/>
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
        <location filename="../status_bar.py" line="174"/>
        <source>Last sent to the platform: %1</source>
        <translation>最近一次上传到平台：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../status_bar.py" line="168"/>
        <source>%n to send</source>
        <translation>
            <numerusform>待上传 %n 条</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="178"/>
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
