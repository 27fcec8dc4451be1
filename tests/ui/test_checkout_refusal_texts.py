"""The checkout's refusal texts (ui/screens/checkout/refusal_texts.py) are pure functions: an
error in, the cashier's text out, with no page, widget or application needed (English: no
translator is installed here)."""

from __future__ import annotations

from pos_terminal.domain.errors import AlreadyPaid, NoOpenShift
from pos_terminal.scan_codes import ScanKind
from pos_terminal.services.checkout import CheckoutRefused
from pos_terminal.services.orders import PaymentCodeRefused
from ui.screens.checkout.refusal_texts import (
    claim_lost_text,
    is_unexpected,
    printer_cause,
    refusal_text,
    scan_kind_text,
    still_pending_text,
)


def test_a_code_that_is_not_a_payment_code_says_what_it_is():
    exc = PaymentCodeRefused("not_a_payment_code", "not a payment code", kind="item_code")
    assert refusal_text(exc) == scan_kind_text(ScanKind.ITEM_CODE)
    assert "Refunds page" in refusal_text(exc)
    odd = PaymentCodeRefused("not_a_payment_code", "not a payment code", kind="no such kind")
    assert refusal_text(odd) == scan_kind_text(ScanKind.UNKNOWN)


def test_an_order_claimed_elsewhere_names_the_counter():
    exc = PaymentCodeRefused("order_claimed", "claimed", store_id="S2", terminal_id="T9")
    assert "(S2/T9)" in refusal_text(exc)
    assert "(S2/T9)" in claim_lost_text({"cause": "order_claimed", "store_id": "S2", "terminal_id": "T9"})
    assert claim_lost_text({}).startswith("The platform no longer holds this order")


def test_a_short_prepaid_balance_is_said_in_the_order_currency():
    exc = CheckoutRefused("prepaid_balance_short", "short", card="****1234", balance_minor=1250)
    assert refusal_text(exc, "CNY") == ("Prepaid card ****1234 holds only ¥12.50. Take that amount and the rest "
                                        "another way.")


def test_already_paid_here_names_the_receipt():
    exc = AlreadyPaid("paid", where="here", receipt_no=42)
    assert refusal_text(exc) == "This order was already paid at this terminal (receipt 000042). Do not take money twice."
    assert "online" in refusal_text(AlreadyPaid("paid", where="online"))


def test_no_open_shift_is_only_words_here():
    """The page turns to the shift view itself; the text function changes nothing."""
    assert refusal_text(NoOpenShift("no shift")).startswith("No shift is open")


def test_an_unknown_reason_falls_back_to_the_core_message():
    assert refusal_text(CheckoutRefused("something_new", "The core explains it.")) == "The core explains it."


def test_an_unexpected_error_asks_for_the_technician_if_it_repeats():
    exc = RuntimeError("database is locked")
    assert is_unexpected(exc) and not is_unexpected(NoOpenShift("x"))
    assert refusal_text(exc) == ("Something went wrong: database is locked. Try again; if it keeps happening, call "
                                 "the technician.")


def test_printer_faults_are_told_in_the_cashiers_words():
    assert printer_cause("paper end (DLE EOT 4)") == "paper end: load paper"
    assert printer_cause("jammed gear") == "jammed gear"
    assert printer_cause(None) == "the printer did not confirm it"
    assert still_pending_text(7, "cover open") == ("Receipt 000007 was NOT printed and is still pending: cover open: "
                                                  "close the cover. Fix the printer, then press F9 to print the "
                                                  "original.")
