"""Barcode decoding for camera frames and image files: zxing-cpp and pyzbar together, with retries
on hard frames.

One frame goes through a fast first pass: zxing-cpp restricted to the counter's symbologies at the
given resolution (no rotation, no inversion), and, with decoder "both", pyzbar on a gray copy at
most 640 pixels wide. Only when that finds nothing, and while the frame's time budget lasts,
the retries below run in order; the first one that reads anything ends the frame. The order is
what paid off on zxing-cpp's own sample photos (../shared/DECODERS.md, benchmarks/decoding.py):

    inverted       light code on a dark background (phone in dark mode)
    sharpened      soft focus, motion blur (zxing-cpp with its global-histogram binarizer)
    smoothed       noise, JPEG blocks, screen moire
    contrast x2    CLAHE and a 2x upscale: faded or glaring print, thin bars
    upscaled 1.5x  small codes below about 3 pixels per module
    rotated 90     1D codes held upright (zxing-cpp only; pyzbar scans both axes)
    tilted         tilted 1D codes: +-12 degrees, then +-25
    full size      pyzbar on the full-resolution frame when the first pass used a smaller copy

Results of one frame are deduplicated; where the two libraries read the same place differently,
zxing-cpp wins for 2D codes (pyzbar guesses the character set) and a 1D read is dropped (a misread
EAN passes its check digit one time in ten: the cashier scans again rather than sell the wrong item).
A UPC-E or EAN-8 counts only from zxing-cpp's first pass (pyzbar's with decoder "pyzbar"): on the
sample photos every other such read was a misread of part of a blurred or tilted EAN-13/UPC-A. A
camera sees a real one again on the next frames.

Threading rule: a DecodePipeline holds no per-frame state; one instance may serve one thread at a
time (the camera's reader); use one instance per thread when decoding in parallel.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Literal

import numpy as np

from pos_terminal.ports import ScanEvent

log = logging.getLogger(__name__)

DecoderChoice = Literal["zxing", "pyzbar", "both"]

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

PYZBAR_MAX_WIDTH = 640
UPSCALE_MAX_PIXELS = 2_400_000  # an upscaled copy bigger than this costs more than a frame's budget


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


# ----------------------------------------------------------------------- the pipeline


@dataclass(frozen=True)
class _Retry:
    name: str
    # the image to decode, or (image, map of its points back to the frame), or None: not useful here
    make: Callable[[np.ndarray], object]
    binarizer: str = "local"  # zxing-cpp: "local" (LocalAverage) or "histogram" (GlobalHistogram)
    linear_only: bool = False
    try_rotate: bool = False
    pyzbar_only: bool = False
    zxing_only: bool = False


class DecodePipeline:
    def __init__(self, decoder: DecoderChoice = "both", formats: Iterable[str] = COUNTER_FORMATS,
                 budget_ms: float = 60.0) -> None:
        if decoder not in ("zxing", "pyzbar", "both"):
            raise ValueError(f"decoder {decoder!r}: use 'zxing', 'pyzbar' or 'both'")
        formats = tuple(dict.fromkeys(formats))
        unknown = [f for f in formats if f not in SYMBOLOGIES]
        if unknown or not formats:
            raise ValueError(f"formats {unknown or '(none)'}: use some of {', '.join(SYMBOLOGIES)}")
        self.decoder = decoder
        self.formats = frozenset(formats)
        self.budget_ms = float(budget_ms)
        self._zx_formats = None  # built on first use: no import work at construction
        self._zx_linear = None
        self._zb_symbols: list | None = None
        self._cost_ms: dict[str, float] = {}  # running estimate of each retry's cost per megapixel
        self._retries = self._build_retries()

    # -- public --------------------------------------------------------------------------------
    def decode(self, image: object, *, budget_ms: float | None = None) -> list[Decoded]:
        """Every code found in `image` (numpy, gray/BGR/BGRA uint8). Never raises: an unusable
        image gives [] (see `image_problem` for why). Retries stop when the budget is spent."""
        problem = image_problem(image)
        if problem:
            log.debug("image not decoded: %s", problem)
            return []
        start = time.perf_counter()
        budget = self.budget_ms if budget_ms is None else budget_ms
        try:
            gray = to_gray(image)  # type: ignore[arg-type]
            found = self._first_pass(gray)
            if found:
                return found
            megapixels = gray.size / 1e6
            for retry in self._retries:
                if retry.pyzbar_only and self.decoder == "zxing":
                    continue
                if retry.zxing_only and self.decoder == "pyzbar":
                    continue
                elapsed = (time.perf_counter() - start) * 1000
                estimate = self._cost_ms.get(retry.name, 0.0) * megapixels
                if elapsed + estimate > budget:
                    continue
                t0 = time.perf_counter()
                found = self._run_retry(retry, gray)
                cost = (time.perf_counter() - t0) * 1000 / max(megapixels, 0.01)
                old = self._cost_ms.get(retry.name)
                self._cost_ms[retry.name] = cost if old is None else 0.8 * old + 0.2 * cost
                found = [d for d in found if d.symbology not in _WEAK_SHORT_CODES]
                if found:
                    return found
            return []
        except Exception:  # a decoder bug on one odd frame must not stop the camera
            log.exception("decoding failed on a %s image", getattr(image, "shape", "?"))
            return []

    def decode_events(self, image: object, source: str, *, captured_at: float | None = None,
                      budget_ms: float | None = None) -> list[ScanEvent]:
        """`decode` as ScanEvents; `captured_at` (time.monotonic() of capture) sets latency_ms."""
        found = self.decode(image, budget_ms=budget_ms)
        return [to_event(d, source, captured_at) for d in found]

    def decode_bare_zxing(self, image: object) -> list[Decoded]:
        """The baseline: one zxing-cpp call with its default settings (all formats, rotation,
        inversion), no retries and no pyzbar."""
        if image_problem(image):
            return []
        import zxingcpp

        try:
            results = zxingcpp.read_barcodes(to_gray(image))  # type: ignore[arg-type]
        except Exception:
            log.exception("zxing-cpp failed")
            return []
        return _dedupe([d for d in (_from_zxing(r, 1.0, SYMBOLOGIES.keys(), "zxing") for r in results) if d])

    def decode_bare_pyzbar(self, image: object) -> list[Decoded]:
        """The other baseline: one pyzbar call on the full gray image, the counter's symbologies."""
        if image_problem(image):
            return []
        return _dedupe(self._pyzbar(to_gray(image), 1.0, "pyzbar"))  # type: ignore[arg-type]

    # -- passes --------------------------------------------------------------------------------
    def _first_pass(self, gray: np.ndarray) -> list[Decoded]:
        zx: list[Decoded] = []
        zb: list[Decoded] = []
        if self.decoder in ("zxing", "both"):
            zx = self._zxing(gray, "zxing")
        if self.decoder in ("pyzbar", "both") and self._pyzbar_symbols():
            small, scale = _fit_width(gray, PYZBAR_MAX_WIDTH)
            zb = self._pyzbar(small, scale, "pyzbar")
        if self.decoder == "both":
            zb = [d for d in zb if d.symbology not in _WEAK_SHORT_CODES]
        return _merge(zx, zb)

    def _run_retry(self, retry: _Retry, gray: np.ndarray) -> list[Decoded]:
        made = retry.make(gray)
        if made is None:
            return []
        img, back = made if isinstance(made, tuple) else (made, None)
        if retry.pyzbar_only or self.decoder == "pyzbar":
            found = self._pyzbar(img, 1.0, "pyzbar/" + retry.name)
        else:
            found = self._zxing(img, "zxing/" + retry.name, binarizer=retry.binarizer,
                                linear_only=retry.linear_only, try_rotate=retry.try_rotate)
        if back is not None:
            found = [Decoded(d.text, d.raw, d.symbology, tuple(back(x, y) for x, y in d.polygon), d.decoder)
                     for d in found]
        return _dedupe(found)

    def _build_retries(self) -> list[_Retry]:
        has_linear = bool(self.formats & LINEAR)

        def inverted(g):
            return 255 - g

        def sharpened(g):
            cv2 = _cv2()
            return cv2.addWeighted(g, 1.8, cv2.GaussianBlur(g, (0, 0), 2), -0.8, 0)

        def smoothed(g):
            return _cv2().GaussianBlur(g, (3, 3), 0)

        def contrast_x2(g):
            cv2 = _cv2()
            if g.size * 4 > UPSCALE_MAX_PIXELS:
                return None
            c = cv2.createCLAHE(clipLimit=3.0, tileGridSize=(8, 8)).apply(g)
            return cv2.resize(c, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC), _scaled(0.5)

        def upscaled(g):
            cv2 = _cv2()
            if g.size * 2.25 > UPSCALE_MAX_PIXELS:
                return None
            return cv2.resize(g, None, fx=1.5, fy=1.5, interpolation=cv2.INTER_LINEAR), _scaled(1 / 1.5)

        def tilted(angle):
            def make(g):
                return _rotate(g, angle)
            return make

        def full_size(g):
            return g if g.shape[1] > PYZBAR_MAX_WIDTH else None

        retries = [
            _Retry("inverted", inverted),
            _Retry("sharpened", sharpened, binarizer="histogram"),
            _Retry("smoothed", smoothed, binarizer="histogram"),
            _Retry("contrast_x2", contrast_x2, binarizer="histogram"),
            _Retry("upscaled", upscaled),
        ]
        if has_linear:
            retries += [
                _Retry("rotated90", lambda g: g, linear_only=True, try_rotate=True, zxing_only=True),
                _Retry("tilted+12", tilted(12), linear_only=True),
                _Retry("tilted-12", tilted(-12), linear_only=True),
                _Retry("tilted+25", tilted(25), linear_only=True),
                _Retry("tilted-25", tilted(-25), linear_only=True),
            ]
        retries.append(_Retry("full_size", full_size, pyzbar_only=True))
        return retries

    # -- the libraries ---------------------------------------------------------------------------
    def _zxing(self, img: np.ndarray, label: str, *, binarizer: str = "local",
               linear_only: bool = False, try_rotate: bool = False) -> list[Decoded]:
        import zxingcpp

        if self._zx_formats is None:
            names = [SYMBOLOGIES[f][0] for f in sorted(self.formats)]
            self._zx_formats = zxingcpp.barcode_formats_from_str(",".join(names))
            linear = [SYMBOLOGIES[f][0] for f in sorted(self.formats & LINEAR)]
            self._zx_linear = zxingcpp.barcode_formats_from_str(",".join(linear)) if linear else None
        formats = self._zx_linear if linear_only else self._zx_formats
        if formats is None:
            return []
        kind = zxingcpp.Binarizer.GlobalHistogram if binarizer == "histogram" else zxingcpp.Binarizer.LocalAverage
        try:
            results = zxingcpp.read_barcodes(img, formats=formats, try_rotate=try_rotate, try_invert=False,
                                             text_mode=zxingcpp.TextMode.Plain, binarizer=kind)
        except Exception:
            log.exception("zxing-cpp failed on a %s image", img.shape)
            return []
        out = []
        for r in results:
            d = _from_zxing(r, 1.0, self.formats, label)
            if d is not None:
                out.append(d)
        return out

    def _pyzbar_symbols(self) -> list:
        if self._zb_symbols is None:
            from pyzbar.pyzbar import ZBarSymbol

            self._zb_symbols = [ZBarSymbol[SYMBOLOGIES[f][1]] for f in sorted(self.formats) if SYMBOLOGIES[f][1]]
        return self._zb_symbols

    def _pyzbar(self, img: np.ndarray, scale: float, label: str) -> list[Decoded]:
        symbols = self._pyzbar_symbols()
        if not symbols:
            return []
        from pyzbar import pyzbar

        try:
            results = pyzbar.decode(img, symbols=symbols)
        except Exception:  # ValueError on EAN add-ons, odd frames
            log.debug("pyzbar failed on a %s image", img.shape, exc_info=True)
            return []
        out = []
        for r in results:
            symbology = _PYZBAR_NAMES.get(r.type)
            if symbology is None:
                continue
            raw = bytes(r.data)
            text = raw.decode("utf-8", errors="replace")
            symbology, text = _normalise(symbology, text, self.formats)
            if symbology not in self.formats:
                continue
            polygon = tuple((round(p.x * scale), round(p.y * scale)) for p in r.polygon)
            out.append(Decoded(text, raw if symbology not in _EAN_UPC else text.encode(), symbology, polygon, label))
        return out


# ----------------------------------------------------------------------- helpers


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


def _rotate(gray: np.ndarray, angle: float):
    """`gray` turned by `angle` degrees on a canvas that holds all of it, and the map back."""
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

    return cv2.warpAffine(gray, m, (nw, nh), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE), back


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
