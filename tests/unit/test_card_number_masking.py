"""Issue 11, section 6: a card number keyed where it does not belong is masked before it is stored,
logged or sent (PCI DSS style: only the last four digits are kept, as "[card ****1111]"), and the
refund screen's item-code field refuses it instead of asking the platform for IC<number>."""

from __future__ import annotations

import pytest

from pos_terminal.scan_codes import ScanKind, classify
from pos_terminal.security import looks_like_card_number, luhn_ok, mask_card_numbers
from pos_terminal.services.refunds import RefundRefused, item_code_of

# Test numbers the card schemes publish (all pass Luhn).
VISA, MASTERCARD, AMEX, UNIONPAY_19 = "4111111111111111", "5555555555554444", "378282246310005", "6212345678901234569"
VISA_13 = "4222222222222"


def test_luhn():
    assert luhn_ok(VISA) and luhn_ok(AMEX) and luhn_ok(UNIONPAY_19) and luhn_ok(VISA_13)
    assert not luhn_ok("4111111111111112") and not luhn_ok("") and not luhn_ok("41x1")


@pytest.mark.parametrize("typed, stored", [
    (VISA, "[card ****1111]"),
    ("4111 1111 1111 1111", "[card ****1111]"),
    ("4111-1111-1111-1111", "[card ****1111]"),
    (AMEX, "[card ****0005]"),
    ("3782 822463 10005", "[card ****0005]"),
    (UNIONPAY_19, "[card ****4569]"),
    (VISA_13, "[card ****2222]"),
    ("other: buyer paid with card 4111 1111 1111 1111, wants cash", "other: buyer paid with card [card ****1111], wants cash"),
    ("cards 4111111111111111 and 5555-5555-5555-4444", "cards [card ****1111] and [card ****4444]"),
    ("4111 1111 1111 1111 12/27", "[card ****1111] 12/27"),
    ("4111 1111 1111 1111 1227", "[card ****1111] 1227"),  # an expiry keyed in the same run
    ("卡号4111111111111111退款", "卡号[card ****1111]退款"),
    ("４１１１１１１１１１１１１１１１", "[card ****１１１１]"),  # full-width digits from an input method
])
def test_card_numbers_keep_only_their_last_four_digits(typed, stored):
    assert mask_card_numbers(typed) == stored
    digits = "".join(ch for ch in typed if ch.isdigit())
    assert digits[:-4] not in mask_card_numbers(typed) or len(digits) < 13


@pytest.mark.parametrize("text", [
    "receipt 1234 lost", "order PO000000001001", "IC0000000010010001", "4111111111111112",  # Luhn fails
    "411111111111", "2026-12-02 11:04", "call 138 0013 8000", "paid 12,500.00", "0000000000000000",
    "41111111111111111111",  # 20 digits in one piece: no card number has 20
    "IC4111111111111111",  # an item code whose digits pass Luhn (one in ten do) is an item code
    "", "broken screen",
])
def test_other_text_is_left_as_typed(text):
    assert mask_card_numbers(text) == text


def test_none_stays_none():
    assert mask_card_numbers(None) is None


def test_looks_like_card_number_is_about_the_whole_text():
    assert looks_like_card_number(" 4111 1111 1111 1111 ") and looks_like_card_number("5555-5555-5555-4444")
    assert not looks_like_card_number("card 4111111111111111")
    assert not looks_like_card_number("8800000000000001")  # the demo's prepaid cards fail Luhn
    assert not looks_like_card_number(None)


def test_a_scanned_card_number_is_unknown_and_masked():
    for text in (VISA, "4111 1111 1111 1111", AMEX):
        code = classify(text)
        assert code.kind is ScanKind.UNKNOWN and code.is_card_number
        assert code.value.startswith("[card ****") and VISA not in repr(code) and AMEX not in repr(code)
        assert "bank card" in code.detail
    odd = classify("note " + VISA)
    assert odd.kind is ScanKind.UNKNOWN and VISA not in odd.value and not odd.is_card_number


def test_prepaid_cards_and_product_barcodes_are_what_they_were():
    assert classify("8800000000000001").kind is ScanKind.PREPAID_CARD
    assert classify(";8800000000000002=4912?").value == "8800000000000002"
    luhn_prepaid = "8800000000000013"
    assert luhn_ok(luhn_prepaid) and classify(luhn_prepaid).kind is ScanKind.PREPAID_CARD
    assert classify("6901234567892").kind is ScanKind.PRODUCT_BARCODE  # EAN-13 that also passes Luhn


@pytest.mark.parametrize("typed", [VISA, "4111 1111 1111 1111", "4111-1111-1111-1111", AMEX, UNIONPAY_19])
def test_the_item_code_field_refuses_a_card_number(typed):
    """Before: 16 bare digits became IC<number> and went to the platform's item look-up."""
    with pytest.raises(RefundRefused) as e:
        item_code_of(typed)
    assert e.value.reason == "card_number"
    assert "4111" not in e.value.message and "IC" in e.value.message
    assert all(VISA not in str(v) for v in e.value.params.values())


def test_the_item_code_field_still_takes_item_codes_and_refuses_prepaid_cards_as_before():
    assert item_code_of("IC4111111111111111") == "IC4111111111111111"  # keyed with its prefix: an item code
    assert item_code_of("0000000010010001") == "IC0000000010010001"
    with pytest.raises(RefundRefused) as e:
        item_code_of("8800000000000001")
    assert e.value.reason == "wrong_kind"
