"""What a decoder read and the small tools around it: the counter's symbologies and their names in
zxing-cpp and pyzbar, `Decoded`, one spelling per code (UPC-A/UPC-E), image checks, the geometry
of crops and rotations (readings mapped back to the frame), and the merging of two libraries'
readings (drivers/decoding.py's DecodePipeline decides when to read what).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timezone

import numpy as np

from pos_terminal.ports import ScanEvent

log = logging.getLogger("drivers.decoding")

PAD = 24  # the border (pixels of the image's own edge) around a crop: room for a quiet zone

# What the counter reads: payment and item QR codes, retail EAN/UPC, order-number Code 128, and
# Data Matrix item labels.
COUNTER_FORMATS: tuple[str, ...] = ("qr", "ean13", "ean8", "upca", "upce", "code128", "datamatrix")

# our name -> (zxing-cpp format name, pyzbar ZBarSymbol name or None)
SYMBOLOGIES: dict[str, tuple[str, str | None]] = {
    "qr": ("QRCode", "QRCODE"),
    "microqr": ("MicroQRCode", None),
    "ean13": ("EAN13", "EAN13"),
    "ean8": ("EAN8", "EAN8"),
    "upca": ("UPCA", "UPCA"),
    "upce": ("UPCE", "UPCE"),
    "code128": ("Code128", "CODE128"),
    "code39": ("Code39", "CODE39"),
    "code93": ("Code93", "CODE93"),
    "codabar": ("Codabar", "CODABAR"),
    "itf": ("ITF", "I25"),
    "datamatrix": ("DataMatrix", None),
    "pdf417": ("PDF417", None),  # ZBar's PDF417 support is incomplete: zxing-cpp only
    "aztec": ("Aztec", None),
    "databar": ("DataBar", "DATABAR"),
    "databar_expanded": ("DataBarExpanded", "DATABAR_EXP"),
}
LINEAR = frozenset({"ean13", "ean8", "upca", "upce", "code128", "code39", "code93", "codabar", "itf",
                    "databar", "databar_expanded"})
_EAN_UPC = frozenset({"ean13", "ean8", "upca", "upce"})
# Short codes with a weak check that both libraries read out of parts of blurred or tilted
# EAN-13/UPC-A bars: they count from zxing-cpp's first pass only (or pyzbar's, with decoder "pyzbar").
_WEAK_SHORT_CODES = frozenset({"upce", "ean8"})


@dataclass(frozen=True)
class Decoded:
    text: str
    raw: bytes
    symbology: str  # "qr", "ean13", "upca", ... (see SYMBOLOGIES)
    polygon: tuple[tuple[int, int], ...]  # corners in the input image's pixel coordinates
    decoder: str = ""  # "zxing" or "pyzbar", then "/retry" when a retry found it: for diagnostics

    @property
    def is_linear(self) -> bool:
        return self.symbology in LINEAR

    def bounds(self) -> tuple[int, int, int, int]:
        xs = [p[0] for p in self.polygon] or [0]
        ys = [p[1] for p in self.polygon] or [0]
        return min(xs), min(ys), max(xs), max(ys)


def image_problem(image: object) -> str | None:
    """Why `image` cannot be decoded, or None when it can: a uint8 numpy array, gray (HxW or
    HxWx1), BGR or BGRA, at least 8x8 pixels."""
    if image is None:
        return "no image (None)"
    if not isinstance(image, np.ndarray):
        return f"not an image array but {type(image).__name__}"
    if image.dtype != np.uint8:
        return f"pixel type {image.dtype} is not supported; 8-bit gray or BGR is"
    if image.ndim == 3 and image.shape[2] not in (1, 3, 4) or image.ndim not in (2, 3):
        return f"shape {image.shape} is not gray (HxW), BGR (HxWx3) or BGRA (HxWx4)"
    if image.shape[0] < 8 or image.shape[1] < 8:
        return f"image of {image.shape[1]}x{image.shape[0]} pixels is too small to hold a code"
    return None


def to_gray(image: np.ndarray) -> np.ndarray:
    import cv2

    if image.ndim == 2:
        gray = image
    elif image.shape[2] == 1:
        gray = image[:, :, 0]
    elif image.shape[2] == 3:
        gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    else:
        gray = cv2.cvtColor(image, cv2.COLOR_BGRA2GRAY)
    return np.ascontiguousarray(gray)


# ----------------------------------------------------------------------- text normalisation


def upce_from_upca(upca12: str) -> str | None:
    """The 8-digit UPC-E form of a zero-suppressible UPC-A, or None."""
    if len(upca12) != 12 or not upca12.isdigit() or upca12[0] not in "01":
        return None
    n, m, p, c = upca12[0], upca12[1:6], upca12[6:11], upca12[11]
    if m[2] in "012" and m[3:5] == "00" and p[:2] == "00":
        x = m[:2] + p[2:5] + m[2]
    elif m[3:5] == "00" and p[:3] == "000":
        x = m[:3] + p[3:5] + "3"
    elif m[4] == "0" and p[:4] == "0000":
        x = m[:4] + p[4] + "4"
    elif p[:4] == "0000" and p[4] in "56789":
        x = m + p[4]
    else:
        return None
    return n + x + c


def _normalise(symbology: str, text: str, enabled: frozenset[str]) -> tuple[str, str]:
    """One spelling per code whichever library read it: UPC-A as 12 digits, UPC-E as 8."""
    if symbology == "ean13" and len(text) == 13 and text.startswith("0") and "upca" in enabled:
        return "upca", text[1:]
    if symbology == "upca" and len(text) == 13 and text.startswith("0"):
        return "upca", text[1:]
    if symbology == "upce" and len(text) in (12, 13):
        short = upce_from_upca(text[-12:])
        if short:
            return "upce", short
    return symbology, text


def _cv2():
    import cv2

    return cv2


_PYZBAR_NAMES = {v[1]: k for k, v in SYMBOLOGIES.items() if v[1]}
_ZXING_NAMES: dict | None = None


def _zxing_symbology(fmt) -> str | None:
    global _ZXING_NAMES
    if _ZXING_NAMES is None:
        import zxingcpp

        names = {}
        for ours, (theirs, _) in SYMBOLOGIES.items():
            names[getattr(zxingcpp.BarcodeFormat, theirs)] = ours
        for extra, ours in (("QRCodeModel1", "qr"), ("QRCodeModel2", "qr"), ("ITF14", "itf"),
                            ("Code39Std", "code39"), ("Code39Ext", "code39"), ("DataBarOmni", "databar"),
                            ("DataBarExp", "databar_expanded"), ("AztecCode", "aztec"),
                            ("CompactPDF417", "pdf417"), ("MicroPDF417", "pdf417")):
            member = getattr(zxingcpp.BarcodeFormat, extra, None)
            if member is not None:
                names.setdefault(member, ours)
        _ZXING_NAMES = names
    name = _ZXING_NAMES.get(fmt)
    if name is None:
        name = str(fmt).lower().replace(" ", "").replace("-", "")
    return name


def _from_zxing(r, scale: float, enabled: Iterable[str], label: str) -> Decoded | None:
    symbology = _zxing_symbology(r.format)
    text = r.text
    enabled = frozenset(enabled)
    symbology, text = _normalise(symbology, text, enabled)
    p = r.position
    polygon = tuple((round(pt.x * scale), round(pt.y * scale))
                    for pt in (p.top_left, p.top_right, p.bottom_right, p.bottom_left))
    raw = bytes(r.bytes) if symbology not in _EAN_UPC else text.encode()
    return Decoded(text, raw, symbology, polygon, label)


def _fit_width(gray: np.ndarray, max_width: int) -> tuple[np.ndarray, float]:
    h, w = gray.shape[:2]
    if w <= max_width:
        return gray, 1.0
    cv2 = _cv2()
    scale = w / max_width
    small = cv2.resize(gray, (max_width, max(1, round(h / scale))), interpolation=cv2.INTER_AREA)
    return small, scale


def _scaled(factor: float) -> Callable[[int, int], tuple[int, int]]:
    return lambda x, y: (round(x * factor), round(y * factor))


def _shifted(d: Decoded, dx: int, dy: int, scale: float) -> Decoded:
    """`d` read on a crop at (dx, dy) of the frame, scaled by `scale` (crop pixels to frame's)."""
    polygon = tuple((round(x * scale) + dx, round(y * scale) + dy) for x, y in d.polygon)
    return Decoded(d.text, d.raw, d.symbology, polygon, d.decoder)


def _upscaled(img: np.ndarray) -> np.ndarray:
    cv2 = _cv2()
    return cv2.resize(img, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)


def _padded(img: np.ndarray) -> np.ndarray:
    """A PAD-pixel border of the image's own edge around it: room for a quiet zone."""
    return _cv2().copyMakeBorder(img, PAD, PAD, PAD, PAD, _cv2().BORDER_REPLICATE)


def _mapped(d: Decoded, back: Callable[[int, int], tuple[int, int]]) -> Decoded:
    return Decoded(d.text, d.raw, d.symbology, tuple(back(x, y) for x, y in d.polygon), d.decoder)


def _rotate(gray: np.ndarray, angle: float, cubic: bool = False):
    """`gray` turned by `angle` degrees (counter-clockwise as seen) on a canvas that holds all of
    it, and the map back."""
    cv2 = _cv2()
    h, w = gray.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    c, s = abs(m[0, 0]), abs(m[0, 1])
    nw, nh = int(h * s + w * c), int(h * c + w * s)
    m[0, 2] += nw / 2 - w / 2
    m[1, 2] += nh / 2 - h / 2
    inv = cv2.invertAffineTransform(m)

    def back(x: int, y: int) -> tuple[int, int]:
        return (round(inv[0, 0] * x + inv[0, 1] * y + inv[0, 2]), round(inv[1, 0] * x + inv[1, 1] * y + inv[1, 2]))

    flags = cv2.INTER_CUBIC if cubic else cv2.INTER_LINEAR
    return cv2.warpAffine(gray, m, (nw, nh), flags=flags, borderMode=cv2.BORDER_REPLICATE), back


def _family(symbology: str) -> str:
    return "ean/upc" if symbology in _EAN_UPC else symbology


def _overlap(a: Decoded, b: Decoded) -> bool:
    if not a.polygon or not b.polygon:
        return False
    ax0, ay0, ax1, ay1 = a.bounds()
    bx0, by0, bx1, by1 = b.bounds()
    # 1D positions are often a single scan line: widen by a margin before comparing
    margin = 0.1 * max(ax1 - ax0, ay1 - ay0, bx1 - bx0, by1 - by0, 10)
    return not (ax1 + margin < bx0 or bx1 + margin < ax0 or ay1 + margin < by0 or by1 + margin < ay0)


def _dedupe(found: list[Decoded]) -> list[Decoded]:
    seen: set[tuple[str, str]] = set()
    out = []
    for d in found:
        key = (d.symbology, d.text)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


def _one_reading_per_place(found: list[Decoded], checks: list[Decoded]) -> list[Decoded]:
    """zxing-cpp can read one 1D code twice, differently, on different rows: of readings that
    overlap and disagree, keep those another reader (`checks`) also made, else none."""
    found = _dedupe(found)
    drop: set[int] = set()
    for i, a in enumerate(found):
        for j in range(i + 1, len(found)):
            b = found[j]
            if (a.is_linear and _family(a.symbology) == _family(b.symbology) and a.text != b.text
                    and _overlap(a, b)):
                drop.update(k for k, d in ((i, a), (j, b)) if not any(c.text == d.text for c in checks))
                log.debug("one 1D code read two ways: %s, %s", a.text, b.text)
    return [d for k, d in enumerate(found) if k not in drop]


def _merge(zx: list[Decoded], zb: list[Decoded]) -> list[Decoded]:
    out = _dedupe(zx)
    rejected: set[int] = set()
    for p in _dedupe(zb):
        if any(d.symbology == p.symbology and d.text == p.text for d in out):
            continue
        clash = [i for i, d in enumerate(out) if _family(d.symbology) == _family(p.symbology) and _overlap(d, p)]
        if not clash:
            out.append(p)
        elif p.is_linear:
            rejected.update(clash)  # two readings of one 1D code: trust neither
            log.debug("1D reads disagree, dropped: %s vs %s", p.text, [out[i].text for i in clash])
        # a 2D clash: zxing-cpp's text stands (pyzbar guesses the character set)
    return [d for i, d in enumerate(out) if i not in rejected]


def to_event(d: Decoded, source: str, captured_at: float | None = None) -> ScanEvent:
    latency = None if captured_at is None else (time.monotonic() - captured_at) * 1000.0
    return ScanEvent(d.text, d.raw, d.symbology, source, datetime.now(timezone.utc), latency)


def expected_matches(decoded: Decoded, expected: bytes) -> bool:
    """Whether a read equals a reference payload (raw bytes or UTF-8 text), UPC-A and UPC-E also
    compared in their 13-digit EAN-13 forms."""
    if decoded.raw == expected or decoded.text.encode("utf-8") == expected:
        return True
    if decoded.symbology == "upca" and b"0" + decoded.text.encode() == expected:
        return True
    if decoded.symbology == "upce" and len(decoded.text) == 8:
        return ("0" + upca_from_upce(decoded.text)).encode() == expected
    return False


def upca_from_upce(upce8: str) -> str:
    n, x, c = upce8[0], upce8[1:7], upce8[7]
    last = x[5]
    if last in "012":
        body = x[:2] + last + "0000" + x[2:5]
    elif last == "3":
        body = x[:3] + "00000" + x[3:5]
    elif last == "4":
        body = x[:4] + "00000" + x[4]
    else:
        body = x[:5] + "0000" + last
    return n + body + c
