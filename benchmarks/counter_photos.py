"""Seeded counter photos: the codes a counter camera sees, with the distortions it adds.

Every photo is a 640x480 gray camera picture of a counter (wood, boxes, receipts, printed text)
with one code on it, either on a phone screen (payment vouchers, order URLs, Chinese-text order
QR codes, order-number Code 128) or printed on a label (item QR codes, Data Matrix item labels,
EAN-13, UPC-A). Each photo is one *kind* of code under one *scenario* of distortion:

    mild                 a little tilt, noise, webcam JPEG
    perspective          the code plane turned 30-55 degrees away from the camera
    defocus              disk blur, radius 0.5-0.9 of a module
    motion 5-8 px        a hand moving the phone or the item: line blur at any direction
    motion 9-12 px       the same, stronger
    glare                one or two saturated reflections over part of the code
    low contrast         faded print or a dim screen: ink and background 25-55 levels apart
    uneven light         a light gradient, vignetting and a shadow edge across the code
    jpeg                 JPEG quality 8-20
    dark mode            light code on a dark screen (phone kinds only)
    any rotation         the code turned by any angle
    rotation + blur      any angle, with defocus or motion blur
    perspective + glare  both

Two seeds, two sets that share no photo: TUNING_SEED is the one to look at while changing the
decoder; MEASURING_SEED is the one the benchmark reports. A photo depends only on (seed, kind,
scenario, index), so adding a kind or a scenario leaves the other photos as they were.

    python -m benchmarks.counter_photos --seed tuning --out /tmp/photos   # write PNGs to look at
"""

from __future__ import annotations

import argparse
import base64
import math
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

TUNING_SEED = 14_001
MEASURING_SEED = 14_002
SEEDS = {"tuning": TUNING_SEED, "measuring": MEASURING_SEED}

WIDTH, HEIGHT = 640, 480
PER_CELL = 3  # photos per (kind, scenario)

# kind -> (zxing-cpp writer format, our symbology name, shown on a phone screen?)
KINDS: dict[str, tuple[str, str, bool]] = {
    "voucher QR": ("QRCode", "qr", True),
    "order URL QR": ("QRCode", "qr", True),
    "Chinese QR": ("QRCode", "qr", True),
    "item QR": ("QRCode", "qr", False),
    "item Data Matrix": ("DataMatrix", "datamatrix", False),
    "EAN-13": ("EAN13", "ean13", False),
    "UPC-A": ("UPCA", "upca", False),
    "Code 128": ("Code128", "code128", True),
}
LINEAR_KINDS = frozenset({"EAN-13", "UPC-A", "Code 128"})

SCENARIOS: tuple[str, ...] = (
    "mild", "perspective", "defocus", "motion 5-8 px", "motion 9-12 px", "glare", "low contrast",
    "uneven light", "jpeg", "dark mode", "any rotation", "rotation + blur", "perspective + glare",
)
SCREEN_ONLY = frozenset({"dark mode"})


@dataclass(frozen=True)
class CounterPhoto:
    kind: str
    scenario: str
    index: int
    image: np.ndarray  # HxW gray uint8 (what every decoder works on; a BGR frame is turned gray first)
    text: str  # what the code holds
    symbology: str  # our name: "qr", "datamatrix", "ean13", "upca", "code128"
    corners: np.ndarray  # 4x2 float32: the code's corners (quiet zone included) in the photo

    @property
    def name(self) -> str:
        return f"{self.kind}/{self.scenario}/{self.index}"


def cells(kinds: tuple[str, ...] | None = None) -> list[tuple[str, str]]:
    """Every (kind, scenario) pair that makes sense: dark mode only on phone screens."""
    out = []
    for kind in kinds or tuple(KINDS):
        for scenario in SCENARIOS:
            if scenario in SCREEN_ONLY and not KINDS[kind][2]:
                continue
            out.append((kind, scenario))
    return out


def generate(seed: int, per_cell: int = PER_CELL, kinds: tuple[str, ...] | None = None) -> Iterator[CounterPhoto]:
    """The photos of one seed, kind by kind, scenario by scenario."""
    for kind, scenario in cells(kinds):
        for index in range(per_cell):
            yield photo(seed, kind, scenario, index)


def photo(seed: int, kind: str, scenario: str, index: int) -> CounterPhoto:
    if kind not in KINDS:
        raise ValueError(f"kind {kind!r}: use one of {', '.join(KINDS)}")
    if scenario not in SCENARIOS:
        raise ValueError(f"scenario {scenario!r}: use one of {', '.join(SCENARIOS)}")
    rng = _rng(seed, kind, scenario, index)
    fmt, symbology, on_screen = KINDS[kind]
    text = payload(kind, rng)
    image, corners = _render(rng, kind, scenario, text, fmt, on_screen)
    return CounterPhoto(kind, scenario, index, image, text, symbology, corners)


def counter_frame(seed: int, size: tuple[int, int] = (720, 1280), kind: str | None = None) -> tuple[np.ndarray, str | None]:
    """A camera frame of `size` (h, w) of the counter: with no code (kind None) or one code of
    `kind`, upright and sharp (scenario "mild"). Returns (gray frame, the code's text or None)."""
    rng = _rng(seed, kind or "none", "frame", size[0] * 10_000 + size[1])
    if kind is None:
        return _finish(rng, _scene(rng, size), jpeg=(70, 90)), None
    fmt, _, on_screen = KINDS[kind]
    text = payload(kind, rng)
    return _render(rng, kind, "mild", text, fmt, on_screen, size=size)[0], text


# ----------------------------------------------------------------------- payloads

_SKU_WORDS = ("BLK", "WHT", "RED", "BLU", "GRN", "XL", "L", "M", "S", "500ML", "1L", "250G", "6PK")
_ZH_WORDS = ("订单", "取货", "保温杯", "洗衣液", "数量", "金额", "元", "牛奶", "矿泉水", "纸巾", "面包", "苹果",
             "商户", "便利店", "超市", "收银台", "请出示", "付款码", "已支付", "待付款", "退货", "换货", "会员")


def _b64(rng: np.random.Generator, n: int) -> str:
    return base64.urlsafe_b64encode(rng.bytes(n)).rstrip(b"=").decode()[:n]


def _check_digit(digits: str) -> str:
    odd = sum(int(d) for d in digits[-1::-2])
    even = sum(int(d) for d in digits[-2::-2])
    return str((10 - (3 * odd + even) % 10) % 10)


def payload(kind: str, rng: np.random.Generator) -> str:
    if kind == "voucher QR":  # a JWS like pos_terminal/vouchers.py's, 120-320 characters
        total = int(rng.integers(120, 321))
        header = "eyJhbGciOiJFZERTQSIsImtpZCI6Im" + _b64(rng, 10)
        signature = _b64(rng, 86)
        body = max(4, total - len(header) - len(signature) - 2)
        return f"{header}.{_b64(rng, body)}.{signature}"[:total]
    if kind == "order URL QR":
        order = int(rng.integers(10**7, 10**8))
        return f"https://shop.example.com/o/{order}?t={_b64(rng, int(rng.integers(16, 48)))}"
    if kind == "Chinese QR":
        words = [str(rng.choice(_ZH_WORDS)) for _ in range(int(rng.integers(4, 12)))]
        return f"订单号：{int(rng.integers(10**6, 10**7))} " + "，".join(words)
    if kind in ("item QR", "item Data Matrix"):
        parts = [str(rng.choice(_SKU_WORDS)) for _ in range(int(rng.integers(1, 3)))]
        return f"SKU-{int(rng.integers(0, 10**6)):06d}-" + "-".join(parts)
    if kind == "EAN-13":
        digits = "".join(str(d) for d in rng.integers(0, 10, 12))
        digits = str(int(rng.integers(1, 10))) + digits[1:]  # a leading 0 would be a UPC-A
        return digits + _check_digit(digits)
    if kind == "UPC-A":
        digits = "".join(str(d) for d in rng.integers(0, 10, 11))
        return digits + _check_digit(digits)
    if kind == "Code 128":
        if rng.random() < 0.5:
            return f"ORD-{int(rng.integers(2024, 2027))}-{int(rng.integers(0, 10**6)):06d}"
        return f"IC{int(rng.integers(0, 10**14)):014d}"
    raise ValueError(kind)


# ----------------------------------------------------------------------- rendering

_SUPER = 2  # the code is drawn at twice the size, then reduced: anti-aliased edges like a lens
_LABEL_PX = 6  # source pixels per module of the flat label before warping


def _rng(seed: int, kind: str, scenario: str, index: int) -> np.random.Generator:
    key = zlib.crc32(f"{kind}|{scenario}".encode())
    return np.random.default_rng([seed, key, index])


def _modules(text: str, fmt: str) -> np.ndarray:
    """The code as one pixel per module (0 dark, 255 light) with its quiet zone."""
    import zxingcpp

    options = {"ec_level": "M"} if fmt == "QRCode" else {}
    barcode = zxingcpp.create_barcode(text, getattr(zxingcpp.BarcodeFormat, fmt), **options)
    return np.asarray(zxingcpp.write_barcode_to_image(barcode, scale=1, add_quiet_zones=True))


def _pixels_per_module(kind: str, rng: np.random.Generator) -> float:
    lo, hi = {
        "voucher QR": (2.6, 4.2), "order URL QR": (3.0, 5.5), "Chinese QR": (3.0, 5.0), "item QR": (3.0, 6.0),
        "item Data Matrix": (3.0, 6.0), "EAN-13": (1.8, 3.2), "UPC-A": (1.8, 3.2), "Code 128": (1.5, 2.6),
    }[kind]
    return float(rng.uniform(lo, hi))


def _label(kind: str, modules: np.ndarray, rng: np.random.Generator, on_screen: bool, dark_mode: bool,
           low_contrast: bool) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """The flat label or phone screen (float32, _LABEL_PX px per module) and where the code
    (with its quiet zone) lies in it, as x0, y0, x1, y1."""
    import cv2

    if kind in LINEAR_KINDS:  # bars as tall as the symbology's usual proportions
        ratio = rng.uniform(0.55, 0.75) if kind != "Code 128" else rng.uniform(0.22, 0.4)
        bar_rows = max(8, int(modules.shape[1] * ratio))
        modules = cv2.resize(modules[modules.shape[0] // 2:modules.shape[0] // 2 + 1], (modules.shape[1], bar_rows),
                             interpolation=cv2.INTER_NEAREST)
    code = cv2.resize(modules, None, fx=_LABEL_PX, fy=_LABEL_PX, interpolation=cv2.INTER_NEAREST) > 127
    if dark_mode:
        light, dark = rng.uniform(20, 45), rng.uniform(170, 235)  # background dark, modules light
    elif on_screen:
        light, dark = rng.uniform(215, 250), rng.uniform(15, 45)
    else:
        light, dark = rng.uniform(195, 240), rng.uniform(20, 60)
    if low_contrast:
        gap = rng.uniform(25, 55)
        mid = rng.uniform(90, 170)
        light, dark = (mid - gap / 2, mid + gap / 2) if dark_mode else (mid + gap / 2, mid - gap / 2)
    h, w = code.shape
    pad_x, pad_y = int(w * rng.uniform(0.05, 0.25)), int(h * rng.uniform(0.05, 0.25))
    if on_screen:  # the rest of the screen, then the phone's bezel
        pad_y += int(h * rng.uniform(0.2, 0.5))
    canvas = np.full((h + 2 * pad_y, w + 2 * pad_x), light, np.float32)
    canvas[pad_y:pad_y + h, pad_x:pad_x + w] = np.where(code, light, dark)
    if on_screen:
        bezel = int(min(canvas.shape) * rng.uniform(0.04, 0.08)) + 2
        canvas = cv2.copyMakeBorder(canvas, bezel, bezel, bezel, bezel, cv2.BORDER_CONSTANT, value=rng.uniform(8, 30))
        pad_x, pad_y = pad_x + bezel, pad_y + bezel
    return canvas.astype(np.float32), (pad_x, pad_y, pad_x + w, pad_y + h)


def _scene(rng: np.random.Generator, size: tuple[int, int]) -> np.ndarray:
    """A counter without codes: a surface with slow shading, boxes, receipts and printed text."""
    import cv2

    h, w = size
    surfaces = (105, 160, 212, 57, 155, 200)  # wood, grey laminate, white, black, light wood, steel
    base = surfaces[int(rng.integers(0, len(surfaces)))] * rng.uniform(0.8, 1.1)
    low = cv2.resize(rng.normal(0, 14, (6, 8)).astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC)
    grain = cv2.GaussianBlur(rng.normal(0, 6, (h, w)).astype(np.float32), (0, 0), 1.5)
    img = np.clip(base + low + grain, 0, 255).astype(np.uint8)
    for _ in range(int(rng.integers(3, 8))):  # boxes and packs
        x0, y0 = int(rng.integers(-w // 4, w)), int(rng.integers(-h // 4, h))
        bw, bh = int(rng.integers(w // 10, w // 3)), int(rng.integers(h // 10, h // 3))
        color = float(rng.uniform(20, 240))
        cv2.rectangle(img, (x0, y0), (x0 + bw, y0 + bh), color, -1)
        if rng.random() < 0.6:  # print on the box
            for line in range(int(rng.integers(1, 4))):
                text = "".join(rng.choice(list("ABCDEFGHJKLMNPRSTUVWXYZ0123456789 %-"), int(rng.integers(4, 14))))
                ink = float(rng.uniform(0, 255))
                cv2.putText(img, text, (x0 + 5, y0 + 20 + 22 * line), cv2.FONT_HERSHEY_SIMPLEX,
                            float(rng.uniform(0.4, 0.9)), ink, int(rng.integers(1, 3)), cv2.LINE_AA)
    if rng.random() < 0.7:  # a receipt with rows of small print
        x0, y0 = int(rng.integers(0, w - w // 5)), int(rng.integers(0, h - h // 3))
        rw, rh = w // 6, h // 2
        cv2.rectangle(img, (x0, y0), (x0 + rw, y0 + rh), 235.0, -1)
        for line in range(rh // 14):
            text = "".join(rng.choice(list("abcdefghijk 0123456789.,"), int(rng.integers(6, 20))))
            cv2.putText(img, text, (x0 + 4, y0 + 12 + 14 * line), cv2.FONT_HERSHEY_PLAIN, 0.8, 40.0, 1,
                        cv2.LINE_AA)
    return img.astype(np.float32)


def _placement(rng: np.random.Generator, label_wh: tuple[int, int], ppm: float, angle: float, tilt: float,
               size: tuple[int, int]) -> np.ndarray:
    """The 4 corners of the label in the photo: scaled to `ppm` pixels per module, turned by
    `angle` in the image plane, its plane tilted by `tilt` degrees about a random axis, seen by a
    pinhole camera, placed at random where it fits."""
    h, w = size
    lw, lh = label_wh
    scale = ppm / _LABEL_PX
    for _ in range(40):
        x = (np.array([0, lw, lw, 0]) - lw / 2) * scale
        y = (np.array([0, 0, lh, lh]) - lh / 2) * scale
        axis = rng.uniform(0, math.pi)
        t = math.radians(tilt)
        # rotate the plane about an in-plane axis by t, then project (focal length ~ frame width)
        ax, ay = math.cos(axis), math.sin(axis)
        along = x * ax + y * ay
        across = -x * ay + y * ax
        z = across * math.sin(t)
        across = across * math.cos(t)
        px, py = along * ax - across * ay, along * ay + across * ax
        f = 1.1 * w
        px, py = px * f / (f + z), py * f / (f + z)
        a = math.radians(angle)
        rx, ry = px * math.cos(a) - py * math.sin(a), px * math.sin(a) + py * math.cos(a)
        span_x, span_y = rx.max() - rx.min(), ry.max() - ry.min()
        if span_x < w - 16 and span_y < h - 16:
            cx = rng.uniform(8 - rx.min(), w - 8 - rx.max())
            cy = rng.uniform(8 - ry.min(), h - 8 - ry.max())
            return np.stack([rx + cx, ry + cy], axis=1).astype(np.float32)
        scale *= 0.9  # does not fit: step back from the counter
    raise RuntimeError("the code does not fit in the photo")


def _disk(radius: float) -> np.ndarray:
    r = int(math.ceil(radius))
    yy, xx = np.mgrid[-r:r + 1, -r:r + 1].astype(np.float32)
    k = np.clip(radius + 0.5 - np.sqrt(xx * xx + yy * yy), 0, 1)
    return k / k.sum()


def _motion(length: float, angle_deg: float) -> np.ndarray:
    import cv2

    n = int(math.ceil(length)) + 2
    k = np.zeros((4 * n + 1, 4 * n + 1), np.float32)
    c = 2 * n
    a = math.radians(angle_deg)
    dx, dy = math.cos(a) * length, math.sin(a) * length  # half the length, at 2x: drawn at 2x, then reduced
    cv2.line(k, (int(round(c - dx)), int(round(c - dy))), (int(round(c + dx)), int(round(c + dy))), 1.0, 1, cv2.LINE_AA)
    k = cv2.resize(k, (2 * n + 1, 2 * n + 1), interpolation=cv2.INTER_AREA)
    return k / k.sum()


def _glare(rng: np.random.Generator, img: np.ndarray, corners: np.ndarray, count: int) -> None:
    """Saturated reflections with soft edges, each over part of the code."""
    h, w = img.shape[:2]
    size = float(np.linalg.norm(corners[2] - corners[0])) / math.sqrt(2)
    for _ in range(count):
        s, t = rng.uniform(0.15, 0.85, 2)
        top = corners[0] + s * (corners[1] - corners[0])
        bottom = corners[3] + s * (corners[2] - corners[3])
        cx, cy = top + t * (bottom - top)
        rx, ry = size * rng.uniform(0.08, 0.2), size * rng.uniform(0.05, 0.14)
        a = rng.uniform(0, math.pi)
        peak = rng.uniform(160, 320)
        reach = 3 * max(rx, ry)
        x0, x1 = max(0, int(cx - reach)), min(w, int(cx + reach) + 1)
        y0, y1 = max(0, int(cy - reach)), min(h, int(cy + reach) + 1)
        if x0 >= x1 or y0 >= y1:
            continue
        yy, xx = np.mgrid[y0:y1, x0:x1].astype(np.float32)
        u = ((xx - cx) * math.cos(a) + (yy - cy) * math.sin(a)) / rx
        v = (-(xx - cx) * math.sin(a) + (yy - cy) * math.cos(a)) / ry
        img[y0:y1, x0:x1] += peak * np.exp(-(u * u + v * v))


def _finish(rng: np.random.Generator, img: np.ndarray, *, noise: tuple[float, float] = (1.5, 4.0),
            jpeg: tuple[int, int] = (70, 92)) -> np.ndarray:
    import cv2

    img = img + rng.normal(0, rng.uniform(*noise), img.shape[:2]).astype(np.float32)
    out = np.clip(img, 0, 255).astype(np.uint8)
    ok, data = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(jpeg[0], jpeg[1] + 1))])
    assert ok
    return cv2.imdecode(data, cv2.IMREAD_GRAYSCALE)


def _render(rng: np.random.Generator, kind: str, scenario: str, text: str, fmt: str, on_screen: bool,
            size: tuple[int, int] = (HEIGHT, WIDTH)) -> tuple[np.ndarray, np.ndarray]:
    import cv2

    h, w = size
    modules = _modules(text, fmt)
    label, (qx0, qy0, qx1, qy1) = _label(kind, modules, rng, on_screen, scenario == "dark mode",
                                         scenario == "low contrast")
    ppm = _pixels_per_module(kind, rng)
    rotated = scenario in ("any rotation", "rotation + blur")
    angle = rng.uniform(0, 360) if rotated else rng.uniform(-8, 8)
    tilt = rng.uniform(30, 55) if scenario.startswith("perspective") else rng.uniform(0, 12)
    lh, lw = label.shape[:2]
    corners = _placement(rng, (lw, lh), ppm, angle, tilt, size)

    scene = _scene(rng, size)
    big = (w * _SUPER, h * _SUPER)
    src = np.array([[0, 0], [lw, 0], [lw, lh], [0, lh]], np.float32)
    warp = cv2.getPerspectiveTransform(src, corners * _SUPER)
    drawn = cv2.warpPerspective(label, warp, big, flags=cv2.INTER_AREA if ppm * _SUPER < _LABEL_PX else cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.ones((lh, lw), np.float32), warp, big, flags=cv2.INTER_LINEAR)
    drawn = cv2.resize(drawn, (w, h), interpolation=cv2.INTER_AREA)
    mask = cv2.resize(mask, (w, h), interpolation=cv2.INTER_AREA)
    img = scene * (1 - mask) + drawn * mask
    code_corners = cv2.perspectiveTransform(np.array([[[qx0, qy0], [qx1, qy0], [qx1, qy1], [qx0, qy1]]], np.float32),
                                            warp)[0] / _SUPER

    # light
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    if scenario == "uneven light":
        a = rng.uniform(0, 2 * math.pi)
        ramp = ((xx - w / 2) * math.cos(a) + (yy - h / 2) * math.sin(a)) / (0.5 * math.hypot(w, h))
        light = rng.uniform(0.75, 1.0) + rng.uniform(0.25, 0.45) * ramp
        vignette = 1 - rng.uniform(0.2, 0.45) * (((xx - w / 2) / w) ** 2 + ((yy - h / 2) / h) ** 2) * 2
        light = light * vignette
        cx, cy = code_corners.mean(axis=0)  # a shadow edge (an arm, the phone's own) through the code
        b = rng.uniform(0, 2 * math.pi)
        side = (xx - cx) * math.cos(b) + (yy - cy) * math.sin(b) + rng.uniform(-20, 20)
        light = light * np.where(side > 0, rng.uniform(0.4, 0.65), 1.0)
        light = cv2.GaussianBlur(light.astype(np.float32), (0, 0), 3)
        img = img * np.clip(light, 0.15, 1.3)
    else:
        img = img * rng.uniform(0.85, 1.05)
    if "glare" in scenario:
        _glare(rng, img, code_corners, int(rng.integers(1, 3)))

    # optics
    ppm_seen = ppm * (1.0 if tilt < 30 else math.cos(math.radians(tilt)) ** 0.5)
    blur = None
    if scenario == "defocus":
        blur = "defocus"
    elif scenario.startswith("motion"):
        blur = "motion"
    elif scenario == "rotation + blur":
        blur = "defocus" if rng.random() < 0.5 else "motion"
    if blur == "defocus":
        img = cv2.filter2D(img, -1, _disk(max(1.2, ppm_seen * rng.uniform(0.5, 0.9))))
    elif blur == "motion":
        length = rng.uniform(9, 12) if scenario == "motion 9-12 px" else rng.uniform(5, 8)
        img = cv2.filter2D(img, -1, _motion(length, rng.uniform(0, 180)))
    else:
        img = cv2.GaussianBlur(img, (0, 0), rng.uniform(0.4, 0.8))
    jpeg = (8, 20) if scenario == "jpeg" else (70, 92)
    return _finish(rng, img, jpeg=jpeg), code_corners


# ----------------------------------------------------------------------- command line


def main(argv: list[str] | None = None) -> int:
    import cv2

    parser = argparse.ArgumentParser(description="Write the counter photos of one seed as PNG files.")
    parser.add_argument("--seed", default="tuning", help="'tuning', 'measuring' or a number")
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    parser.add_argument("--per-cell", type=int, default=PER_CELL)
    args = parser.parse_args(argv)
    seed = SEEDS.get(args.seed)
    if seed is None:
        if not args.seed.isdigit():
            parser.error(f"--seed {args.seed!r}: use 'tuning', 'measuring' or a number")
        seed = int(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    count = 0
    for p in generate(seed, args.per_cell):
        name = f"{p.kind}_{p.scenario}_{p.index}".replace(" ", "-").replace("/", "")
        cv2.imwrite(str(args.out / f"{name}.png"), p.image)
        (args.out / f"{name}.txt").write_text(p.text, encoding="utf-8")
        count += 1
    print(f"{count} photos written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
