"""AIM symbology identifiers (ISO/IEC 15424): the "]Xm" a scanner can put before a code's data to
say which symbology it read. X is the symbology, m a modifier (check digit, GS1, ECI, ...).

    ]Q1 QR Code            ]E0 EAN-13 / UPC-A / UPC-E   ]E4 EAN-8      ]C0 Code 128
    ]C1 GS1-128            ]d1 Data Matrix              ]A0 Code 39    ]I0 ITF
    ]L0 PDF417             ]e0 GS1 DataBar              ]X0 other / unknown

EAN/UPC under ]E0 is told apart by its length (13 digits EAN-13, 12 UPC-A, 6 to 8 UPC-E); a
UPC-A sent in its 13-digit EAN form (leading 0) is reported as "ean13", as the scanner sent it.
"""

from __future__ import annotations

import re

# One code letter -> symbology name as used in ScanEvent.symbology. Modifiers that change the
# name are handled in parse_aim.
_BY_CODE = {
    "A": "code39",
    "B": "telepen",
    "C": "code128",
    "D": "codeone",
    "E": "ean13",
    "F": "codabar",
    "G": "code93",
    "H": "code11",
    "I": "itf",
    "J": "dotcode",
    "K": "code16k",
    "L": "pdf417",
    "M": "msi",
    "O": "codablock",
    "P": "plessey",
    "Q": "qr",
    "R": "iata25",
    "S": "industrial25",
    "T": "code49",
    "U": "maxicode",
    "X": "unknown",
    "Z": "unknown",  # not from a bar code (keyboard, OCR, RFID)
    "d": "datamatrix",
    "e": "databar",
    "g": "gridmatrix",
    "h": "hanxin",
    "z": "aztec",
}

_AIM = re.compile(r"\]([A-Za-z])([0-9A-Za-z])")


def parse_aim(text: str) -> tuple[str, str]:
    """Splits a leading AIM identifier off `text`: returns (symbology, data). Text without a
    well-formed identifier comes back whole as ("unknown", text); an identifier of a symbology
    this table does not know is still removed ("unknown", data). Never raises."""
    match = _AIM.match(text)
    if match is None:
        return "unknown", text
    code, modifier = match.groups()
    data = text[match.end():]
    name = _BY_CODE.get(code, "unknown")
    if code == "C" and modifier == "1":
        name = "gs1-128"  # FNC1 in the first position
    elif code == "E":
        name = _ean_upc(modifier, data)
    return name, data


def _ean_upc(modifier: str, data: str) -> str:
    digits = len(data)
    if modifier == "4":
        return "ean8"
    if modifier in ("1", "2"):
        return "ean-addon"  # a 2- or 5-digit add-on read on its own
    if modifier == "3":  # main code followed by its add-on
        for addon in (2, 5):
            main = digits - addon
            if main == 13:
                return "ean13"
            if main == 12:
                return "upca"
            if main == 8:
                return "upce"
        return "ean13"
    if digits == 12:
        return "upca"
    if 6 <= digits <= 8:
        return "upce"
    return "ean13"
