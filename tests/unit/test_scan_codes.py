"""Classifying a scan (pos_terminal.scan_codes): pure, every form the counter meets."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from pos_terminal.scan_codes import ScanKind, classify
from sync.sandbox.signing import mint_voucher, new_private_key

NOW = datetime(2026, 11, 22, 2, 0, tzinfo=timezone.utc)


def _voucher() -> str:
    private, _ = new_private_key()
    return mint_voucher(private, "K0001", voucher_id="v1", order_no="PO000000001001", merchant_id="m-tea",
                        merchant_name="好物商城", amount_minor=3380, currency="CNY", summary="乌龙茶×2",
                        issued_at=NOW, expires_at=NOW + timedelta(days=1))


def test_a_voucher_is_a_voucher_even_with_whitespace_around():
    code = classify("  " + _voucher() + "\r\n")
    assert code.kind is ScanKind.VOUCHER and code.is_payment_code
    assert "PO0000" not in repr(code)  # never the whole voucher in a repr


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:8700/o/AbC_d-123456",
    "https://shop.example.com/o/AbC_d-123456/",
    "https://shop.example.com/s/prefix/o/AbCd1234?utm=sms",
])
def test_order_links_from_any_host(url):
    code = classify(url)
    assert code.kind is ScanKind.ORDER_URL and code.value == url


def test_a_web_link_that_is_not_an_order_says_so():
    code = classify("https://example.com/products/12")
    assert code.kind is ScanKind.UNKNOWN and "not an order link" in code.detail


@pytest.mark.parametrize("text, kind, value", [
    ("PO000000001001", ScanKind.ORDER_NUMBER, "PO000000001001"),
    ("po000000001001", ScanKind.ORDER_NUMBER, "PO000000001001"),
    ("IC0000000010010001", ScanKind.ITEM_CODE, "IC0000000010010001"),
    ("8800000000000001", ScanKind.PREPAID_CARD, "8800000000000001"),
    (";8800000000000001=4912101?", ScanKind.PREPAID_CARD, "8800000000000001"),
    ("%B8800000000000001^WANG/FANG^4912?", ScanKind.PREPAID_CARD, "8800000000000001"),
    ("6901234567892", ScanKind.PRODUCT_BARCODE, "6901234567892"),  # EAN-13
    ("036000291452", ScanKind.PRODUCT_BARCODE, "036000291452"),  # UPC-A
    ("PO00000000100", ScanKind.UNKNOWN, "PO00000000100"),  # 11 digits
    ("6901234567893", ScanKind.UNKNOWN, "6901234567893"),  # bad check digit
])
def test_forms(text, kind, value):
    code = classify(text)
    assert (code.kind, code.value) == (kind, value)


def test_track_data_is_reduced_to_the_number_and_masked_in_repr():
    code = classify(";8800000000000001=4912101?")
    assert "=" not in code.value and repr(code) == "ScanCode(prepaid_card, '************0001')"


def test_a_product_barcode_is_told_apart_from_an_order():
    assert classify("6901234567892").detail == "a product barcode, not an order"


def test_foreign_track_data_keeps_nothing():
    code = classify(";4111111111111111=2512?")
    assert code.kind is ScanKind.UNKNOWN and code.value == ""


@pytest.mark.parametrize("text", ["", "   ", "hello", "eyJ.x.y"])
def test_unknown(text):
    assert classify(text).kind is ScanKind.UNKNOWN
