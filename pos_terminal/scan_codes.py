"""What a scanned text is, before anything else looks at it (pure: no I/O).

The forms accepted, in the order they are tried:
- voucher: a JWS whose header names the pos-voucher type (pos_terminal.vouchers.looks_like_voucher);
- order URL: http(s)://ANY-HOST[:port][/prefix]/o/TOKEN (the customer page the platform links to
  by SMS or e-mail; any host is accepted here, the platform decides whether the link is its own);
- order number: ORDER_NO_PATTERN (PO and 12 digits, as the platform issues them);
- item code: ITEM_CODE_PATTERN (IC and 16 digits: the order number's digits and a unit number);
- prepaid card: CARD_PATTERN (88 and 14 digits), bare or inside magnetic-stripe track text such as
  `;8800000000000001=4912?` or `%B8800000000000001^NAME^...?`. Only the number is kept: the track
  text is dropped and never reaches a log or the database;
- product barcode: EAN-13, UPC-A or EAN-8 digits with a valid check digit (a product, not an order);
- unknown: anything else. A bank card number (pos_terminal.security.looks_like_card_number) is
  unknown too, and its value keeps only the last four digits, as does any card number inside
  other unknown text.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from pos_terminal.security import looks_like_card_number, mask_card_numbers
from pos_terminal.vouchers import looks_like_voucher

ORDER_NO_PATTERN = r"PO\d{12}"
ITEM_CODE_PATTERN = r"IC\d{16}"
CARD_PATTERN = r"88\d{14}"

_ORDER_NO = re.compile(rf"^{ORDER_NO_PATTERN}$")
_ITEM_CODE = re.compile(rf"^{ITEM_CODE_PATTERN}$")
_CARD = re.compile(rf"^{CARD_PATTERN}$")
_ORDER_URL = re.compile(r"^https?://[A-Za-z0-9.\-\[\]:]+(?:/[^\s?#]*)?/o/([A-Za-z0-9_-]{4,128})/?(?:[?#]\S*)?$")
_TRACK2 = re.compile(rf"^;({CARD_PATTERN})=[0-9]*\?.?$")
_TRACK1 = re.compile(rf"^%B({CARD_PATTERN})\^[^?]*\?.?$")
_DIGITS = re.compile(r"^\d+$")
CARD_NUMBER_DETAIL = ("a bank card number: this terminal never takes one typed or scanned; bank cards are paid "
                      "on the card terminal")


class ScanKind(str, enum.Enum):
    VOUCHER = "voucher"
    ORDER_URL = "order_url"
    ORDER_NUMBER = "order_number"
    ITEM_CODE = "item_code"
    PREPAID_CARD = "prepaid_card"
    PRODUCT_BARCODE = "product_barcode"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class ScanCode:
    kind: ScanKind
    value: str  # the code itself: voucher text, URL, order number, item code, card number, digits
    detail: str = ""  # English text for the cashier when the code is not what the screen wants

    @property
    def is_card_number(self) -> bool:
        """A bank card's number (masked in `value`): never looked up, stored or sent."""
        return self.kind is ScanKind.UNKNOWN and self.detail == CARD_NUMBER_DETAIL

    @property
    def is_payment_code(self) -> bool:
        return self.kind in (ScanKind.VOUCHER, ScanKind.ORDER_URL, ScanKind.ORDER_NUMBER)

    def __repr__(self) -> str:  # a card number or a voucher never lands whole in a log by repr
        shown = self.value
        if self.kind is ScanKind.PREPAID_CARD:
            shown = "*" * (len(shown) - 4) + shown[-4:]
        elif self.kind is ScanKind.VOUCHER:
            shown = shown[:12] + "…"
        return f"ScanCode({self.kind.value}, {shown!r})"


def _gtin_ok(digits: str) -> bool:
    body, check = digits[:-1], int(digits[-1])
    weights = [3 if i % 2 == 0 else 1 for i in range(len(body))]  # from the right, next to the check digit
    total = sum(int(d) * w for d, w in zip(reversed(body), weights))
    return (10 - total % 10) % 10 == check


def classify(text: str) -> ScanCode:
    raw = text if isinstance(text, str) else ""
    s = raw.strip()
    if not s:
        return ScanCode(ScanKind.UNKNOWN, "", "empty scan")
    if looks_like_voucher(s):
        return ScanCode(ScanKind.VOUCHER, s)
    if s.lower().startswith(("http://", "https://")):
        if _ORDER_URL.match(s):
            return ScanCode(ScanKind.ORDER_URL, s)
        return ScanCode(ScanKind.UNKNOWN, s, "a web link, but not an order link (…/o/CODE)")
    upper = s.upper()
    if _ORDER_NO.match(upper):
        return ScanCode(ScanKind.ORDER_NUMBER, upper)
    if _ITEM_CODE.match(upper):
        return ScanCode(ScanKind.ITEM_CODE, upper)
    if _CARD.match(s):
        return ScanCode(ScanKind.PREPAID_CARD, s)
    track = _TRACK2.match(s) or _TRACK1.match(s)
    if track:
        return ScanCode(ScanKind.PREPAID_CARD, track.group(1))
    if s.startswith((";", "%B")):
        return ScanCode(ScanKind.UNKNOWN, "", "card stripe data of a card this terminal does not take")
    if _DIGITS.match(s) and len(s) in (8, 12, 13) and _gtin_ok(s):
        return ScanCode(ScanKind.PRODUCT_BARCODE, s, "a product barcode, not an order")
    if looks_like_card_number(s):  # a bank card's number: kept as its last four digits only
        return ScanCode(ScanKind.UNKNOWN, mask_card_numbers(s), CARD_NUMBER_DETAIL)
    shown = mask_card_numbers(s)
    return ScanCode(ScanKind.UNKNOWN, shown if len(shown) <= 64 else shown[:64] + "…", "not a code this terminal reads")
