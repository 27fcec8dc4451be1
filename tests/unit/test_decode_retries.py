"""The decode pipeline's retries where a frame shows evidence of a code (drivers/decode_regions.py):
bars turned upright at any angle, their profiles deblurred, 2D crops deconvolved for a measured
motion blur, dark-mode bars; and the cheap early-out on frames without a code. Every image is
generated here from a fixed seed; each hard case is checked to defeat both bare libraries first,
so a pass means the retry read it."""

from __future__ import annotations

import math

import cv2
import numpy as np
import pytest
import zxingcpp

from drivers import decode_regions as regions
from drivers.decoding import DecodePipeline

EAN = "4006381333931"
ORDER_URL = "https://shop.example/o/48213?t=Zk3x"
ORDER_NUMBER = "ORD-2025-004512"


def modules(text: str, fmt: str, **options) -> np.ndarray:
    barcode = zxingcpp.create_barcode(text, getattr(zxingcpp.BarcodeFormat, fmt), **options)
    return np.asarray(zxingcpp.write_barcode_to_image(barcode, scale=1)).astype(np.float32)


def photo(code: np.ndarray, *, angle: float = 0.0, scale: float = 1.0, ground: float = 150.0,
          bar_height: int | None = None, motion: tuple[float, float] | None = None, seed: int = 14) -> np.ndarray:
    """A 640x480 gray photo: `code` (one pixel a module) turned by `angle` degrees, `scale` pixels a
    module, in the middle of a flat `ground`; then a motion blur (length, direction) and noise."""
    if bar_height:  # a 1D code: its middle row, this many modules tall
        code = cv2.resize(code[code.shape[0] // 2:code.shape[0] // 2 + 1], (code.shape[1], bar_height),
                          interpolation=cv2.INTER_NEAREST)
    h, w = 480, 640
    m = cv2.getRotationMatrix2D((code.shape[1] / 2, code.shape[0] / 2), angle, scale)
    m[0, 2] += w / 2 - code.shape[1] / 2
    m[1, 2] += h / 2 - code.shape[0] / 2
    inside = cv2.warpAffine(np.ones_like(code), m, (w, h), flags=cv2.INTER_LINEAR)
    frame = ground * (1 - inside) + cv2.warpAffine(code, m, (w, h), flags=cv2.INTER_LINEAR) * inside
    if motion:
        frame = cv2.filter2D(frame, -1, regions.motion_kernel(*motion))
    rng = np.random.default_rng(seed)
    return np.clip(frame + rng.normal(0, 2.0, frame.shape), 0, 255).astype(np.uint8)


@pytest.fixture(scope="module")
def pipeline() -> DecodePipeline:
    return DecodePipeline("both", budget_ms=1000)  # generous: tests never depend on the machine's speed


def bare_reads(pipeline: DecodePipeline, image: np.ndarray) -> set[str]:
    found = (pipeline.decode_bare_zxing(image) + pipeline.decode_bare_zxing(image, restricted=True)
             + pipeline.decode_bare_pyzbar(image))
    return {d.text for d in found}


class StepLog(DecodePipeline):
    """A pipeline that notes the name of every retry it runs."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.ran: list[str] = []

    def _learn(self, step, ms: float) -> None:
        self.ran.append(step.name)
        super()._learn(step, ms)


# ------------------------------------------------------------------------------- hard cases


def test_bars_at_any_angle_with_motion_blur_are_read_from_deblurred_profiles(pipeline):
    image = photo(modules(EAN, "EAN13"), angle=37, scale=2.5, bar_height=70, motion=(7, -37))
    assert EAN not in bare_reads(pipeline, image)
    found = pipeline.decode(image)
    assert [(d.symbology, d.text) for d in found] == [("ean13", EAN)]
    assert found[0].decoder.startswith("zxing/bars box") and found[0].decoder.endswith("measured")
    x0, y0, x1, y1 = found[0].bounds()  # mapped back into the photo, around its middle
    assert 100 < x0 < 320 < x1 < 540 and 60 < y0 <= y1 < 420


def test_motion_blurred_qr_is_read_after_deconvolving_the_measured_blur(pipeline):
    image = photo(modules(ORDER_URL, "QRCode", ec_level="M"), angle=10, scale=5, motion=(11, 30))
    assert ORDER_URL not in bare_reads(pipeline, image)
    found = pipeline.decode(image)
    assert [(d.symbology, d.text) for d in found] == [("qr", ORDER_URL)]
    assert found[0].decoder == "zxing/deblurred motion"


def test_dark_mode_bars_at_an_angle_are_read_upright(pipeline):
    image = photo(255 - modules(ORDER_NUMBER, "Code128"), angle=60, scale=2.0, ground=25, bar_height=40)
    assert ORDER_NUMBER not in bare_reads(pipeline, image)
    found = pipeline.decode(image)
    assert [(d.symbology, d.text) for d in found] == [("code128", ORDER_NUMBER)]
    assert found[0].decoder == "zxing/tilted"


def test_bars_are_found_with_their_direction():
    image = photo(modules(EAN, "EAN13"), angle=37, scale=2.5, bar_height=70)
    found = regions.find_regions(image)
    bars = [r for r in found if r.bars_like]
    assert len(bars) == 1
    # turned 37 degrees counter-clockwise as seen: the bars' gradient points 37 degrees up from +x
    assert abs((bars[0].angle - (180 - 37) + 90) % 180 - 90) < 4
    across, along = bars[0].extent()
    assert across > 2.5 * 95 * 0.9 and along > 2.5 * 70 * 0.7


def test_motion_blur_is_measured_on_a_crop():
    image = photo(modules(ORDER_URL, "QRCode", ec_level="M"), angle=10, scale=5, motion=(11, 30))
    region = regions.find_regions(image)[0]
    crop, _ = regions.area_crop(image, region, margin=0.1)
    direction, length, anisotropy = regions.motion_estimate(crop)
    assert abs((direction - 30 + 90) % 180 - 90) <= 10
    assert abs(length - 11) <= 2
    assert anisotropy > 0.2


@pytest.mark.parametrize("length", [4.0, 7.0, 10.0])
def test_a_box_blur_over_bars_is_measured(length):
    rng = np.random.default_rng(int(length))
    bars = np.repeat(rng.integers(0, 2, 120) * 200.0 + 30.0, 3)  # 3 pixels a module
    blurred = np.convolve(bars, np.ones(int(length)) / int(length), mode="same")
    assert abs(regions.blur_length(blurred) - length) <= 0.75


# ------------------------------------------------------------------------------- early-outs


def test_a_plain_frame_runs_no_retry():
    rng = np.random.default_rng(3)
    frame = cv2.GaussianBlur(np.clip(rng.normal(140, 25, (720, 1280)), 0, 255).astype(np.uint8), (5, 5), 0)
    pipeline = StepLog("both", budget_ms=1000)
    assert pipeline.decode(frame) == []
    assert pipeline.ran == []


def test_printed_text_gets_only_the_cheap_looks():
    """Boxes and print look busy, but neither like bars nor like a symbol zxing-cpp can see: a
    plain, inverted and evened look at each patch (upright too when its edges run one way, and one
    motion deconvolution when it looks smeared), no deblurred bars, no pyzbar, no whole-frame
    retry."""
    rng = np.random.default_rng(5)
    frame = np.full((720, 1280), 150, np.uint8)
    for i in range(6):
        x, y = int(rng.integers(0, 1000)), int(rng.integers(0, 600))
        cv2.rectangle(frame, (x, y), (x + 250, y + 90), int(rng.integers(40, 230)), -1)
        for line in range(3):
            text = "".join(rng.choice(list("ABCDEFGHJKLMNPRSTUVWXYZ0123456789%-"), 12))
            cv2.putText(frame, text, (x + 6, y + 24 + 28 * line), cv2.FONT_HERSHEY_SIMPLEX, 0.8, 20, 2, cv2.LINE_AA)
    frame = np.clip(frame + rng.normal(0, 3, frame.shape), 0, 255).astype(np.uint8)
    pipeline = StepLog("both", budget_ms=1000)
    assert pipeline.decode(frame) == []
    assert set(pipeline.ran) <= {"crop", "inverted", "evened", "tilted", "deblurred motion"}, pipeline.ran
    assert pipeline.ran.count("deblurred motion") <= pipeline.ran.count("crop")


def test_the_budget_stops_the_retries():
    image = photo(modules(ORDER_URL, "QRCode", ec_level="M"), angle=10, scale=5, motion=(12, 30))
    pipeline = StepLog("both", budget_ms=1000)
    pipeline.decode(image)
    everything = len(pipeline.ran)
    assert everything > 3
    pipeline.ran.clear()
    pipeline.decode(image, budget_ms=0)  # nothing but the first pass and the look for evidence
    assert pipeline.ran == []


def test_a_region_turned_upright_maps_back_into_the_frame():
    image = photo(modules(EAN, "EAN13"), angle=30, scale=2.5, bar_height=70)
    region = next(r for r in regions.find_regions(image) if r.bars_like)
    made = regions.upright_crop(image, region)
    assert made is not None
    crop, back = made
    h, w = crop.shape
    corners = [back(0, 0), back(w, 0), back(w, h), back(0, h)]
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    x0, y0, x1, y1 = region.box
    assert min(xs) < x0 + 40 and max(xs) > x1 - 40 and min(ys) < y0 + 40 and max(ys) > y1 - 40
    # the middle of the crop is the middle of the region
    cx, cy = back(w / 2, h / 2)
    assert math.hypot(cx - (x0 + x1) / 2, cy - (y0 + y1) / 2) < 20


def test_two_readings_of_one_place_keep_only_the_confirmed_one():
    from drivers.decoding import Decoded, _one_reading_per_place

    box = ((100, 100), (400, 100), (400, 300), (100, 300))
    row = ((100, 200), (400, 200), (400, 203), (100, 203))
    right = Decoded("9186964844865", b"9186964844865", "ean13", box, "zxing")
    wrong = Decoded("9186964842861", b"9186964842861", "ean13", row, "zxing")
    elsewhere = Decoded("4006381333931", b"4006381333931", "ean13", ((600, 100), (900, 100), (900, 300), (600, 300)),
                        "zxing")
    check = Decoded("9186964844865", b"9186964844865", "ean13", box, "pyzbar")
    assert _one_reading_per_place([right, wrong, elsewhere], [check]) == [right, elsewhere]
    assert _one_reading_per_place([right, wrong, elsewhere], []) == [elsewhere]  # nobody to tell which: neither
    qr = Decoded("PAY-1", b"PAY-1", "qr", box, "zxing")
    assert _one_reading_per_place([qr, right], []) == [qr, right]  # a QR code beside bars is no disagreement
