<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AcceptDialog</name>
    <message>
        <location filename="../screens/settlement_dialogs.py" line="97"/>
        <source>Accept the statement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_dialogs.py" line="98"/>
        <source>Accept the statement of %1 with %2?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_dialogs.py" line="99"/>
        <source>%1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_dialogs.py" line="101"/>
        <source>It gets the number %1 and never changes after that.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_dialogs.py" line="103"/>
        <source>It gets the next statement number and never changes after that.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_dialogs.py" line="105"/>
        <source>Although:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_dialogs.py" line="107"/>
        <source>Manager&apos;s &amp;note (required: why accept anyway)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_dialogs.py" line="108"/>
        <source>Manager&apos;s &amp;note (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_dialogs.py" line="109"/>
        <source>&amp;Accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_dialogs.py" line="110"/>
        <source>Cancel</source>
        <translation type="unfinished">Cancel</translation>
    </message>
    <message>
        <location filename="../screens/settlement_dialogs.py" line="114"/>
        <source>Write why the statement is accepted although something stands in the way.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CameraTab</name>
    <message>
        <location filename="../screens/devices_camera.py" line="145"/>
        <source>Give a camera: its index (0), its device (/dev/video0) or a video file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_camera.py" line="154"/>
        <source>Opening the camera…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_camera.py" line="172"/>
        <source>The camera could not be opened: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_camera.py" line="184"/>
        <location filename="../screens/devices_camera.py" line="259"/>
        <source>Camera preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_camera.py" line="205"/>
        <source>Check the settings: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_camera.py" line="215"/>
        <source>Saved to %1. Refund photos are taken with this camera after the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_camera.py" line="220"/>
        <source>Not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_camera.py" line="233"/>
        <source>Camera: not previewing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_camera.py" line="236"/>
        <source>Camera: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_camera.py" line="240"/>
        <source>Stop the preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_camera.py" line="240"/>
        <source>Start the preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_camera.py" line="253"/>
        <source>Camera for refund photos (index, device or video file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_camera.py" line="254"/>
        <source>The preview shows what the camera sees; it is closed when you leave this tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_camera.py" line="255"/>
        <source>Save to settings</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CardTab</name>
    <message>
        <location filename="../screens/devices_tabs.py" line="470"/>
        <source>The test reaches the card terminal and asks for its last transaction; it charges nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="473"/>
        <source>Reached: yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="473"/>
        <source>Reached: no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="478"/>
        <source>Last transaction: could not be asked: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="480"/>
        <source>Last transaction: none yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="483"/>
        <location filename="../screens/devices_tabs.py" line="485"/>
        <source>approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="483"/>
        <location filename="../screens/devices_tabs.py" line="485"/>
        <source>declined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="484"/>
        <source>not charged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="484"/>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="486"/>
        <source>refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="486"/>
        <source>sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="487"/>
        <source>Last transaction: %1 %2, %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="489"/>
        <source>Card ending %1, approval code %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="491"/>
        <source>At: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="507"/>
        <source>Test the connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="511"/>
        <source>Card terminal type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="512"/>
        <source>Address (host name or IP)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="513"/>
        <source>TCP port (0: the demo starts a simulator)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="514"/>
        <source>Longest charge (s)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CashMovementDialog</name>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="361"/>
        <source>Type the amount, e.g. 500 or 12.50.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="365"/>
        <source>The amount must be more than zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="369"/>
        <source>The drawer should hold only %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="375"/>
        <source>Say in a few words why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="386"/>
        <source>Cash drop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="386"/>
        <source>Pay-out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="386"/>
        <source>Pay-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="387"/>
        <source>No sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="389"/>
        <source>Take cash out of the drawer to the safe. Count it, then type the amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="390"/>
        <source>Pay cash out of the drawer for the store (keep the receipt).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="391"/>
        <source>Put cash into the drawer that does not come from a sale.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="392"/>
        <source>Open the drawer without a sale. The opening is recorded with your name and reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="397"/>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="398"/>
        <source>e.g. 500</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="399"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="407"/>
        <source>Details (needed for Other)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="408"/>
        <source>Open drawer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="408"/>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="409"/>
        <source>Cancel</source>
        <translation type="unfinished">Cancel</translation>
    </message>
</context>
<context>
    <name>CashReasons</name>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="262"/>
        <source>Excess cash to the safe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="263"/>
        <source>Bank deposit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="264"/>
        <source>Pay a supplier or a delivery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="265"/>
        <source>Petty cash purchase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="266"/>
        <source>More change for the drawer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="267"/>
        <source>Float brought back from the safe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="268"/>
        <source>Change for a customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="269"/>
        <source>Check the float</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="270"/>
        <source>Drawer stuck or jammed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="271"/>
        <source>Other (say what)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CheckoutPage</name>
    <message>
        <location filename="../screens/checkout/page.py" line="171"/>
        <location filename="../workspace.py" line="39"/>
        <source>Checkout</source>
        <translation>Checkout</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="174"/>
        <source>Scan the buyer&apos;s payment code or order number, then take the payment.</source>
        <translation>Scan the buyer&apos;s payment code or order number, then take the payment.</translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="177"/>
        <source>No shift is open at this terminal. Count the cash in the drawer and open a shift with that float to take payments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="179"/>
        <source>Opening float (counted cash)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="180"/>
        <source>Open shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="181"/>
        <source>Scan the payment code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="182"/>
        <source>Or type the order number and press Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="184"/>
        <source>Find order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="189"/>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="190"/>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="191"/>
        <source>F1 Cash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="192"/>
        <source>F2 Prepaid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="193"/>
        <source>F3 Card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="194"/>
        <source>Cash handed over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="195"/>
        <source>Exact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="196"/>
        <source>Take cash (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="197"/>
        <source>Scan or swipe the card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="198"/>
        <source>Amount from the card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="199"/>
        <source>Debit card (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="200"/>
        <source>The buyer pays on the card terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="201"/>
        <source>Amount to charge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="202"/>
        <source>Charge card (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="203"/>
        <source>Check again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="204"/>
        <source>Esc Cancel order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="205"/>
        <source>F9 Reprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="206"/>
        <source>Next sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="207"/>
        <source>Paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="208"/>
        <location filename="../screens/checkout/views.py" line="397"/>
        <source>Change due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="273"/>
        <location filename="../screens/checkout/refusal_texts.py" line="160"/>
        <source>Type the counted float as an amount, e.g. 200 or 200.50.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="276"/>
        <source>The float cannot be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="287"/>
        <source>Shift open with a float of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="303"/>
        <source>The scan was not used: finish the open window first, then scan again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="314"/>
        <source>Another payment code was scanned. Finish or cancel the current order first (Esc).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="320"/>
        <source>Open a shift first: type the counted float and press Enter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="359"/>
        <source>Payment code valid until %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="363"/>
        <source>Offline payment: the platform cannot be reached. The signed code is valid; the payment is sent when the connection is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="365"/>
        <source>If the order was paid elsewhere meanwhile, the platform refunds the buyer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/tender_panels.py" line="138"/>
        <source>Type an amount, e.g. 50 or 12.50.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/tender_panels.py" line="161"/>
        <source>Change: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/tender_panels.py" line="164"/>
        <source>Still due after this: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/tender_panels.py" line="274"/>
        <source>Card ****%1 · balance %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/tender_panels.py" line="301"/>
        <source>Debiting the prepaid card…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/tender_panels.py" line="318"/>
        <source>Waiting for the card terminal… the buyer presents the card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/card_alert.py" line="81"/>
        <location filename="../screens/checkout/tender_panels.py" line="326"/>
        <source>Asking the card terminal…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="185"/>
        <source>F9 Reprint last receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="186"/>
        <source>Check card payment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="187"/>
        <source>Refund it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/card_alert.py" line="59"/>
        <source>A card payment of %1 for order %2 has an unknown outcome: check the card terminal, then press Check card payment. Do not charge that buyer again until it is known.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/card_alert.py" line="64"/>
        <source>A card payment of %1 for order %2 was approved (card ****%3) but no sale records it: the buyer was charged. Scan that order again to complete its sale with this payment, or refund it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/card_alert.py" line="70"/>
        <source>(%1 more after this one)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/card_alert.py" line="89"/>
        <source>The card terminal approved the card payment of %1 for order %2 (card ****%3): the buyer was charged. Scan that order again to complete its sale with this payment, or refund it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/card_alert.py" line="95"/>
        <source>The card payment of %1 for order %2 was not charged. Cleared.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/card_alert.py" line="111"/>
        <source>Refund the card payment of %1 for order %2 to card ****%3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/card_alert.py" line="122"/>
        <source>Refunded %1 to card ****%2 (order %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="376"/>
        <source>A card payment approved earlier for this order is applied: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="381"/>
        <source>A card payment for this order has an unknown outcome. Do NOT charge again: press Check again to ask the card terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/tender_panels.py" line="233"/>
        <source>No PIN keyed in: nothing was taken from the card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="407"/>
        <source>Recording the sale…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="429"/>
        <source>The buyer asked for a copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="429"/>
        <source>The receipt was damaged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="429"/>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="430"/>
        <source>Reprint a copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="430"/>
        <source>Why is a copy printed?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="457"/>
        <source>Copy printed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="457"/>
        <location filename="../screens/checkout/views.py" line="400"/>
        <source>Receipt printed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="466"/>
        <source>The copy was not printed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="469"/>
        <location filename="../screens/checkout/refusal_texts.py" line="230"/>
        <source>The receipt was not printed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="79"/>
        <source>Receipt %1 was NOT printed and is still pending: %2. Fix the printer, then press F9 to print the original.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="66"/>
        <source>paper end: load paper</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="67"/>
        <source>cover open: close the cover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="68"/>
        <source>the printer is offline: check its error light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="69"/>
        <source>no answer from the printer: check that it is on and not jammed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="74"/>
        <source>the printer did not confirm it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="486"/>
        <source>This terminal has no sale receipt to print yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="504"/>
        <source>Copy of receipt %1 printed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="506"/>
        <source>Receipt %1 printed (it had not been printed before).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="539"/>
        <source>Cancel order %1: the payments taken (%2) are given back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="555"/>
        <source>Order cancelled. Given back: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="557"/>
        <source>Void slip printed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="559"/>
        <source>The void slip was not printed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/page.py" line="564"/>
        <source>Order cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/views.py" line="378"/>
        <source>Cash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/views.py" line="379"/>
        <source>Prepaid card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/views.py" line="380"/>
        <source>Bank card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/views.py" line="392"/>
        <source>Receipt %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/views.py" line="394"/>
        <source>Amount paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/views.py" line="403"/>
        <source>Printer: %1 — the receipt is kept for reprint (F9).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/drawer_watch.py" line="83"/>
        <source>Drawer open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/drawer_watch.py" line="85"/>
        <source>Drawer closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/drawer_watch.py" line="87"/>
        <source>The drawer was sent the signal to open but its switch still says closed: check the drawer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/drawer_watch.py" line="90"/>
        <source>Drawer signal sent; waiting for the drawer&apos;s switch…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/drawer_watch.py" line="92"/>
        <source>Drawer signal sent. The drawer&apos;s switch does not answer: whether it is open or closed is not known.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/drawer_watch.py" line="94"/>
        <source>Drawer signal sent. This drawer has no switch to say whether it is open or closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/drawer_watch.py" line="78"/>
        <source>Drawer did not open (%1): open it with the key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="32"/>
        <source>That is a product barcode, not an order. Scan the payment code on the buyer&apos;s phone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="35"/>
        <source>That is an item code from a receipt: returns are taken on the Refunds page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="38"/>
        <source>That is a prepaid card. Scan the order first, then choose F2 Prepaid to pay with it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="40"/>
        <source>This code is not one this terminal reads. Scan the payment QR code or the order number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="48"/>
        <source>This order is now being paid at another counter (%1). Take no more payment here: press Esc to cancel; anything taken is given back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="52"/>
        <source>This order has been paid elsewhere meanwhile. Take no more payment here: press Esc to cancel; anything taken is given back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="55"/>
        <source>This counter has held this order as long as the platform allows. Take no more payment here: press Esc to cancel; anything taken is given back. Another counter can take the order now, this one after a few minutes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="58"/>
        <source>The platform no longer holds this order for this counter (expired or cancelled). Take no more payment here: press Esc to cancel; anything taken is given back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="94"/>
        <source>This payment code has expired. Ask the buyer to open the order again for a new code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="96"/>
        <source>This payment code was altered or is not from the platform. Do not take payment for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="98"/>
        <source>This payment code is signed with a key this terminal does not know yet. Connect to the platform, or ask for the order number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="101"/>
        <source>This payment code is damaged or not a payment code. Scan it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="103"/>
        <source>This payment code is longer than any real one. Do not take payment for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="105"/>
        <source>This payment code is dated in the future: check this terminal&apos;s clock.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="107"/>
        <source>This counter does not take payment codes of platform %1. Ask the technician to add it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="110"/>
        <source>This order is being paid at another counter (%1). Wait, or ask that counter to cancel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="113"/>
        <source>This order has expired. The buyer must order again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="114"/>
        <source>The shop cancelled this order. It cannot be paid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="115"/>
        <source>The platform does not know this order. Check the code with the buyer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="117"/>
        <source>An order number or link can only be paid online, and the platform cannot be reached. Ask the buyer to show the payment QR code, which works offline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="120"/>
        <source>The platform and the payment code disagree on the amount. Ask the buyer to open the order again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="122"/>
        <source>This counter has held this order as long as the platform allows. Another counter can take it now; this one only after a few minutes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="125"/>
        <source>This counter already holds as many open orders as the platform allows. Finish or cancel one of them first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="127"/>
        <source>The platform refuses this terminal&apos;s credential for now (too many failed sign-ins). Ask the technician to check the terminal&apos;s secret; it is accepted again after a while.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="132"/>
        <source>The platform refused this order: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="138"/>
        <source>This order was already paid at this terminal (receipt %1). Do not take money twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="140"/>
        <source>This order was already paid at this terminal. Do not take money twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="142"/>
        <source>The buyer already paid this order online. Do not take money twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="143"/>
        <source>This order was already paid elsewhere. Do not take money twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="145"/>
        <source>No shift is open: open one with the counted float, then take the payment again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="149"/>
        <source>A shift is already open at this terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="150"/>
        <source>The business day and the next one are closed already: no shift opens now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="152"/>
        <source>A float of %1 is more than the %2 a drawer may start with. Count it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="156"/>
        <source>A float of %1 is more than the usual %2: open the shift on the Shift page, where the amount is confirmed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="165"/>
        <source>The open shift is %1&apos;s: nothing was recorded. Take it over on the Shift page (or close it and open your own), then take the payment again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="176"/>
        <source>Prepaid card %1 holds only %2. Take that amount and the rest another way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="179"/>
        <source>The prepaid card&apos;s balance is too low for this amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="181"/>
        <source>Card declined. The card was not charged; ask for another card or tender.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="183"/>
        <source>The card terminal did not charge the card (not reachable or refused). Check it and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="185"/>
        <source>Card payment cancelled. Nothing was charged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="186"/>
        <source>The card terminal stopped answering during the payment. Look at its screen and do NOT charge again: press Check again once it is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="189"/>
        <source>No card terminal is set up at this counter. Take another tender.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="191"/>
        <source>Prepaid cards need the platform, which cannot be reached now. Take another tender, or retry the same card and amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="194"/>
        <source>The last debit from card %1 has an unknown outcome. Retry that same card and amount first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="197"/>
        <source>The platform does not know this prepaid card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="198"/>
        <source>This prepaid card is blocked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="199"/>
        <source>The platform refused this prepaid card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="200"/>
        <source>Wrong PIN: %1 attempts left. Nothing was taken from the card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="203"/>
        <source>This prepaid card is locked after too many wrong PINs. Take another tender; the card holder asks the card&apos;s issuer to unlock it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="206"/>
        <source>The PIN is 4 to 6 digits. Ask the card holder to key it in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="208"/>
        <source>This prepaid card has no PIN yet and cannot be spent. Take another tender.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="210"/>
        <source>That is not a prepaid card number. Scan or swipe the card, or type its 16 digits starting with 88.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="212"/>
        <source>That is more than is still due.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="213"/>
        <source>The payments do not cover the total yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="214"/>
        <source>Payments were taken: a manager must approve the cancel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="215"/>
        <source>Not everything could be given back: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="216"/>
        <source>Still working on the previous step. Wait a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="217"/>
        <source>An earlier card payment of %1 for order %2 was approved (card %3): that buyer was charged. Scan that order to complete its sale, or refund it from the start screen. Then charge this card again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="224"/>
        <source>An earlier card payment of %1 for order %2 still has an unknown outcome. Check the card terminal before charging another card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/checkout/refusal_texts.py" line="235"/>
        <source>Something went wrong: %1. Try again; if it keeps happening, call the technician.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClearingTab</name>
    <message>
        <location filename="../screens/settlement_clearing.py" line="99"/>
        <source>&amp;Import a report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="100"/>
        <source>&amp;Fetch the day&apos;s report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="101"/>
        <source>Sa&amp;ve the payment file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="102"/>
        <source>The report&apos;s ISO 20022 payment file (pain.001), for the bank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="103"/>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="103"/>
        <source>Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="103"/>
        <location filename="../screens/settlement_clearing.py" line="104"/>
        <source>Net</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="103"/>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="104"/>
        <source>Platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="104"/>
        <source>Statement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="105"/>
        <source>Difference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="105"/>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="105"/>
        <source>This terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="106"/>
        <source>Clearing house</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="106"/>
        <source>What to do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="108"/>
        <source>No platform of this terminal is settled through the clearing house.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="114"/>
        <source>The store pays %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="116"/>
        <source>The store receives %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="117"/>
        <source>Nothing to pay or receive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="153"/>
        <source>No clearing-house report imported yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="157"/>
        <source>Report %1 of %2: %3. %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DenominationCountDialog</name>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="211"/>
        <source>Over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="212"/>
        <source>Short</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="212"/>
        <source>Over / short</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="217"/>
        <source>The difference is above the limit of %1: a manager must approve the close. Say what happened:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="225"/>
        <source>Write a note on the difference before closing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="237"/>
        <location filename="../dialogs/cash_dialogs.py" line="238"/>
        <source>Count the drawer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="237"/>
        <source>Opening float</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="238"/>
        <source>Count the opening float</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="239"/>
        <source>Type how many of each note and coin are in the drawer (Enter moves to the next).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="241"/>
        <source>Type how many of each note and coin you put in the drawer (Enter moves to the next).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="242"/>
        <source>Counted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="243"/>
        <source>Expected in the drawer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="244"/>
        <source>Note on the difference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="245"/>
        <source>Close shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="245"/>
        <source>Open shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/cash_dialogs.py" line="246"/>
        <source>Cancel</source>
        <translation type="unfinished">Cancel</translation>
    </message>
</context>
<context>
    <name>DeviceTab</name>
    <message>
        <location filename="../screens/devices_tabs.py" line="58"/>
        <source>pin %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="169"/>
        <source>At the counter: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="200"/>
        <source>That did not work: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="213"/>
        <source>Check the settings: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="222"/>
        <source>Opening the device…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="227"/>
        <source>The counter uses these settings now. Save them to keep them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="229"/>
        <source>The device could not be opened: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="247"/>
        <source>Testing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="268"/>
        <source>Saved to %1. The counter uses these settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="269"/>
        <source>Saved to %1. Press Apply to use them now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="273"/>
        <source>Not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="296"/>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="297"/>
        <source>Save to settings</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DevicesPage</name>
    <message>
        <location filename="../screens/devices.py" line="301"/>
        <location filename="../screens/devices.py" line="337"/>
        <source>Check the settings: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="308"/>
        <source>Opening the scanner…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="322"/>
        <source>The scanner is working. Scan a code to see it below; save to keep this setting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="324"/>
        <source>The scanner could not be opened: %1. It keeps trying in the background.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="331"/>
        <source>The scanner could not be started: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="353"/>
        <source>Not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="364"/>
        <source>The scanner at the counter is not the simulated one: press Apply first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="375"/>
        <source>Camera: %1 frames per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="382"/>
        <source>Camera: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="387"/>
        <source>Scanner at the counter: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="481"/>
        <location filename="../workspace.py" line="42"/>
        <source>Devices</source>
        <translation>Devices</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="490"/>
        <source>Scanner</source>
        <translation type="unfinished">Scanner</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="491"/>
        <source>Found on this machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="493"/>
        <source>Scanner type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="495"/>
        <source>Simulated (demo)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="496"/>
        <source>Keyboard wedge, in this window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="497"/>
        <source>Keyboard wedge, grabbed (evdev)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="498"/>
        <source>Serial scanner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="499"/>
        <source>Webcam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="504"/>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="505"/>
        <source>Baud rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="506"/>
        <source>Data bits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="507"/>
        <source>Parity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="508"/>
        <source>Stop bits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="509"/>
        <source>Flow control</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="510"/>
        <source>Suffix (end of a scan)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="511"/>
        <source>Custom suffix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="348"/>
        <source>Saved to %1. The scanner at the counter uses it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="349"/>
        <source>Saved to %1. Press Apply and test to use it now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="453"/>
        <location filename="../screens/devices.py" line="533"/>
        <source>Demo payment codes (all platforms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="484"/>
        <source>Set up and test the counter&apos;s scanner, printer, drawer, card terminal and camera, and save them to the settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="490"/>
        <source>Printer</source>
        <translation type="unfinished">Printer</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="490"/>
        <source>Drawer</source>
        <translation type="unfinished">Drawer</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="490"/>
        <source>Card terminal</source>
        <translation type="unfinished">Card terminal</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="491"/>
        <source>Camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="512"/>
        <source>Gap ending a scan (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="513"/>
        <source>Prefix to strip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="514"/>
        <source>AIM symbology identifiers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="515"/>
        <source>Camera (index, device or video file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="516"/>
        <source>Decoder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="517"/>
        <source>Width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="518"/>
        <source>Height</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="519"/>
        <source>Same code again counts after (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="520"/>
        <source>Longest gap between scanner keys (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="521"/>
        <source>Shortest scan (characters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="522"/>
        <source>Terminator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="523"/>
        <source>Custom terminator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="524"/>
        <source>Scanner keyboard layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="529"/>
        <source>Input device (name, vendor:product or path)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="530"/>
        <source>The demo scanner: type a code and send it, as if it had been scanned.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="531"/>
        <source>Code to scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="534"/>
        <source>Send as a scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="535"/>
        <source>Scans typed faster than the gap above never reach the field that has focus; people typing are not affected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="536"/>
        <source>Apply and test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="537"/>
        <source>Save to settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="538"/>
        <source>Scans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="539"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="539"/>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="539"/>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="539"/>
        <source>Latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="541"/>
        <source>Camera preview</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DrawerTab</name>
    <message>
        <location filename="../screens/devices_tabs.py" line="409"/>
        <source>The drawer pulse was sent and the printer confirmed it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="411"/>
        <source>The drawer was not opened: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="413"/>
        <source>Open or shut: this drawer has no switch that tells (look at it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="415"/>
        <source>Open or shut: the drawer&apos;s switch did not answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="417"/>
        <source>Open or shut: the switch says open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="418"/>
        <source>Open or shut: the switch says shut.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="421"/>
        <source>Has a switch that tells open or shut: yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="422"/>
        <source>Has a switch that tells open or shut: no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="423"/>
        <source>The test opens the drawer (recorded as a no-sale opening).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="427"/>
        <source>Open the drawer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="431"/>
        <source>Drawer type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="432"/>
        <source>Drawer-kick pin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="433"/>
        <source>Has an open/shut switch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="434"/>
        <source>Switch high means open</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FoundTab</name>
    <message>
        <location filename="../screens/devices_found.py" line="64"/>
        <source>Looking for devices…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_found.py" line="68"/>
        <source>Could not list the devices: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_found.py" line="82"/>
        <source>Serial ports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_found.py" line="83"/>
        <source>Cameras</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_found.py" line="84"/>
        <source>Input devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_found.py" line="85"/>
        <source>USB printers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_found.py" line="86"/>
        <source>Network printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/devices_found.py" line="95"/>
        <source>%n found</source>
        <translation>
            <numerusform>%n found</numerusform>
            <numerusform>%n found</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/devices_found.py" line="101"/>
        <source>could not be listed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/devices_found.py" line="102"/>
        <source>%n device(s) found. Choose one on the device&apos;s tab.</source>
        <translation>
            <numerusform>%n device found. Choose one on the device&apos;s tab.</numerusform>
            <numerusform>%n devices found. Choose one on the device&apos;s tab.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/devices_found.py" line="112"/>
        <source>Look again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_found.py" line="113"/>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_found.py" line="113"/>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_found.py" line="117"/>
        <source>Serial ports, cameras, input devices and printers attached to this machine.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Header</name>
    <message>
        <location filename="../header.py" line="71"/>
        <source>Terminal %1</source>
        <translation>Terminal %1</translation>
    </message>
    <message>
        <location filename="../header.py" line="73"/>
        <source>%1 · user %2</source>
        <translation>%1 · user %2</translation>
    </message>
    <message>
        <location filename="../header.py" line="74"/>
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
        <location filename="../main_window.py" line="161"/>
        <source>%1 — counter terminal</source>
        <translation>%1 — counter terminal</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="163"/>
        <source>%1 — counter terminal — %2</source>
        <translation>%1 — counter terminal — %2</translation>
    </message>
</context>
<context>
    <name>ManagerApprovalDialog</name>
    <message>
        <location filename="../dialogs/manager_approval.py" line="192"/>
        <source>A manager enters their user number and PIN.</source>
        <translation>A manager enters their user number and PIN.</translation>
    </message>
    <message>
        <location filename="../dialogs/manager_approval.py" line="245"/>
        <source>Checking…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../dialogs/manager_approval.py" line="245"/>
        <source>Approving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/manager_approval.py" line="256"/>
        <location filename="../dialogs/manager_approval.py" line="257"/>
        <source>Manager approval</source>
        <translation>Manager approval</translation>
    </message>
    <message>
        <location filename="../dialogs/manager_approval.py" line="258"/>
        <source>Manager&apos;s user number</source>
        <translation>Manager&apos;s user number</translation>
    </message>
    <message>
        <location filename="../dialogs/manager_approval.py" line="259"/>
        <source>Manager&apos;s PIN</source>
        <translation>Manager&apos;s PIN</translation>
    </message>
    <message>
        <location filename="../dialogs/manager_approval.py" line="260"/>
        <source>Approve</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location filename="../dialogs/manager_approval.py" line="261"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ManualApprovalDialog</name>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="92"/>
        <source>Type exactly the last four digits of the card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="93"/>
        <source>Type the approval code from the card terminal&apos;s slip (letters and digits).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="102"/>
        <source>Standalone card terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="103"/>
        <source>Refund on the card terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="103"/>
        <source>Charge on the card terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="104"/>
        <source>Enter %1 on the standalone card terminal. When it approves, type its approval code and the card&apos;s last four digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="106"/>
        <source>Approval code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="107"/>
        <source>Card&apos;s last four digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="108"/>
        <source>Record approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="109"/>
        <source>Not approved</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OnlineReturnBanner</name>
    <message>
        <location filename="../online_return_banner.py" line="106"/>
        <source>Filed online — waiting for the seller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../online_return_banner.py" line="107"/>
        <source>Take the unit in: the seller decides and the decision shows here; nothing is paid before.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../online_return_banner.py" line="110"/>
        <source>Return authorised online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../online_return_banner.py" line="112"/>
        <source>Approved by the seller on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../online_return_banner.py" line="113"/>
        <source>Approved at once by policy (the buyer&apos;s reputation) on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../online_return_banner.py" line="115"/>
        <source>Seller&apos;s note: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../online_return_banner.py" line="117"/>
        <source>Reason given by the buyer: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../online_return_banner.py" line="119"/>
        <source>Order %1 from %2: %3 unit(s), %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../online_return_banner.py" line="122"/>
        <source>Take in every unit of this return: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../online_return_banner.py" line="124"/>
        <source>The platform refunded the buyer; take the unit in. Nothing is paid at the counter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../online_return_banner.py" line="126"/>
        <source>Pay out: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../online_return_banner.py" line="128"/>
        <source>The buyer&apos;s photos and reason are on the platform: nothing to ask again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../online_return_banner.py" line="130"/>
        <source>Take in and pay out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../online_return_banner.py" line="130"/>
        <source>Take in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../online_return_banner.py" line="152"/>
        <source>This return was handed in at another store; that store completes it. Give the unit back to the buyer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../online_return_banner.py" line="154"/>
        <source>This return was taken in at another terminal of this store; complete it there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../online_return_banner.py" line="156"/>
        <source>The platform has not confirmed that this store took the unit in: nothing is paid before. It is sent again when the platform answers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../online_return_banner.py" line="158"/>
        <source>The seller rejected this return: give the unit back to the buyer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../online_return_banner.py" line="164"/>
        <source>Taken in here, but the platform does not answer: it is told automatically when it is back. Nothing is paid before; keep the unit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../online_return_banner.py" line="167"/>
        <source>Taken in: the seller decides. The decision shows here; pay out then.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../online_return_banner.py" line="170"/>
        <source>The platform said: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../online_return_banner.py" line="172"/>
        <source>Taken in and approved: pay out.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OrderLinesModel</name>
    <message>
        <location filename="../checkout_model.py" line="23"/>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../checkout_model.py" line="24"/>
        <source>Qty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../checkout_model.py" line="25"/>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../checkout_model.py" line="26"/>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PhotoDialog</name>
    <message>
        <location filename="../screens/refund_photos.py" line="125"/>
        <source>Photo %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_photos.py" line="130"/>
        <source>This photo cannot be shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_photos.py" line="134"/>
        <source>Remove this photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_photos.py" line="139"/>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PhotoStrip</name>
    <message>
        <location filename="../screens/refund_photos.py" line="83"/>
        <source>Photo %1: click to see it larger or remove it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrepaidPinDialog</name>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="176"/>
        <source>The PIN is 4 to 6 digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="199"/>
        <source>Prepaid card PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="200"/>
        <source>Card holder&apos;s PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="201"/>
        <source>Card ****%1: let the card holder key in the PIN (4 to 6 digits), then press Enter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="203"/>
        <source>OK (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../dialogs/tender_dialogs.py" line="204"/>
        <source>Cancel (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrinterTab</name>
    <message>
        <location filename="../screens/devices_tabs.py" line="341"/>
        <source>Paper width: %1 mm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="342"/>
        <source>Chinese text: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="346"/>
        <source>The test page was printed: the ruler&apos;s last digit should sit at the right edge, the Chinese line should read clearly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="350"/>
        <source>The test page was not printed: see why above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="351"/>
        <source>The test page was not printed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="356"/>
        <source>Print a test page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="360"/>
        <source>Printer type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="361"/>
        <source>Address (host name or IP)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="362"/>
        <source>TCP port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="363"/>
        <source>USB vendor id (hex)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="364"/>
        <source>USB product id (hex)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="365"/>
        <source>Serial port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="366"/>
        <source>Baud rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="367"/>
        <source>Paper width (mm)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="368"/>
        <source>Chinese text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="369"/>
        <source>Printer profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices_tabs.py" line="370"/>
        <source>Time-out (s)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReceiptHistoryPage</name>
    <message>
        <location filename="../screens/receipt_history.py" line="275"/>
        <location filename="../workspace.py" line="44"/>
        <source>Receipts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="278"/>
        <source>Find a past receipt, see it, and print a copy (the reason is recorded).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="281"/>
        <source>Receipt, order or item &amp;number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="282"/>
        <source>15, PO… or IC…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="283"/>
        <source>&amp;Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="285"/>
        <source>&amp;From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="286"/>
        <source>&amp;To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="287"/>
        <source>Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="288"/>
        <source>A receipt, order or item number is found at any date; the dates narrow an amount search or the whole list. Enter searches; F9 prints a copy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="290"/>
        <source>No.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="290"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="290"/>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="291"/>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="291"/>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="292"/>
        <source>F9 Print a copy…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="298"/>
        <source>Voided</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="300"/>
        <source>Not printed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="302"/>
        <source>Printed %1 times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="303"/>
        <source>Printed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="307"/>
        <source>Pick a receipt to see it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="309"/>
        <source>Receipt %1: prints as a copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="310"/>
        <source>Receipt %1: never printed, prints as the original</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="317"/>
        <source>Type the amount as digits, for example 25.50.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="319"/>
        <source>The dates end before they start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="321"/>
        <source>Type a receipt number, an order number (PO…) or an item code (IC…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="323"/>
        <source>Receipt %1 is not on this terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="325"/>
        <source>Choose why the copy is printed; for Other, type a note. A scanned code is not a reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="328"/>
        <source>The receipt did not print. It stays waiting for the printer: check the paper and the cover, then print it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="331"/>
        <source>The copy did not print. Check the printer&apos;s paper and cover, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="332"/>
        <source>The receipts could not be read. Try again; if this keeps happening, call the technician.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="374"/>
        <source>No receipt fits this search.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="471"/>
        <source>Printing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="477"/>
        <source>Receipt %1 printed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="506"/>
        <source>Scan an order number or an item code to find its receipt.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReconcileCases</name>
    <message>
        <location filename="../screens/reconcile_cases.py" line="36"/>
        <source>Paid twice: closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile_cases.py" line="43"/>
        <source>Paid back at this counter (receipt %1), but the platform refused it: the buyer may have been paid twice. Have it checked with the platform.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile_cases.py" line="47"/>
        <source>Paid back at this counter (receipt %1); the platform is told as soon as it answers. Reconcile again then.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile_cases.py" line="51"/>
        <source>Open: pay the buyer back here (a manager approves), or wait for the platform to refund the buyer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile_cases.py" line="55"/>
        <source>Closed: refunded by the platform to the buyer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile_cases.py" line="57"/>
        <source>Closed: paid back at this counter (receipt %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile_cases.py" line="59"/>
        <source>Closed: paid back at another counter of this store (receipt %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile_cases.py" line="72"/>
        <source>Differences: %1 open, %2 settled (closed refund cases).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile_cases.py" line="79"/>
        <source>A manager approves every pay-back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile_cases.py" line="80"/>
        <source>The platform cannot be reached, and only it can tell whether it refunded the buyer already: nothing was paid. Try again when it answers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile_cases.py" line="83"/>
        <source>No platform is set up for this terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile_cases.py" line="84"/>
        <source>The platform refunded this payment to the buyer already: do not pay it back here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile_cases.py" line="86"/>
        <source>This payment was paid back at another counter already: do not pay it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile_cases.py" line="88"/>
        <source>This payment was paid back at this counter already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile_cases.py" line="90"/>
        <source>Open a shift first: the cash paid back is counted in the shift.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile_cases.py" line="92"/>
        <source>The drawer does not hold enough cash for this pay-back: put cash in first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile_cases.py" line="94"/>
        <source>The platform does not know this case for this store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile_cases.py" line="124"/>
        <source>Pay back…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile_cases.py" line="146"/>
        <source>Pay %1 back in cash for order %2 (paid twice) out of this drawer. The buyer gets the second payment back; the platform is told.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile_cases.py" line="162"/>
        <source>Paid back %1 for order %2 (receipt %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile_cases.py" line="166"/>
        <source>The drawer is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile_cases.py" line="168"/>
        <source>The slip did not print: check the printer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile_cases.py" line="170"/>
        <source>The platform is told as soon as it answers.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReconcileTab</name>
    <message>
        <location filename="../screens/reconcile.py" line="160"/>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="161"/>
        <source>Reconcile with the platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="162"/>
        <source>This terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="162"/>
        <source>Platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="163"/>
        <source>Card terminal</source>
        <translation type="unfinished">Card terminal</translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="164"/>
        <source>Difference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="164"/>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="164"/>
        <source>Amounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="165"/>
        <source>What to do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="166"/>
        <location filename="../screens/reconcile.py" line="368"/>
        <source>Differences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="171"/>
        <source>Not recorded by the platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="172"/>
        <source>Not recorded at this terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="173"/>
        <source>Amounts differ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="174"/>
        <source>Amount differs from the order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="175"/>
        <source>Paid twice: refund case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="176"/>
        <source>Prepaid card debited, no sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="177"/>
        <source>Prepaid movement not recorded here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="178"/>
        <source>Prepaid payment not listed by the platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="179"/>
        <source>Prepaid amounts differ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="180"/>
        <source>Prepaid cards not compared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="187"/>
        <source>Still waiting in this terminal&apos;s outbox: it is sent as soon as the platform answers. Reconcile again after that.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="190"/>
        <source>The platform refused it for good: have it checked (sync status). Only a manager may mark the day reconciled before that.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="193"/>
        <source>Let the outbox send it (check the network), then reconcile again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="194"/>
        <source>Check this terminal&apos;s sales and receipts for this order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="195"/>
        <source>Compare the receipt with the platform&apos;s record and correct the wrong side.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="196"/>
        <source>Settle the difference with the shop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="197"/>
        <source>The buyer gets this payment back through the platform&apos;s refund case.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="199"/>
        <source>The terminal stopped during a checkout: restart it or take a prepaid payment, which gives the money back to the card. If it stays, have the platform credit the card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="202"/>
        <source>Find the sale, refund or void for it; if there is none, have the platform give it back to the card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="204"/>
        <source>Check the card&apos;s history with the platform.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="205"/>
        <source>Compare the receipt with the card&apos;s history and correct the wrong side.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="207"/>
        <source>The platform&apos;s prepaid-card movements could not be read: reconcile again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="214"/>
        <location filename="../screens/reconcile.py" line="251"/>
        <source>Close the day with a Z report first: only a closed day is marked reconciled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="215"/>
        <source>This day is marked reconciled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/reconcile.py" line="216"/>
        <source>%n settlement(s) of this day not sent yet: still in the outbox.</source>
        <translation>
            <numerusform>%n settlement of this day not sent yet: still in the outbox.</numerusform>
            <numerusform>%n settlements of this day not sent yet: still in the outbox.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/reconcile.py" line="217"/>
        <source>The platform refused %n settlement(s) of this day: have them checked.</source>
        <translation>
            <numerusform>The platform refused %n settlement of this day: have them checked.</numerusform>
            <numerusform>The platform refused %n settlements of this day: have them checked.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="219"/>
        <source>Not compared with the platform yet (or the day changed since): reconcile first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="220"/>
        <source>The platform reports differences: settle them, then reconcile again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="226"/>
        <source>The platform cannot be reached now: reconcile again when it is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="227"/>
        <source>The platform refused the comparison.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="228"/>
        <source>The platform&apos;s answer could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="229"/>
        <source>No platform is set up for this terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="230"/>
        <source>Never compared with the platform for this day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="237"/>
        <source>Card terminal: none at this counter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="238"/>
        <source>Card terminal: standalone; compare its printed day report with these figures.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="239"/>
        <source>Card terminal: did not answer (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="240"/>
        <source>Card terminal: its day report was not read for this day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="243"/>
        <source>Card terminal: its day report matches this terminal&apos;s bank-card figures.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="244"/>
        <source>Card terminal: its day report differs from this terminal&apos;s bank-card figures: find the card payments made outside this terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="250"/>
        <source>Only a manager may mark a day reconciled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="252"/>
        <source>This day is marked reconciled already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="253"/>
        <source>Only a manager may accept this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="254"/>
        <location filename="../screens/reconcile.py" line="476"/>
        <source>A manager who accepts this writes a note.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="255"/>
        <source>The day changed meanwhile: reconcile again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="256"/>
        <source>Settlements of this day still wait in the outbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="257"/>
        <source>The platform refused settlements of this day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="258"/>
        <source>Not compared with the platform yet: reconcile first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="259"/>
        <source>The platform reports differences.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="265"/>
        <source>Something went wrong: %1. Try again; if it keeps happening, call the technician.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="305"/>
        <source>Asking the platform and the card terminal…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="342"/>
        <location filename="../screens/reconcile.py" line="352"/>
        <location filename="../screens/reconcile.py" line="355"/>
        <source>not known</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="344"/>
        <source>Settlements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="347"/>
        <source>Paid twice (refund cases)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="351"/>
        <source>Bank-card charges</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="354"/>
        <source>Bank-card refunds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="364"/>
        <source>Not compared yet: press Reconcile with the platform.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="376"/>
        <source>Platform answered at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="377"/>
        <source>The platform&apos;s answer kept from %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="379"/>
        <source>Reconciled by %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="385"/>
        <source>Shown: its last answer, from %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="400"/>
        <source>Differences: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="401"/>
        <source>Differences: none. The platform agrees with this terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="403"/>
        <source>Differences: not known while the platform does not answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="410"/>
        <source>receipt %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="412"/>
        <source>here %1
platform %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="419"/>
        <source>Outbox, this day&apos;s settlements: %1 waiting to be sent, %2 refused by the platform.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="422"/>
        <source>All days: %1 waiting, %2 refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="427"/>
        <source>Everything agrees: the day can be marked reconciled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="431"/>
        <source>A manager may accept this with a note.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="455"/>
        <source>Mark reconciled (manager)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="457"/>
        <source>Mark reconciled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="489"/>
        <source>Mark the day %1 reconciled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="491"/>
        <location filename="../screens/reconcile.py" line="499"/>
        <source>Accept the day %1 as reconciled although: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="472"/>
        <source>Manager&apos;s note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="473"/>
        <source>Why is the day accepted as reconciled?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="516"/>
        <source>Day %1 marked reconciled by %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reconcile.py" line="518"/>
        <source>Accepted by %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReferenceDialog</name>
    <message>
        <location filename="../screens/settlement_dialogs.py" line="137"/>
        <source>Transfer sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_dialogs.py" line="138"/>
        <source>Mark the transfer of %1 as sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_dialogs.py" line="139"/>
        <source>Do this once the bank has made the transfer of %1. The platform is told and shows it as received when the money arrives.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_dialogs.py" line="141"/>
        <source>The bank&apos;s &amp;reference of the transfer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_dialogs.py" line="142"/>
        <source>&amp;Mark sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_dialogs.py" line="143"/>
        <source>Cancel</source>
        <translation type="unfinished">Cancel</translation>
    </message>
    <message>
        <location filename="../screens/settlement_dialogs.py" line="147"/>
        <source>Type the bank&apos;s reference of the transfer.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RefundsPage</name>
    <message>
        <location filename="../screens/refunds.py" line="217"/>
        <location filename="../workspace.py" line="40"/>
        <source>Refunds</source>
        <translation>Refunds</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="220"/>
        <source>Take back a faulty item: scan the item&apos;s own code and photograph the defect.</source>
        <translation>Take back a faulty item: scan the item&apos;s own code and photograph the defect.</translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="28"/>
        <source>Defective</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="29"/>
        <source>Damaged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="30"/>
        <source>Wrong item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="31"/>
        <source>Not as described</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="32"/>
        <source>Missing parts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="33"/>
        <source>Other (say what)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="36"/>
        <source>Stored here, waiting to be sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="37"/>
        <source>Waiting for the seller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="38"/>
        <source>Approved: pay out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="39"/>
        <source>Rejected by the seller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="40"/>
        <source>Refunded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="41"/>
        <source>Refused by the platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="50"/>
        <source>The seller gave no reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="53"/>
        <source>Seller&apos;s note: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="67"/>
        <source>cash from this drawer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="68"/>
        <source>back to the prepaid card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="69"/>
        <source>back to the bank card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="70"/>
        <source>the platform refunds the buyer&apos;s account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="71"/>
        <source>back to each tender that paid, cards first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="75"/>
        <source>cash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="76"/>
        <source>prepaid card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="77"/>
        <source>bank card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="78"/>
        <source>buyer&apos;s account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="83"/>
        <source>each tender&apos;s share is not known</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="91"/>
        <source>Paid in cash at another store: this store may pay back only a small amount in cash. Send the buyer to the store that sold it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="94"/>
        <source>This store has taken as many returns of goods sold elsewhere today as the platform allows. Send the buyer to the store that sold it, or try again tomorrow.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="98"/>
        <source>Returns of goods sold elsewhere would exceed this store&apos;s daily amount. Send the buyer to the store that sold it, or try again tomorrow.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="105"/>
        <source>The platform said: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="110"/>
        <source>That is not an item code. Scan the code of the returned unit (on the receipt or label).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="112"/>
        <source>That is a bank card number, not an item code: it was not sent anywhere. Scan the code of the returned unit; an item code keyed by hand starts with IC.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="115"/>
        <source>No item has this code. Check the code on the receipt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="116"/>
        <source>This unit is already refunded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="117"/>
        <source>This unit already has a refund request open; see the list below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="471"/>
        <source>Request for order %1 put away.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="528"/>
        <source>Give the unit back to the buyer, then press “Unit given back”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="102"/>
        <location filename="../screens/refund_texts.py" line="119"/>
        <source>Outside the merchant&apos;s return window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="120"/>
        <source>This order was never paid; there is nothing to refund.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="121"/>
        <source>This merchant needs at least one photo of the defect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="122"/>
        <source>The platform does not answer and this terminal has no record of the item.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="124"/>
        <source>Choose a reason; &quot;Other&quot; needs a few words.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="125"/>
        <source>One refund covers units of one order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="126"/>
        <source>Not approved yet: only a manager may pay cash before the platform approves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="128"/>
        <source>More than a manager may pay before the platform approves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="129"/>
        <source>This refund is not approved; nothing is paid out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="130"/>
        <source>Open a shift first: cash refunds are counted in the shift.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="131"/>
        <source>Swipe or scan the buyer&apos;s prepaid card first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="132"/>
        <source>This refund is paid out already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="133"/>
        <source>That is not the prepaid card the order was paid with: the money goes back to that card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="136"/>
        <source>Paid with several tenders and their shares are not known: refund at the store that took the payment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="139"/>
        <source>The refund is more than the tenders paid less earlier refunds of this order; check with the platform.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="142"/>
        <source>This refund is not paid out: there is no receipt to print again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="144"/>
        <source>The card terminal did not refund; try again or refund on the card terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="146"/>
        <source>This refund is still open: only a rejected or refused one is put away.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="223"/>
        <source>Scan or type the item code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="224"/>
        <source>Look up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="225"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="232"/>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_payout.py" line="52"/>
        <location filename="../screens/refunds.py" line="241"/>
        <source>Reprint receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="244"/>
        <source>Open and recent refunds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_texts.py" line="59"/>
        <source>Refunded, receipt %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_payout.py" line="53"/>
        <source>Why is it printed again?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_payout.py" line="69"/>
        <source>Receipt %1 printed again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_payout.py" line="72"/>
        <source>Not printed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_payout.py" line="87"/>
        <source>Refunded, but the receipt did not print: %1. Use Reprint receipt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="496"/>
        <source>Buyer %1, reputation %2 (at once from %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="233"/>
        <source>Take photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="234"/>
        <source>Retake</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="235"/>
        <source>Add image files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="236"/>
        <source>Submit refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="237"/>
        <source>New return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="238"/>
        <source>Prepaid card (swipe)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="239"/>
        <source>Pay out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="240"/>
        <source>Manager override</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="242"/>
        <source>Unit given back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="243"/>
        <source>The unit went back to the buyer: take this request off the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="306"/>
        <source>The scan was not used: finish the open window first, then scan again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="357"/>
        <source>No camera: add image files instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="376"/>
        <source>Photos of the defect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="377"/>
        <source>Images (*.jpg *.jpeg *.png *.webp *.bmp)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="447"/>
        <source>Waiting for the seller (terminal %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_payout.py" line="43"/>
        <source>Pay %1 in cash for order %2 before the platform approves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_payout.py" line="80"/>
        <source>The platform refunds the buyer&apos;s account; nothing is paid at the counter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refund_payout.py" line="84"/>
        <source>Refunded %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="493"/>
        <source>Order %1 from %2, paid: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="499"/>
        <source>The platform does not answer: the refund is stored and sent when it is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="501"/>
        <source>This merchant needs a photo of the defect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="504"/>
        <source>Scan the item code of the returned unit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="505"/>
        <source>Photos: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="510"/>
        <source>No camera: image files still work.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="515"/>
        <source>Order %1, %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="518"/>
        <location filename="../screens/refunds.py" line="520"/>
        <source>Pay out: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="522"/>
        <source>The platform does not answer; it is sent automatically when it is back.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Refusals</name>
    <message>
        <location filename="../refusals.py" line="35"/>
        <source>This user is locked after too many wrong PINs until %1. Wait, or ask a manager to unlock it.</source>
        <translation>This user is locked after too many wrong PINs until %1. Wait, or ask a manager to unlock it.</translation>
    </message>
    <message>
        <location filename="../refusals.py" line="37"/>
        <source>This user is locked after too many wrong PINs. Wait, or ask a manager to unlock it.</source>
        <translation>This user is locked after too many wrong PINs. Wait, or ask a manager to unlock it.</translation>
    </message>
    <message numerus="yes">
        <location filename="../refusals.py" line="24"/>
        <source>Wrong PIN. This user is now locked for %n minute(s).</source>
        <translation>
            <numerusform>Wrong PIN. This user is now locked for %n minute.</numerusform>
            <numerusform>Wrong PIN. This user is now locked for %n minutes.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../refusals.py" line="44"/>
        <source>This user cannot sign in. Ask a manager.</source>
        <translation>This user cannot sign in. Ask a manager.</translation>
    </message>
    <message numerus="yes">
        <location filename="../refusals.py" line="27"/>
        <source>Wrong user or PIN. %n attempt(s) left before the user is locked.</source>
        <translation>
            <numerusform>Wrong user or PIN. %n attempt left before the user is locked.</numerusform>
            <numerusform>Wrong user or PIN. %n attempts left before the user is locked.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../refusals.py" line="48"/>
        <source>Unknown user or wrong PIN.</source>
        <translation>Unknown user or wrong PIN.</translation>
    </message>
    <message>
        <location filename="../refusals.py" line="50"/>
        <source>User %1 cannot approve this. A manager must approve.</source>
        <translation>User %1 cannot approve this. A manager must approve.</translation>
    </message>
    <message>
        <location filename="../refusals.py" line="52"/>
        <source>The PIN could not be checked. Try again; if this keeps happening, call the technician.</source>
        <translation>The PIN could not be checked. Try again; if this keeps happening, call the technician.</translation>
    </message>
</context>
<context>
    <name>RemittancesTab</name>
    <message>
        <location filename="../screens/settlement_clearing.py" line="228"/>
        <source>Statement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="228"/>
        <source>Platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="228"/>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="229"/>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="229"/>
        <source>Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="229"/>
        <source>Bank reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="230"/>
        <source>Transfer &amp;sent…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="231"/>
        <source>Mark the selected transfer as sent, with the bank&apos;s reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="232"/>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="277"/>
        <source>No remittance yet: export an accepted statement for the bank first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/settlement_clearing.py" line="283"/>
        <source>Outstanding: %n statement(s), %1 not received by the platform yet.</source>
        <translation>
            <numerusform>Outstanding: %n statement, %1 not received by the platform yet.</numerusform>
            <numerusform>Outstanding: %n statements, %1 not received by the platform yet.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/settlement_clearing.py" line="286"/>
        <source>Every remittance has been received by the platform.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportsTab</name>
    <message>
        <location filename="../screens/reports.py" line="154"/>
        <source>Cash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="154"/>
        <source>Prepaid card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="154"/>
        <source>Bank card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="155"/>
        <source>Back to the buyer&apos;s account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="155"/>
        <source>Split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="158"/>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="159"/>
        <location filename="../screens/reports.py" line="393"/>
        <source>X report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="160"/>
        <source>Close the day (Z)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="161"/>
        <source>The day&apos;s figures so far; nothing is closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="162"/>
        <source>Prints the Z report and closes the business day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="163"/>
        <source>Sales by hour and tender</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="164"/>
        <source>Print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="165"/>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="166"/>
        <source>Export PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="167"/>
        <source>Count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="167"/>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="173"/>
        <source>This day is already closed with a Z report: it is shown as it was printed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="174"/>
        <source>A shift is still open: close it (count the drawer) before the Z report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="175"/>
        <source>That day has not begun yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="176"/>
        <source>Only a manager may close the day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="177"/>
        <source>Choose a day in the calendar.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="178"/>
        <source>Another terminal closed a day at the same moment: try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="185"/>
        <source>The report could not be made: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="242"/>
        <source>Close the day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="243"/>
        <source>Close the business day %1 with a Z report? Its figures are then final and the Z report number is used up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="251"/>
        <source>Close the business day %1 (Z report).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="278"/>
        <source>No Z report is stored for %1. Show its X report, or close the day with a Z report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="291"/>
        <source>Day %1 closed: Z report no. %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="306"/>
        <source>The Z report was printed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="331"/>
        <source>Sales</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="332"/>
        <source>Sales total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="335"/>
        <source>Taken offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="336"/>
        <source>Refunds and voids</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="337"/>
        <source>Refunds total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="339"/>
        <source>Voids</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="341"/>
        <source>Cash in the drawer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="342"/>
        <source>Opening float</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="345"/>
        <source>+ Cash sales</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="346"/>
        <source>− Cash refunds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="347"/>
        <source>− Cash drops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="348"/>
        <source>− Pay-outs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="349"/>
        <source>+ Pay-ins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="350"/>
        <source>Expected cash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="352"/>
        <location filename="../screens/reports.py" line="354"/>
        <source>Counted cash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="352"/>
        <source>not counted yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="356"/>
        <source>Over / short</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="358"/>
        <source>No-sale openings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="359"/>
        <source>Shifts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="362"/>
        <location filename="../screens/reports.py" line="364"/>
        <source>open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="370"/>
        <source>No shift on this day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="371"/>
        <source>Receipts and sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="373"/>
        <location filename="../screens/reports.py" line="375"/>
        <source>Receipt numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="373"/>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="376"/>
        <source>Settlements not sent yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="378"/>
        <source>Settlements needing attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="383"/>
        <source>A shift of this day is still open: its cash is not counted yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/reports.py" line="384"/>
        <source>%n settlement(s) not sent to the platform yet.</source>
        <translation>
            <numerusform>%n settlement not sent to the platform yet.</numerusform>
            <numerusform>%n settlements not sent to the platform yet.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../screens/reports.py" line="385"/>
        <source>%n settlement(s) refused by the platform: see the sync status.</source>
        <translation>
            <numerusform>%n settlement refused by the platform: see the sync status.</numerusform>
            <numerusform>%n settlements refused by the platform: see the sync status.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="391"/>
        <source>Z report no. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="399"/>
        <source>Choose a day, then X report (figures so far) or Close the day (Z).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="448"/>
        <source>Report printed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="455"/>
        <source>The report was not printed: %1. Check the printer (paper, cover), then print again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="473"/>
        <source>Export the report as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="474"/>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="492"/>
        <source>Export the report as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="493"/>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="506"/>
        <source>Saved %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/reports.py" line="512"/>
        <source>The file was not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReprintReasonDialog</name>
    <message>
        <location filename="../screens/receipt_history.py" line="96"/>
        <source>The buyer asked for a copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="97"/>
        <source>The receipt was damaged or unreadable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="98"/>
        <source>For the records (accounting, a return)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="99"/>
        <source>Other (type a note)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="103"/>
        <source>Print a copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="104"/>
        <source>Receipt %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="105"/>
        <source>It prints marked as a copy. Why is it printed again?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="106"/>
        <source>This receipt never printed: it prints as the original. Why is it printed now?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="114"/>
        <source>&amp;Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="115"/>
        <source>&amp;Note (required for Other)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="116"/>
        <source>Print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="117"/>
        <source>Cancel</source>
        <translation type="unfinished">Cancel</translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="145"/>
        <source>Type a short note: why is the copy printed?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/receipt_history.py" line="152"/>
        <source>A scan is not a reason: choose one from the list, or type a note.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResetPinDialog</name>
    <message>
        <location filename="../screens/users.py" line="93"/>
        <source>Reset PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="94"/>
        <source>New PIN for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="95"/>
        <source>The user signs in with this PIN from now on; a lock is lifted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="96"/>
        <source>New &amp;PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="97"/>
        <source>PIN &amp;again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="98"/>
        <source>Set PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="99"/>
        <source>Cancel</source>
        <translation type="unfinished">Cancel</translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="123"/>
        <source>Type the new PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="127"/>
        <source>The two PINs differ. Type them again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SalesChart</name>
    <message>
        <location filename="../sales_chart.py" line="77"/>
        <source>Cash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sales_chart.py" line="77"/>
        <source>Prepaid card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sales_chart.py" line="77"/>
        <source>Bank card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../sales_chart.py" line="109"/>
        <source>No sales in this period</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../screens/settings.py" line="85"/>
        <location filename="../workspace.py" line="43"/>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../screens/settings.py" line="88"/>
        <source>Your language, and where this terminal keeps its settings, data and log.</source>
        <translation>Your language, and where this terminal keeps its settings, data and log.</translation>
    </message>
    <message>
        <location filename="../screens/settings.py" line="100"/>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../screens/settings.py" line="101"/>
        <source>Settings file</source>
        <translation>Settings file</translation>
    </message>
    <message>
        <location filename="../screens/settings.py" line="102"/>
        <source>Data folder</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <location filename="../screens/settings.py" line="103"/>
        <source>Log file</source>
        <translation>Log file</translation>
    </message>
    <message>
        <location filename="../screens/settings.py" line="104"/>
        <source>Automatic (system language)</source>
        <translation>Automatic (system language)</translation>
    </message>
    <message>
        <location filename="../screens/settings.py" line="113"/>
        <source>none: embedded defaults</source>
        <translation>none: embedded defaults</translation>
    </message>
    <message>
        <location filename="../screens/settings.py" line="115"/>
        <source>none: logging to the console</source>
        <translation>none: logging to the console</translation>
    </message>
</context>
<context>
    <name>SettlementPage</name>
    <message>
        <location filename="../screens/settlement.py" line="152"/>
        <location filename="../workspace.py" line="46"/>
        <source>Settlement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement.py" line="155"/>
        <source>What the store owes each platform for a day: compared, accepted, paid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement.py" line="158"/>
        <source>&amp;Platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement.py" line="159"/>
        <source>&amp;Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement.py" line="160"/>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement.py" line="161"/>
        <source>Show the statement again (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement.py" line="162"/>
        <source>Statement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement.py" line="163"/>
        <source>Clearing house</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement.py" line="164"/>
        <source>Remittances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement.py" line="181"/>
        <source>Settlement is not available at this terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement.py" line="361"/>
        <source>Statement %1 accepted: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement.py" line="389"/>
        <source>Exported for the bank (%1) to %2: %3. Make the transfer of %4, then press Transfer sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement.py" line="393"/>
        <source>No PDF: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement.py" line="414"/>
        <source>Transfer of %1 marked sent (reference %2): the platform is told.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement.py" line="428"/>
        <source>Statement %1 sent to the clearing house.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement.py" line="435"/>
        <location filename="../screens/settlement.py" line="450"/>
        <source>No clearing house is set up at this terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement.py" line="438"/>
        <source>Import a clearing-house report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement.py" line="439"/>
        <source>Clearing-house reports (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement.py" line="459"/>
        <source>Report %1 imported: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement.py" line="471"/>
        <source>Save the payment file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement.py" line="472"/>
        <source>Payment files (*.xml)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement.py" line="482"/>
        <source>Payment file of report %1 saved to %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettlementTexts</name>
    <message>
        <location filename="../screens/settlement_texts.py" line="43"/>
        <source>cash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="44"/>
        <source>bank card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="45"/>
        <source>prepaid card</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="50"/>
        <source>Collected: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="51"/>
        <source>Refunds paid out: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="52"/>
        <source>Double payments paid back: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="53"/>
        <source>Voids given back: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="54"/>
        <source>Double payments held</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="55"/>
        <source>Commission</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="60"/>
        <source>%1 × %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="63"/>
        <source>half up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="63"/>
        <source>half to even</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="64"/>
        <source>rounded down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="67"/>
        <source>%1 per order, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="68"/>
        <source>%1 + %2 per order, %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="72"/>
        <source>The store owes the platform %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="74"/>
        <source>The platform owes the store %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="75"/>
        <source>Nothing to settle: the net is zero</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="80"/>
        <source>Sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="81"/>
        <source>Refund paid out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="82"/>
        <source>Double payment paid back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="83"/>
        <source>Void</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="84"/>
        <source>Double payment held</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="91"/>
        <source>order %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="95"/>
        <source>Line differs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="96"/>
        <source>Not recorded by the platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="97"/>
        <source>Not recorded at this terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="98"/>
        <source>Amounts differ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="99"/>
        <source>Contracts differ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="100"/>
        <source>Currencies differ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="101"/>
        <source>Changed after acceptance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="106"/>
        <source>The platform has not recorded this yet: it waits in the outbox (the sync state in the status bar) and is sent by itself once the platform answers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="109"/>
        <source>The platform recorded something this counter has no record of: compare the receipt numbers with the platform and call its support before accepting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="112"/>
        <source>The two sides recorded different amounts: check the receipt against the platform&apos;s record before accepting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="114"/>
        <source>Explained by the differences below; accept only when each of them is understood.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="116"/>
        <source>The terminal&apos;s commission contract differs from the platform&apos;s: update the terminal&apos;s settings or ask the platform which one is current.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="118"/>
        <source>The two sides keep the day in different currencies: nothing can be settled until the platform&apos;s settings are corrected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="120"/>
        <source>This terminal&apos;s records of the day changed after the statement was accepted; the accepted statement stays as it was: settle the change with the platform and find out why the records changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="146"/>
        <source>%1 (accepted, now)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="147"/>
        <source>The figures (accepted, now)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="151"/>
        <source>Commission contract</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="162"/>
        <source>The day is not closed: take its Z report on the Shift page first (on every terminal that worked that day).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="164"/>
        <source>Records of this day still wait in the outbox: let the sync send them, then look again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="166"/>
        <source>The platform refused records of this day: have them checked (the sync state in the status bar).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="168"/>
        <source>The platform&apos;s figures could not be read: look again when it answers, or accept with a note.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="170"/>
        <source>The two sides differ: understand each difference, then accept with a note.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="175"/>
        <source>paid directly by bank transfer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="176"/>
        <source>settled through the clearing house</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="180"/>
        <source>Not sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="181"/>
        <location filename="../screens/settlement_texts.py" line="182"/>
        <location filename="../screens/settlement_texts.py" line="184"/>
        <source>Outstanding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="183"/>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="189"/>
        <source>The payment file is made; the transfer is not marked sent yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="190"/>
        <source>The transfer is marked sent; the platform is told through the outbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="191"/>
        <source>The platform has the store&apos;s notice; it has not seen the money yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="192"/>
        <source>The platform says the money arrived.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="193"/>
        <source>The platform has not seen the money yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="198"/>
        <source>Reconciled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="198"/>
        <source>Differences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="199"/>
        <source>Reconciled: it agrees with this terminal&apos;s statements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="200"/>
        <source>Differences: see below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="204"/>
        <source>Netted other figures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="205"/>
        <source>Not a statement of this terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="206"/>
        <source>Not in the report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="207"/>
        <source>The net is not the sum of the lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="208"/>
        <source>The payment file differs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="213"/>
        <source>The clearing house netted other figures than the statement accepted here: do not pay; ask the clearing house to correct the report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="215"/>
        <source>The report names a statement this terminal has not accepted: do not pay; ask the clearing house which store sent it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="217"/>
        <source>An accepted statement of this day is not in the report (sent late or not received): settle that platform directly for the day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="219"/>
        <source>The report&apos;s net is not the sum of its lines: do not pay; ask the clearing house for a corrected report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="221"/>
        <source>The report&apos;s payment file does not transfer the report&apos;s net (or is missing): do not send it to the bank; ask the clearing house for a corrected report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="230"/>
        <location filename="../screens/settlement_texts.py" line="232"/>
        <source>Only a manager may settle with the platforms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="234"/>
        <source>This statement is accepted already: an accepted statement never changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="235"/>
        <source>The figures changed since they were shown: look at them again, then accept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="236"/>
        <source>Something stands in the way: a manager who accepts anyway writes a note.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="237"/>
        <source>The day is not closed: take its Z report on the Shift page first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="238"/>
        <source>This platform is not set up at this terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="239"/>
        <source>The terminal is busy with this day: try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="241"/>
        <source>Nothing to pay on this statement.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="242"/>
        <source>The platform owes the store on this statement: there is nothing to transfer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="244"/>
        <source>Export the payment file for the bank first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="245"/>
        <source>This transfer is marked sent already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="246"/>
        <source>Type the bank&apos;s reference of the transfer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="247"/>
        <source>The payment file would differ from the one already sent: call the technician.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="249"/>
        <source>The files could not be written to the export folder: check the folder in the settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="251"/>
        <source>The bank accounts in the settings are not valid: have them corrected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="253"/>
        <source>No accepted statement has this number: accept the statement first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="255"/>
        <source>Accept the statement first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="256"/>
        <source>This platform is not settled through the clearing house.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="257"/>
        <source>The clearing house refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="258"/>
        <source>The clearing house does not answer or is not set up: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="259"/>
        <source>This file is not a clearing-house report: nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="260"/>
        <source>The report&apos;s signature does not verify: it was altered. Nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="262"/>
        <source>The clearing house&apos;s key is not set up, so the report cannot be verified: nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="264"/>
        <source>This report is for another store: nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="265"/>
        <source>The report is in another currency: nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="266"/>
        <source>The report covers statements not accepted here yet: accept them first, then import it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="268"/>
        <source>This report was imported already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_texts.py" line="274"/>
        <source>Refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShiftPage</name>
    <message>
        <location filename="../screens/shift.py" line="522"/>
        <location filename="../workspace.py" line="41"/>
        <source>Shift &amp; reports</source>
        <translation>Shift &amp; reports</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="525"/>
        <source>Open and close shifts, count the drawer, close the day and print reports.</source>
        <translation>Open and close shifts, count the drawer, close the day and print reports.</translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="528"/>
        <source>Shift &amp;&amp; cash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="529"/>
        <source>Reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="530"/>
        <source>Reconciliation</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShiftTab</name>
    <message>
        <location filename="../screens/shift.py" line="228"/>
        <source>Opening float</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="229"/>
        <source>+ Cash sales</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="230"/>
        <source>− Cash refunds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="231"/>
        <source>− Cash drops</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="232"/>
        <source>− Pay-outs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="233"/>
        <source>+ Pay-ins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="234"/>
        <location filename="../screens/shift.py" line="381"/>
        <source>Cash the drawer should hold now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="235"/>
        <source>Cash movements in this shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="236"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="236"/>
        <source>Movement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="236"/>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="237"/>
        <source>Reason · by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="238"/>
        <source>Open shift…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="239"/>
        <source>Correct float…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="240"/>
        <source>Take over shift…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="241"/>
        <source>A manager corrects a mistyped float before the first sale.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="242"/>
        <source>Cash drop…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="243"/>
        <source>Pay-out…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="244"/>
        <source>Pay-in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="245"/>
        <source>No sale…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="246"/>
        <source>Close shift…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="247"/>
        <source>Print X report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="248"/>
        <source>A manager approves pay-outs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="252"/>
        <source>Cash drop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="252"/>
        <source>Pay-out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="252"/>
        <source>Pay-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="253"/>
        <source>No sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="260"/>
        <source>A shift is already open at this terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="261"/>
        <source>No shift is open at this terminal: open one first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="262"/>
        <source>Type an amount of more than zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="263"/>
        <source>Give a reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="264"/>
        <source>The drawer should hold only %1: take out less.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="266"/>
        <source>That note or coin is not counted at this terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="267"/>
        <source>Counts are whole numbers of 0 or more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="268"/>
        <source>The float counted by denomination does not match the amount typed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="269"/>
        <source>The difference is above the limit: a manager must approve the close.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="270"/>
        <source>Only a manager may approve this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="271"/>
        <source>Write a note on the difference before closing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="272"/>
        <source>Sign in first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="273"/>
        <source>The business days %1 and %2 are closed already. A new shift opens from %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="276"/>
        <location filename="../screens/shift_open.py" line="60"/>
        <source>A float of %1 is more than the %2 a drawer may start with. Count it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="279"/>
        <source>A float of %1 is more than the usual %2: confirm the amount.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="282"/>
        <source>The shift has taken a sale already: the float can no longer be corrected. Count the difference at the close.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="284"/>
        <source>The float is that amount already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="285"/>
        <source>This shift is yours already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="291"/>
        <source>Something went wrong: %1. Try again; if it keeps happening, call the technician.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="335"/>
        <source>%1, approved by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="348"/>
        <source>No shift is open at this terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="348"/>
        <source>Reading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="360"/>
        <source>Business day %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="362"/>
        <source>Sales go into this shift for %1 only: take it over to sell in it, or close it and open your own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="365"/>
        <source>Taken over by %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="380"/>
        <source>Blind close: the expected cash shows after your count.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="398"/>
        <source>Count the cash you put in the drawer and open a shift to take payments.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="357"/>
        <source>Shift open since %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="358"/>
        <source>Opened by %1 on %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="367"/>
        <source>No-sale openings: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="400"/>
        <source>The business days %1 and %2 are closed. A new shift opens from %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="402"/>
        <source>The business day %1 is closed (Z %2). A shift opened now counts to the next business day, %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="411"/>
        <source>the drawer is exact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="413"/>
        <source>%1 over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="415"/>
        <source>%1 short</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="416"/>
        <source>Last shift: %1–%2, closed by %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="418"/>
        <source>Counted %1, expected %2: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="421"/>
        <source>Approved by %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift_open.py" line="66"/>
        <source>Unusual float</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift_open.py" line="67"/>
        <source>A float of %1 is more than the usual %2. Is %1 really in the drawer?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift_open.py" line="72"/>
        <source>Yes, %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift_open.py" line="74"/>
        <source>No, count again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift_open.py" line="78"/>
        <source>Not opened: count the float again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift_open.py" line="86"/>
        <source>Shift open with a float of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift_open.py" line="90"/>
        <source>The business day %1 is closed: this shift counts to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift_open.py" line="101"/>
        <source>Take over the shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift_open.py" line="102"/>
        <source>Take over %1&apos;s shift? Your sales go into it from now on, with its drawer and float; this is recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift_open.py" line="107"/>
        <source>Take over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift_open.py" line="108"/>
        <source>Cancel</source>
        <translation type="unfinished">Cancel</translation>
    </message>
    <message>
        <location filename="../screens/shift_open.py" line="123"/>
        <source>You took over %1&apos;s shift: your sales go into it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift_open.py" line="148"/>
        <source>Correct the opening float from %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift_open.py" line="163"/>
        <source>Opening float corrected from %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="472"/>
        <source>Pay out %1 from the drawer: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="488"/>
        <source>Drawer opened for no sale; recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="489"/>
        <source>No sale recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="491"/>
        <source>%1 of %2 recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="493"/>
        <source>%1 of %2 recorded. The drawer should now hold %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift.py" line="496"/>
        <source>The drawer did not open (%1): open it with its key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift_close.py" line="62"/>
        <source>Blind count: type how many of each note and coin are in the drawer. The expected cash shows after the count.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift_close.py" line="90"/>
        <source>Your count against the expected cash. The count stays as typed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift_close.py" line="94"/>
        <location filename="../screens/shift_close.py" line="105"/>
        <source>Not closed: a manager must approve a difference above the limit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift_close.py" line="117"/>
        <source>Close the shift %1 over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift_close.py" line="119"/>
        <source>Close the shift %1 short.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/shift_close.py" line="154"/>
        <source>Shift closed. Print the X report for the day now?</source>
        <translation type="unfinished"></translation>
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
    <name>StatementTab</name>
    <message>
        <location filename="../screens/settlement_statement.py" line="186"/>
        <source>Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="186"/>
        <location filename="../screens/settlement_statement.py" line="188"/>
        <source>This terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="186"/>
        <location filename="../screens/settlement_statement.py" line="189"/>
        <source>Platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="187"/>
        <source>Effect on the net</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="188"/>
        <source>Difference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="188"/>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="189"/>
        <source>What to do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="190"/>
        <source>&amp;Accept…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="192"/>
        <source>E&amp;xport for the bank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="193"/>
        <source>Transfer &amp;sent…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="194"/>
        <source>Mark the transfer as sent, with the bank&apos;s reference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="195"/>
        <source>Send to the &amp;clearing house</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="218"/>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="220"/>
        <source>not known</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="232"/>
        <source>Route: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="236"/>
        <source>No statement shown yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="237"/>
        <source>Differences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="254"/>
        <source>Nothing moved money for this platform on this day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="260"/>
        <source>The platform&apos;s figures give the same net.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="261"/>
        <source>The platform&apos;s figures give: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="264"/>
        <source>The platform&apos;s figures could not be read; look again when it answers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="266"/>
        <source>The platform&apos;s figures are not known.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="268"/>
        <source>An accepted statement never changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="271"/>
        <source>Differences: not known while the platform&apos;s figures are missing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="274"/>
        <source>Differences: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="276"/>
        <source>Differences: none. The platform agrees with this terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="287"/>
        <source>Not ready to accept: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="318"/>
        <source>Accepted as %1 on %2 by %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="321"/>
        <source>Not accepted yet. Accepting gives it the number %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/settlement_statement.py" line="322"/>
        <source>Not accepted yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../status_bar.py" line="205"/>
        <source>Platform: unknown</source>
        <translation>Platform: unknown</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="207"/>
        <source>Platform: checking…</source>
        <translation>Platform: checking…</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="209"/>
        <source>Platform online</source>
        <translation>Platform online</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="211"/>
        <source>Platform offline</source>
        <translation>Platform offline</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="221"/>
        <source>%1: unknown (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="224"/>
        <source>%1: checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="226"/>
        <source>%1: online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="229"/>
        <source>%1: offline, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="232"/>
        <source>Platforms offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="234"/>
        <source>%1 offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="236"/>
        <source>Platforms: checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="238"/>
        <source>Platforms online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="244"/>
        <source>Sync: unknown</source>
        <translation>Sync: unknown</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="246"/>
        <source>Sync: checking…</source>
        <translation>Sync: checking…</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="250"/>
        <source>All sent</source>
        <translation>All sent</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="248"/>
        <source>Nothing is waiting to be sent to the platform.</source>
        <translation>Nothing is waiting to be sent to the platform.</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="140"/>
        <source>the printer&apos;s state could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../status_bar.py" line="252"/>
        <source>%n message(s) waiting to be sent to the platform.</source>
        <translation>
            <numerusform>%n message waiting to be sent to the platform.</numerusform>
            <numerusform>%n messages waiting to be sent to the platform.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../status_bar.py" line="255"/>
        <source>The oldest has waited %n minute(s).</source>
        <translation>
            <numerusform>The oldest has waited %n minute.</numerusform>
            <numerusform>The oldest has waited %n minutes.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="259"/>
        <source>Last error: %1</source>
        <translation>Last error: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../status_bar.py" line="257"/>
        <source>%n message(s) refused by the platform need a manager.</source>
        <translation>
            <numerusform>%n message refused by the platform needs a manager.</numerusform>
            <numerusform>%n messages refused by the platform need a manager.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="271"/>
        <source>Last sent to the platform: %1</source>
        <translation>Last sent to the platform: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../status_bar.py" line="262"/>
        <source>%n to send</source>
        <translation>
            <numerusform>%n to send</numerusform>
            <numerusform>%n to send</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="275"/>
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
        <location filename="../texts.py" line="110"/>
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
    <message>
        <location filename="../texts.py" line="67"/>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="76"/>
        <location filename="../texts.py" line="191"/>
        <source>Keyboard wedge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="77"/>
        <source>Simulated scan (demo)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="78"/>
        <source>Serial scanner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="79"/>
        <location filename="../texts.py" line="192"/>
        <source>Camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="80"/>
        <source>Video file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="81"/>
        <location filename="../texts.py" line="191"/>
        <source>Keyboard wedge (evdev)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="85"/>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="92"/>
        <source>simulated (demo)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="93"/>
        <source>keyboard wedge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="94"/>
        <source>standalone, keyed in by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="95"/>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="106"/>
        <source>a simulated device of the demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="107"/>
        <source>scans arrive as key presses in this window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="108"/>
        <source>not set up in the settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="109"/>
        <source>no card terminal is set up in the settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="111"/>
        <source>connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="112"/>
        <source>opens through the printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="114"/>
        <source>standalone card terminal: charge on it, then key in its approval code and the card&apos;s last four digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="119"/>
        <source>paper end: load paper</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="120"/>
        <source>cover open: close the cover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="121"/>
        <source>the printer is offline: check its error light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="122"/>
        <source>no answer from the printer: check that it is on and not jammed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="127"/>
        <source>the drawer opens through the printer, which is not usable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="129"/>
        <source>could not be opened: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="130"/>
        <source>could not be started: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="133"/>
        <location filename="../texts.py" line="165"/>
        <source>technical detail: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="141"/>
        <source>The platform is set to the sandbox but none is running: `pos-terminal demo` starts one; or run `pos-terminal sandbox` and set `[platform] base_url`.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="144"/>
        <source>No platform is set up: sales are kept here and not sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="146"/>
        <source>The platform does not answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="149"/>
        <source>Platform `%1` is set to a sandbox but none is running: `pos-terminal demo` starts one; or run `pos-terminal sandbox --platform-id %1` and set its `base_url`.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="154"/>
        <source>The sandbox of platform `%1` has no terminal %2: put this terminal&apos;s secret for it in [issuer_secrets] of the credentials file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="158"/>
        <source>The sandbox has no terminal %1: use store `demo-store` and terminal T01 or T02, or put its secret in the credentials file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="162"/>
        <source>%1 answers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="164"/>
        <source>The platform check failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="180"/>
        <source>Enter key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="180"/>
        <source>Tab key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="181"/>
        <source>US English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="181"/>
        <source>German</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="181"/>
        <source>French</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="181"/>
        <source>UK English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="182"/>
        <source>None (N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="182"/>
        <source>Even (E)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="182"/>
        <source>Odd (O)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="182"/>
        <source>Mark (M)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="183"/>
        <source>Space (S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="184"/>
        <source>Hardware (RTS/CTS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="184"/>
        <source>Software (XON/XOFF)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="185"/>
        <source>Both (ZXing, then pyzbar)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="186"/>
        <source>Text (GB18030)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="186"/>
        <source>Printed as an image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="187"/>
        <source>Sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="187"/>
        <source>Remote platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="190"/>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="190"/>
        <source>Custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="190"/>
        <source>Simulated (demo)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="191"/>
        <source>Serial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="192"/>
        <source>Network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="192"/>
        <source>Through the printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="193"/>
        <source>Standalone, keyed in by hand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../texts.py" line="201"/>
        <source>Damaged in transport</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <location filename="../screens/users.py" line="233"/>
        <location filename="../workspace.py" line="45"/>
        <source>Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="236"/>
        <source>Who may sign in at this terminal. Every change is recorded with your name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="239"/>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="239"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="239"/>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="239"/>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="240"/>
        <source>Last sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="241"/>
        <source>Reset &amp;PIN…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="242"/>
        <source>&amp;Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="243"/>
        <source>Add a user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="244"/>
        <source>User &amp;number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="245"/>
        <source>e.g. 1002</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="246"/>
        <source>&amp;Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="247"/>
        <source>&amp;Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="248"/>
        <source>P&amp;IN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="249"/>
        <source>PIN a&amp;gain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="250"/>
        <source>&amp;Add user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="261"/>
        <source>Disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="264"/>
        <source>Locked until %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="265"/>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="269"/>
        <source>User %1 exists already. Choose another user number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="273"/>
        <source>A PIN is at least %1 digits, digits only, and not one digit repeated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="275"/>
        <source>Only a manager can change users.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="279"/>
        <source>A user number is 1 to 64 letters or digits (also . _ -).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="280"/>
        <source>A name has at most 128 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="281"/>
        <source>Choose a role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="282"/>
        <source>User %1 is not on this terminal any more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="283"/>
        <source>You cannot disable your own account; another manager can.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="284"/>
        <source>%1 is the last active manager. Add or enable another manager first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="289"/>
        <source>The change was not saved. Try again; if this keeps happening, call the technician.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="346"/>
        <source>&amp;Enable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="346"/>
        <source>&amp;Disable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="359"/>
        <source>User %1 added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="359"/>
        <source>The PIN of %1 is set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="360"/>
        <source>User %1 unlocked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="360"/>
        <source>User %1 disabled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="361"/>
        <source>User %1 enabled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="381"/>
        <source>Type the new user&apos;s number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/users.py" line="385"/>
        <source>The two PINs differ. Type them again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
