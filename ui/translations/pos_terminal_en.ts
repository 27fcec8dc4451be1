<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>CheckoutPage</name>
    <message>
        <location filename="../screens/checkout.py" line="447"/>
        <source>Checkout</source>
        <translation>Checkout</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="450"/>
        <source>Scan the buyer&apos;s payment code or order number, then take the payment.</source>
        <translation>Scan the buyer&apos;s payment code or order number, then take the payment.</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="453"/>
        <source>No shift is open at this terminal. Count the cash in the drawer and open a shift with that float to take payments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="455"/>
        <source>Opening float (counted cash)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="456"/>
        <source>Open shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="457"/>
        <source>Scan the payment code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="458"/>
        <source>Or type the order number and press Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="460"/>
        <source>Find order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="465"/>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="466"/>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="467"/>
        <source>F1 Cash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="468"/>
        <source>F2 Prepaid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="469"/>
        <source>F3 Card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="470"/>
        <source>Cash handed over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="471"/>
        <source>Exact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="472"/>
        <source>Take cash (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="473"/>
        <source>Scan or swipe the card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="474"/>
        <source>Amount from the card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="475"/>
        <source>Debit card (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="476"/>
        <source>The buyer pays on the card terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="477"/>
        <source>Amount to charge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="478"/>
        <source>Charge card (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="479"/>
        <source>Check again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="480"/>
        <source>Esc Cancel order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="481"/>
        <source>F9 Reprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="482"/>
        <source>Next sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="483"/>
        <source>Paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="484"/>
        <location filename="../screens/checkout.py" line="1149"/>
        <source>Change due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="617"/>
        <source>Type the counted float as an amount, e.g. 200 or 200.50.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="620"/>
        <source>The float cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="631"/>
        <source>Shift open with a float of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="650"/>
        <source>Another payment code was scanned. Finish or cancel the current order first (Esc).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="656"/>
        <source>Open a shift first: type the counted float and press Enter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="692"/>
        <source>Payment code valid until %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="696"/>
        <source>Offline payment: the platform cannot be reached. The signed code is valid; the payment is sent when the connection is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="698"/>
        <source>If the order was paid elsewhere meanwhile, the platform refunds the buyer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="755"/>
        <source>Type an amount, e.g. 50 or 12.50.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="778"/>
        <source>Change: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="780"/>
        <source>Still due after this: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="811"/>
        <source>Card ****%1 · balance %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="829"/>
        <source>Debiting the prepaid card…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="860"/>
        <source>Waiting for the card terminal… the buyer presents the card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="563"/>
        <location filename="../screens/checkout.py" line="868"/>
        <source>Asking the card terminal…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="461"/>
        <source>F9 Reprint last receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="462"/>
        <source>Check card payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="463"/>
        <source>Refund it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="543"/>
        <source>A card payment of %1 for order %2 has an unknown outcome: check the card terminal, then press Check card payment. Do not charge that buyer again until it is known.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="547"/>
        <source>A card payment of %1 for order %2 was approved (card ****%3) but no sale records it: the buyer was charged. Scan that order again to complete its sale with this payment, or refund it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="552"/>
        <source>(%1 more after this one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="571"/>
        <source>The card terminal approved the card payment of %1 for order %2 (card ****%3): the buyer was charged. Scan that order again to complete its sale with this payment, or refund it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="575"/>
        <source>The card payment of %1 for order %2 was not charged. Cleared.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="589"/>
        <source>Refund the card payment of %1 for order %2 to card ****%3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="601"/>
        <source>Refunded %1 to card ****%2 (order %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="710"/>
        <source>A card payment approved earlier for this order is applied: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="715"/>
        <source>A card payment for this order has an unknown outcome. Do NOT charge again: press Check again to ask the card terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="902"/>
        <source>Recording the sale…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1011"/>
        <source>The buyer asked for a copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1011"/>
        <source>The receipt was damaged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1011"/>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1012"/>
        <source>Reprint a copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1012"/>
        <source>Why is a copy printed?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1036"/>
        <source>Copy printed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1036"/>
        <location filename="../screens/checkout.py" line="1152"/>
        <source>Receipt printed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1040"/>
        <location filename="../screens/checkout.py" line="1307"/>
        <source>The receipt was not printed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1057"/>
        <source>This terminal has no sale receipt to print yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1074"/>
        <source>Copy of receipt %1 printed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1076"/>
        <source>Receipt %1 printed (it had not been printed before).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1108"/>
        <source>Cancel order %1: the payments taken (%2) are given back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1120"/>
        <source>Order cancelled. Given back: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1122"/>
        <source>Order cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1131"/>
        <source>Cash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1131"/>
        <source>Prepaid card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1132"/>
        <source>Bank card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1144"/>
        <source>Receipt %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1146"/>
        <source>Amount paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1155"/>
        <source>Printer: %1 — the receipt is kept for reprint (F9).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1159"/>
        <source>Drawer open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1159"/>
        <source>Drawer closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1162"/>
        <source>Drawer opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1165"/>
        <source>Drawer did not open (%1): open it with the key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1193"/>
        <source>That is a product barcode, not an order. Scan the payment code on the buyer&apos;s phone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1195"/>
        <source>That is an item code from a receipt: returns are taken on the Refunds page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1197"/>
        <source>That is a prepaid card. Scan the order first, then choose F2 Prepaid to pay with it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1198"/>
        <source>This code is not one this terminal reads. Scan the payment QR code or the order number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1203"/>
        <source>This order is now being paid at another counter (%1). Take no more payment here: press Esc to cancel; anything taken is given back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1207"/>
        <source>This order has been paid elsewhere meanwhile. Take no more payment here: press Esc to cancel; anything taken is given back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1209"/>
        <source>The platform no longer holds this order for this counter (expired or cancelled). Take no more payment here: press Esc to cancel; anything taken is given back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1225"/>
        <source>This payment code has expired. Ask the buyer to open the order again for a new code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1227"/>
        <source>This payment code was altered or is not from the platform. Do not take payment for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1229"/>
        <source>This payment code is signed with a key this terminal does not know yet. Connect to the platform, or ask for the order number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1231"/>
        <source>This payment code is damaged or not a payment code. Scan it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1232"/>
        <source>This payment code is longer than any real one. Do not take payment for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1234"/>
        <source>This payment code is dated in the future: check this terminal&apos;s clock.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1236"/>
        <source>This order is being paid at another counter (%1). Wait, or ask that counter to cancel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1239"/>
        <source>This order has expired. The buyer must order again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1240"/>
        <source>The shop cancelled this order. It cannot be paid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1241"/>
        <source>The platform does not know this order. Check the code with the buyer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1242"/>
        <source>An order number or link can only be paid online, and the platform cannot be reached. Ask the buyer to show the payment QR code, which works offline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1245"/>
        <source>The platform and the payment code disagree on the amount. Ask the buyer to open the order again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1248"/>
        <source>The platform refused this order: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1254"/>
        <source>This order was already paid at this terminal (receipt %1). Do not take money twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1256"/>
        <source>This order was already paid at this terminal. Do not take money twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1258"/>
        <source>The buyer already paid this order online. Do not take money twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1259"/>
        <source>This order was already paid elsewhere. Do not take money twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1262"/>
        <source>No shift is open: open one with the counted float, then take the payment again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1271"/>
        <source>Prepaid card %1 holds only %2. Take that amount and the rest another way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1273"/>
        <source>The prepaid card&apos;s balance is too low for this amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1275"/>
        <source>Card declined. The card was not charged; ask for another card or tender.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1276"/>
        <source>The card terminal did not charge the card (not reachable or refused). Check it and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1278"/>
        <source>Card payment cancelled. Nothing was charged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1279"/>
        <source>The card terminal stopped answering during the payment. Look at its screen and do NOT charge again: press Check again once it is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1281"/>
        <source>No card terminal is set up at this counter. Take another tender.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1282"/>
        <source>Prepaid cards need the platform, which cannot be reached now. Take another tender, or retry the same card and amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1284"/>
        <source>The last debit from card %1 has an unknown outcome. Retry that same card and amount first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1286"/>
        <source>The platform does not know this prepaid card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1287"/>
        <source>This prepaid card is blocked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1288"/>
        <source>The platform refused this prepaid card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1289"/>
        <source>That is not a prepaid card number. Scan or swipe the card, or type its 16 digits starting with 88.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1291"/>
        <source>That is more than is still due.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1292"/>
        <source>The payments do not cover the total yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1293"/>
        <source>Payments were taken: a manager must approve the cancel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1294"/>
        <source>Not everything could be given back: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1295"/>
        <source>Still working on the previous step. Wait a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1296"/>
        <source>An earlier card payment of %1 for order %2 was approved (card %3): that buyer was charged. Scan that order to complete its sale, or refund it from the start screen. Then charge this card again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1302"/>
        <source>An earlier card payment of %1 for order %2 still has an unknown outcome. Check the card terminal before charging another card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="1313"/>
        <source>Something went wrong: %1. Try again; if it keeps happening, call the technician.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DevicesPage</name>
    <message>
        <location filename="../screens/devices.py" line="280"/>
        <location filename="../screens/devices.py" line="315"/>
        <source>Check the settings: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="287"/>
        <source>Opening the scanner…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="301"/>
        <source>The scanner is working. Scan a code to see it below; save to keep this setting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="303"/>
        <source>The scanner could not be opened: %1. It keeps trying in the background.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="309"/>
        <source>The scanner could not be started: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="328"/>
        <source>Saved to %1. Press Apply to use it now if you have not.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="332"/>
        <source>Not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="343"/>
        <source>The scanner at the counter is not the simulated one: press Apply first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="351"/>
        <source>Looking for devices…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="355"/>
        <source>Could not list the devices: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="376"/>
        <source>Camera: %1 frames per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="383"/>
        <source>Camera: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="388"/>
        <source>Scanner at the counter: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="427"/>
        <source>Serial ports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="428"/>
        <source>Cameras</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="429"/>
        <source>Input devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="430"/>
        <source>USB printers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="431"/>
        <source>Network printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="465"/>
        <source>Devices</source>
        <translation>Devices</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="468"/>
        <source>Choose the counter&apos;s scanner, try it with a live readout, and save it to the settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="472"/>
        <source>Scanner</source>
        <translation type="unfinished">Scanner</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="473"/>
        <source>Found on this machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="474"/>
        <source>Scanner type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="476"/>
        <source>Simulated (demo)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/devices.py" line="440"/>
        <source>%n found</source>
        <translation>
            <numerusform>%n found</numerusform>
            <numerusform>%n found</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="447"/>
        <source>could not be listed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/devices.py" line="448"/>
        <source>%n device(s) found. Choose one on the Scanner tab.</source>
        <translation>
            <numerusform>%n device found. Choose one on the Scanner tab.</numerusform>
            <numerusform>%n devices found. Choose one on the Scanner tab.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="477"/>
        <source>Keyboard wedge, in this window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="478"/>
        <source>Keyboard wedge, grabbed (evdev)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="479"/>
        <source>Serial scanner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="480"/>
        <source>Webcam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="485"/>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="486"/>
        <source>Baud rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="487"/>
        <source>Data bits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="488"/>
        <source>Parity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="489"/>
        <source>Stop bits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="490"/>
        <source>Flow control</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="491"/>
        <source>Suffix (end of a scan)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="492"/>
        <source>Custom suffix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="493"/>
        <source>Idle gap ending a scan (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="494"/>
        <source>Prefix to strip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="495"/>
        <source>AIM symbology identifiers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="496"/>
        <source>Camera (index, device or video file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="497"/>
        <source>Decoder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="498"/>
        <source>Width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="499"/>
        <source>Height</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="500"/>
        <source>Same code again counts after (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="501"/>
        <source>Longest gap between scanner keys (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="502"/>
        <source>Shortest scan (characters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="503"/>
        <source>Terminator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="504"/>
        <source>Custom terminator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="505"/>
        <source>Scanner keyboard layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="510"/>
        <source>Input device (name, vendor:product or path)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="511"/>
        <source>The demo scanner: type a code and send it, as if it had been scanned.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="512"/>
        <source>Code to scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="513"/>
        <source>Send as a scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="514"/>
        <source>Scans typed faster than the gap above never reach the field that has focus; people typing are not affected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="515"/>
        <source>Apply and test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="516"/>
        <source>Save to settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="517"/>
        <source>Scans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="518"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="518"/>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="518"/>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="518"/>
        <source>Latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="519"/>
        <source>Look again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="520"/>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="520"/>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="522"/>
        <source>Camera preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="526"/>
        <source>Serial ports, cameras, input devices and printers attached to this machine.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <location filename="../header.py" line="72"/>
        <source>Terminal %1</source>
        <translation>Terminal %1</translation>
    </message>
    <message>
        <location filename="../header.py" line="74"/>
        <source>%1 · user %2</source>
        <translation>%1 · user %2</translation>
    </message>
    <message>
        <location filename="../header.py" line="75"/>
        <source>Sign out</source>
        <translation>Sign out</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <location filename="../screens/sign_in.py" line="64"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../screens/sign_in.py" line="65"/>
        <source>Delete the last digit</source>
        <translation>Delete the last digit</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="118"/>
        <source>%1 — counter terminal</source>
        <translation>%1 — counter terminal</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="120"/>
        <source>%1 — counter terminal — %2</source>
        <translation>%1 — counter terminal — %2</translation>
    </message>
</context>
<context>
    <name>ManagerApprovalDialog</name>
    <message>
        <location filename="../dialogs/manager_approval.py" line="119"/>
        <source>A manager enters their user number and PIN.</source>
        <translation>A manager enters their user number and PIN.</translation>
    </message>
    <message>
        <location filename="../dialogs/manager_approval.py" line="144"/>
        <source>Checking…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../dialogs/manager_approval.py" line="154"/>
        <location filename="../dialogs/manager_approval.py" line="155"/>
        <source>Manager approval</source>
        <translation>Manager approval</translation>
    </message>
    <message>
        <location filename="../dialogs/manager_approval.py" line="156"/>
        <source>Manager&apos;s user number</source>
        <translation>Manager&apos;s user number</translation>
    </message>
    <message>
        <location filename="../dialogs/manager_approval.py" line="157"/>
        <source>Manager&apos;s PIN</source>
        <translation>Manager&apos;s PIN</translation>
    </message>
    <message>
        <location filename="../dialogs/manager_approval.py" line="158"/>
        <source>Approve</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location filename="../dialogs/manager_approval.py" line="159"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ManualApprovalDialog</name>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="95"/>
        <source>Type exactly the last four digits of the card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="96"/>
        <source>Type the approval code from the card terminal&apos;s slip (letters and digits).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="105"/>
        <source>Standalone card terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="106"/>
        <source>Refund on the card terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="106"/>
        <source>Charge on the card terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="107"/>
        <source>Enter %1 on the standalone card terminal. When it approves, type its approval code and the card&apos;s last four digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="109"/>
        <source>Approval code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="110"/>
        <source>Card&apos;s last four digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="111"/>
        <source>Record approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="112"/>
        <source>Not approved</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrderLinesModel</name>
    <message>
        <location filename="../checkout_model.py" line="52"/>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../checkout_model.py" line="53"/>
        <source>Qty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../checkout_model.py" line="54"/>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../checkout_model.py" line="55"/>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RefundsPage</name>
    <message>
        <location filename="../screens/refunds.py" line="172"/>
        <source>Refunds</source>
        <translation>Refunds</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="175"/>
        <source>Take back a faulty item: scan the item&apos;s own code and photograph the defect.</source>
        <translation>Take back a faulty item: scan the item&apos;s own code and photograph the defect.</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="178"/>
        <source>Defective</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="178"/>
        <source>Damaged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="179"/>
        <source>Wrong item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="179"/>
        <source>Not as described</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="180"/>
        <source>Missing parts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="180"/>
        <source>Other (say what)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="183"/>
        <source>Stored here, waiting to be sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="184"/>
        <source>Waiting for the seller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="185"/>
        <source>Approved: pay out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="186"/>
        <source>Rejected by the seller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="187"/>
        <source>Refunded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="188"/>
        <source>Refused by the platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="191"/>
        <source>cash from this drawer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="192"/>
        <source>back to the prepaid card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="193"/>
        <source>back to the bank card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="194"/>
        <source>the platform refunds the buyer&apos;s account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="200"/>
        <source>That is not an item code. Scan the code of the returned unit (on the receipt or label).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="201"/>
        <source>No item has this code. Check the code on the receipt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="202"/>
        <source>This unit is already refunded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="203"/>
        <source>This unit already has a refund request open; see the list below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="204"/>
        <source>Outside the merchant&apos;s return window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="205"/>
        <source>This order was never paid; there is nothing to refund.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="206"/>
        <source>This merchant needs at least one photo of the defect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="207"/>
        <source>The platform does not answer and this terminal has no record of the item.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="208"/>
        <source>Choose a reason; &quot;Other&quot; needs a few words.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="209"/>
        <source>One refund covers units of one order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="210"/>
        <source>Not approved yet: only a manager may pay cash before the platform approves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="211"/>
        <source>More than a manager may pay before the platform approves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="212"/>
        <source>This refund is not approved; nothing is paid out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="213"/>
        <source>Open a shift first: cash refunds are counted in the shift.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="214"/>
        <source>Swipe or scan the buyer&apos;s prepaid card first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="215"/>
        <source>This refund is paid out already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="220"/>
        <source>Scan or type the item code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="221"/>
        <source>Look up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="222"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="229"/>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="493"/>
        <source>Buyer %1, reputation %2 (at once from %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="230"/>
        <source>Take photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="231"/>
        <source>Retake</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="232"/>
        <source>Add image files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="233"/>
        <source>Submit refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="234"/>
        <source>New return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="235"/>
        <source>Prepaid card (swipe)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="236"/>
        <source>Pay out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="237"/>
        <source>Manager override</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="238"/>
        <source>Open refund requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="337"/>
        <source>No camera: add image files instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="349"/>
        <source>Photos of the defect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="350"/>
        <source>Images (*.jpg *.jpeg *.png *.webp *.bmp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="430"/>
        <source>Waiting for the seller (terminal %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="454"/>
        <source>Pay %1 in cash for order %2 before the platform approves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="464"/>
        <source>The platform refunds the buyer&apos;s account; nothing is paid at the counter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="467"/>
        <source>Refunded %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="490"/>
        <source>Order %1 from %2, paid: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="496"/>
        <source>The platform does not answer: the refund is stored and sent when it is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="498"/>
        <source>This merchant needs a photo of the defect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="501"/>
        <source>Scan the item code of the returned unit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="502"/>
        <source>Photos: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="504"/>
        <source>No camera: image files still work.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="509"/>
        <source>Order %1, %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="512"/>
        <source>Pay out: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="514"/>
        <source>The platform does not answer; it is sent automatically when it is back.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Refusals</name>
    <message>
        <location filename="../refusals.py" line="36"/>
        <source>This user is locked after too many wrong PINs until %1. Wait, or ask a manager to unlock it.</source>
        <translation>This user is locked after too many wrong PINs until %1. Wait, or ask a manager to unlock it.</translation>
    </message>
    <message>
        <location filename="../refusals.py" line="38"/>
        <source>This user is locked after too many wrong PINs. Wait, or ask a manager to unlock it.</source>
        <translation>This user is locked after too many wrong PINs. Wait, or ask a manager to unlock it.</translation>
    </message>
    <message numerus="yes">
        <location filename="../refusals.py" line="25"/>
        <source>Wrong PIN. This user is now locked for %n minute(s).</source>
        <translation>
            <numerusform>Wrong PIN. This user is now locked for %n minute.</numerusform>
            <numerusform>Wrong PIN. This user is now locked for %n minutes.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../refusals.py" line="45"/>
        <source>This user cannot sign in. Ask a manager.</source>
        <translation>This user cannot sign in. Ask a manager.</translation>
    </message>
    <message numerus="yes">
        <location filename="../refusals.py" line="28"/>
        <source>Wrong user or PIN. %n attempt(s) left before the user is locked.</source>
        <translation>
            <numerusform>Wrong user or PIN. %n attempt left before the user is locked.</numerusform>
            <numerusform>Wrong user or PIN. %n attempts left before the user is locked.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../refusals.py" line="49"/>
        <source>Unknown user or wrong PIN.</source>
        <translation>Unknown user or wrong PIN.</translation>
    </message>
    <message>
        <location filename="../refusals.py" line="51"/>
        <source>User %1 cannot approve this. A manager must approve.</source>
        <translation>User %1 cannot approve this. A manager must approve.</translation>
    </message>
    <message>
        <location filename="../refusals.py" line="53"/>
        <source>The PIN could not be checked. Try again; if this keeps happening, call the technician.</source>
        <translation>The PIN could not be checked. Try again; if this keeps happening, call the technician.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../screens/settings.py" line="69"/>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../screens/settings.py" line="72"/>
        <source>Your language, and where this terminal keeps its settings, data and log.</source>
        <translation>Your language, and where this terminal keeps its settings, data and log.</translation>
    </message>
    <message>
        <location filename="../screens/settings.py" line="84"/>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../screens/settings.py" line="85"/>
        <source>Settings file</source>
        <translation>Settings file</translation>
    </message>
    <message>
        <location filename="../screens/settings.py" line="86"/>
        <source>Data folder</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <location filename="../screens/settings.py" line="87"/>
        <source>Log file</source>
        <translation>Log file</translation>
    </message>
    <message>
        <location filename="../screens/settings.py" line="88"/>
        <source>Automatic (system language)</source>
        <translation>Automatic (system language)</translation>
    </message>
    <message>
        <location filename="../screens/settings.py" line="91"/>
        <source>none: embedded defaults</source>
        <translation>none: embedded defaults</translation>
    </message>
    <message>
        <location filename="../screens/settings.py" line="93"/>
        <source>none: logging to the console</source>
        <translation>none: logging to the console</translation>
    </message>
</context>
<context>
    <name>ShiftPage</name>
    <message>
        <location filename="../screens/shift.py" line="32"/>
        <source>Shift &amp; reports</source>
        <translation>Shift &amp; reports</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="35"/>
        <source>Open and close shifts, count the drawer, close the day and print reports.</source>
        <translation>Open and close shifts, count the drawer, close the day and print reports.</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="38"/>
        <source>Test a manager&apos;s approval (nothing is changed).</source>
        <translation>Test a manager&apos;s approval (nothing is changed).</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="43"/>
        <source>Coming next: opening float, cash counts, over/short with a manager&apos;s approval, the end-of-day reconciliation of drawer, card terminal and platform, and printed reports.</source>
        <translation>Coming next: opening float, cash counts, over/short with a manager&apos;s approval, the end-of-day reconciliation of drawer, card terminal and platform, and printed reports.</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="47"/>
        <source>Test manager approval</source>
        <translation>Test manager approval</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="51"/>
        <source>Not approved.</source>
        <translation>Not approved.</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="54"/>
        <source>Approved by %1 (%2).</source>
        <translation>Approved by %1 (%2).</translation>
    </message>
</context>
<context>
    <name>SignInPage</name>
    <message>
        <location filename="../screens/sign_in.py" line="192"/>
        <source>Enter your user number and PIN.</source>
        <translation>Enter your user number and PIN.</translation>
    </message>
    <message>
        <location filename="../screens/sign_in.py" line="218"/>
        <location filename="../screens/sign_in.py" line="238"/>
        <source>Checking…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../screens/sign_in.py" line="218"/>
        <location filename="../screens/sign_in.py" line="232"/>
        <location filename="../screens/sign_in.py" line="238"/>
        <source>Sign in</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../screens/sign_in.py" line="233"/>
        <source>%1 · terminal %2</source>
        <translation>%1 · terminal %2</translation>
    </message>
    <message>
        <location filename="../screens/sign_in.py" line="234"/>
        <source>User number</source>
        <translation>User number</translation>
    </message>
    <message>
        <location filename="../screens/sign_in.py" line="235"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../screens/sign_in.py" line="236"/>
        <source>e.g. 1001</source>
        <translation>e.g. 1001</translation>
    </message>
    <message>
        <location filename="../screens/sign_in.py" line="237"/>
        <source>4 to 12 digits</source>
        <translation>4 to 12 digits</translation>
    </message>
    <message>
        <location filename="../screens/sign_in.py" line="240"/>
        <source>%1: user %2, PIN %3 (%4)</source>
        <translation>%1: user %2, PIN %3 (%4)</translation>
    </message>
    <message>
        <location filename="../screens/sign_in.py" line="243"/>
        <source>Demo mode. Sign in as one of the demo users:</source>
        <translation>Demo mode. Sign in as one of the demo users:</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../status_bar.py" line="138"/>
        <source>Platform: unknown</source>
        <translation>Platform: unknown</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="140"/>
        <source>Platform: checking…</source>
        <translation>Platform: checking…</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="142"/>
        <source>Platform online</source>
        <translation>Platform online</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="144"/>
        <source>Platform offline</source>
        <translation>Platform offline</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="150"/>
        <source>Sync: unknown</source>
        <translation>Sync: unknown</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="152"/>
        <source>Sync: checking…</source>
        <translation>Sync: checking…</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="156"/>
        <source>All sent</source>
        <translation>All sent</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="154"/>
        <source>Nothing is waiting to be sent to the platform.</source>
        <translation>Nothing is waiting to be sent to the platform.</translation>
    </message>
    <message numerus="yes">
        <location filename="../status_bar.py" line="158"/>
        <source>%n message(s) waiting to be sent to the platform.</source>
        <translation>
            <numerusform>%n message waiting to be sent to the platform.</numerusform>
            <numerusform>%n messages waiting to be sent to the platform.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../status_bar.py" line="161"/>
        <source>The oldest has waited %n minute(s).</source>
        <translation>
            <numerusform>The oldest has waited %n minute.</numerusform>
            <numerusform>The oldest has waited %n minutes.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="165"/>
        <source>Last error: %1</source>
        <translation>Last error: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../status_bar.py" line="163"/>
        <source>%n message(s) refused by the platform need a manager.</source>
        <translation>
            <numerusform>%n message refused by the platform needs a manager.</numerusform>
            <numerusform>%n messages refused by the platform need a manager.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="174"/>
        <source>Last sent to the platform: %1</source>
        <translation>Last sent to the platform: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../status_bar.py" line="168"/>
        <source>%n to send</source>
        <translation>
            <numerusform>%n to send</numerusform>
            <numerusform>%n to send</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="178"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <location filename="../texts.py" line="16"/>
        <source>Cashier</source>
        <translation>Cashier</translation>
    </message>
    <message>
        <location filename="../texts.py" line="17"/>
        <source>Manager</source>
        <translation>Manager</translation>
    </message>
    <message>
        <location filename="../texts.py" line="18"/>
        <source>Technician</source>
        <translation>Technician</translation>
    </message>
    <message>
        <location filename="../texts.py" line="24"/>
        <source>Scanner</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <location filename="../texts.py" line="25"/>
        <source>Printer</source>
        <translation>Printer</translation>
    </message>
    <message>
        <location filename="../texts.py" line="26"/>
        <source>Drawer</source>
        <translation>Drawer</translation>
    </message>
    <message>
        <location filename="../texts.py" line="27"/>
        <source>Card terminal</source>
        <translation>Card terminal</translation>
    </message>
    <message>
        <location filename="../texts.py" line="33"/>
        <source>not set up</source>
        <translation>not set up</translation>
    </message>
    <message>
        <location filename="../texts.py" line="34"/>
        <source>opening…</source>
        <translation>opening…</translation>
    </message>
    <message>
        <location filename="../texts.py" line="35"/>
        <source>ready</source>
        <translation>ready</translation>
    </message>
    <message>
        <location filename="../texts.py" line="36"/>
        <source>busy</source>
        <translation>busy</translation>
    </message>
    <message>
        <location filename="../texts.py" line="37"/>
        <source>needs attention</source>
        <translation>needs attention</translation>
    </message>
    <message>
        <location filename="../texts.py" line="38"/>
        <source>not working</source>
        <translation>not working</translation>
    </message>
    <message>
        <location filename="../texts.py" line="39"/>
        <source>closed</source>
        <translation>closed</translation>
    </message>
</context>
</TS>
