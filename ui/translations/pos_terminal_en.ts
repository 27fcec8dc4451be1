<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>CheckoutPage</name>
    <message>
        <location filename="../screens/checkout.py" line="10"/>
        <source>Checkout</source>
        <translation>Checkout</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="13"/>
        <source>Scan the buyer&apos;s payment code or order number, then take the payment.</source>
        <translation>Scan the buyer&apos;s payment code or order number, then take the payment.</translation>
    </message>
    <message>
        <location filename="../screens/checkout.py" line="16"/>
        <source>Coming next: the scanned order with its items and total, and cash, prepaid-card and bank-card payment with a printed receipt.</source>
        <translation>Coming next: the scanned order with its items and total, and cash, prepaid-card and bank-card payment with a printed receipt.</translation>
    </message>
</context>
<context>
    <name>DevicesPage</name>
    <message>
        <location filename="../screens/devices.py" line="274"/>
        <location filename="../screens/devices.py" line="309"/>
        <source>Check the settings: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="281"/>
        <source>Opening the scanner…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="295"/>
        <source>The scanner is working. Scan a code to see it below; save to keep this setting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="297"/>
        <source>The scanner could not be opened: %1. It keeps trying in the background.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="303"/>
        <source>The scanner could not be started: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="322"/>
        <source>Saved to %1. Press Apply to use it now if you have not.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="326"/>
        <source>Not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="337"/>
        <source>The scanner at the counter is not the simulated one: press Apply first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="345"/>
        <source>Looking for devices…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="349"/>
        <source>Could not list the devices: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="370"/>
        <source>Camera: %1 frames per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="374"/>
        <source>Camera: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="407"/>
        <source>Serial ports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="408"/>
        <source>Cameras</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="409"/>
        <source>Input devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="410"/>
        <source>USB printers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="411"/>
        <source>Network printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="420"/>
        <source>%1 found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="426"/>
        <source>%1 devices found. Choose one on the Scanner tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="443"/>
        <source>Devices</source>
        <translation>Devices</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="446"/>
        <source>Choose the counter&apos;s scanner, try it with a live readout, and save it to the settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="449"/>
        <source>Scanner</source>
        <translation type="unfinished">Scanner</translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="450"/>
        <source>Found on this machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="451"/>
        <source>Scanner type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="453"/>
        <source>Simulated (demo)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="454"/>
        <source>USB keyboard wedge (in this window)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="455"/>
        <source>USB keyboard wedge (grabbed, Linux evdev)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="456"/>
        <source>Serial scanner (RS-232 / USB-CDC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="457"/>
        <source>Webcam</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="462"/>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="463"/>
        <source>Baud rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="464"/>
        <source>Data bits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="465"/>
        <source>Parity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="466"/>
        <source>Stop bits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="467"/>
        <source>Flow control</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="468"/>
        <source>Suffix (end of a scan)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="469"/>
        <source>Custom suffix</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="470"/>
        <source>Idle gap ending a scan (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="471"/>
        <source>Prefix to strip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="472"/>
        <source>AIM symbology identifiers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="473"/>
        <source>Camera (index, device or video file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="474"/>
        <source>Decoder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="475"/>
        <source>Width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="476"/>
        <source>Height</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="477"/>
        <source>Same code again counts after (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="478"/>
        <source>Longest gap between scanner keys (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="479"/>
        <source>Shortest scan (characters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="480"/>
        <source>Terminator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="481"/>
        <source>Custom terminator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="482"/>
        <source>Scanner keyboard layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="487"/>
        <source>Input device (name, vendor:product or path)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="488"/>
        <source>The demo scanner: type a code and send it, as if it had been scanned.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="489"/>
        <source>Code to scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="490"/>
        <source>Send as a scan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="491"/>
        <source>Scans typed faster than the gap above never reach the field that has focus; people typing are not affected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="492"/>
        <source>Apply and test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="493"/>
        <source>Save to settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="494"/>
        <source>Scans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="495"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="495"/>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="495"/>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="495"/>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="495"/>
        <source>Latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="496"/>
        <source>Look again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="498"/>
        <source>Camera preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../screens/devices.py" line="502"/>
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
    <name>RefundsPage</name>
    <message>
        <location filename="../screens/refunds.py" line="10"/>
        <source>Refunds</source>
        <translation>Refunds</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="13"/>
        <source>Take back a faulty item: scan the item&apos;s own code and photograph the defect.</source>
        <translation>Take back a faulty item: scan the item&apos;s own code and photograph the defect.</translation>
    </message>
    <message>
        <location filename="../screens/refunds.py" line="16"/>
        <source>Coming next: refund intake by item code, a photo of the defect, and the platform&apos;s answer (refunded at once, or waiting for the seller).</source>
        <translation>Coming next: refund intake by item code, a photo of the defect, and the platform&apos;s answer (refunded at once, or waiting for the seller).</translation>
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
        <location filename="../status_bar.py" line="136"/>
        <source>Platform: unknown</source>
        <translation>Platform: unknown</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="138"/>
        <source>Platform: checking…</source>
        <translation>Platform: checking…</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="140"/>
        <source>Platform online</source>
        <translation>Platform online</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="142"/>
        <source>Platform offline</source>
        <translation>Platform offline</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="148"/>
        <source>Sync: unknown</source>
        <translation>Sync: unknown</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="150"/>
        <source>Sync: checking…</source>
        <translation>Sync: checking…</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="152"/>
        <source>All sent</source>
        <translation>All sent</translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="152"/>
        <source>Nothing is waiting to be sent to the platform.</source>
        <translation>Nothing is waiting to be sent to the platform.</translation>
    </message>
    <message numerus="yes">
        <location filename="../status_bar.py" line="154"/>
        <source>%n message(s) waiting to be sent to the platform.</source>
        <translation>
            <numerusform>%n message waiting to be sent to the platform.</numerusform>
            <numerusform>%n messages waiting to be sent to the platform.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../status_bar.py" line="157"/>
        <source>The oldest has waited %n minute(s).</source>
        <translation>
            <numerusform>The oldest has waited %n minute.</numerusform>
            <numerusform>The oldest has waited %n minutes.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="159"/>
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
        <location filename="../status_bar.py" line="175"/>
        <source>Last sent to the platform: %1</source>
        <translation>Last sent to the platform: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../status_bar.py" line="161"/>
        <source>%n to send</source>
        <translation>
            <numerusform>%n to send</numerusform>
            <numerusform>%n to send</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../status_bar.py" line="165"/>
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
