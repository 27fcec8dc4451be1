"""The decode pipeline on zxing-cpp's real sample photos, on generated codes in camera-sized frames,
and on images that are not images; image files through drivers.image_files."""

from __future__ import annotations

import os
from pathlib import Path

import cv2
import numpy as np
import pytest
import zxingcpp

from drivers.decoding import DecodePipeline, Decoded, expected_matches, upca_from_upce, upce_from_upca
from drivers.image_files import ImageUnreadable, decode_image_file, load_image

SAMPLES = Path(os.environ.get("ZXING_SAMPLES", Path(__file__).resolve().parents[1] / "data" / "zxing-samples"))
needs_samples = pytest.mark.skipif(not SAMPLES.is_dir(), reason=f"zxing-samples not at {SAMPLES} (set ZXING_SAMPLES)")


def samples(folder: str) -> list[tuple[Path, bytes]]:
    out = []
    for image in sorted((SAMPLES / folder).iterdir()):
        if image.suffix.lower() not in (".png", ".jpg", ".webp"):
            continue
        for ext in (".txt", ".bin"):
            expected = image.with_suffix(ext)
            if expected.exists():
                data = expected.read_bytes()
                out.append((image, data[:13] if "extension" in folder else data))  # add-ons are ignored
                break
    return out


def code_image(text: str, fmt: str, scale: int = 4) -> np.ndarray:
    barcode = zxingcpp.create_barcode(text, getattr(zxingcpp.BarcodeFormat, fmt))
    return np.array(zxingcpp.write_barcode_to_image(barcode, scale=scale))


def camera_frame(code: np.ndarray, at: tuple[int, int] = (400, 200), size=(720, 1280)) -> np.ndarray:
    """A 1280x720 BGR frame: a noisy grey counter with `code` pasted at `at` (x, y)."""
    rng = np.random.default_rng(7)
    frame = cv2.GaussianBlur(np.clip(rng.normal(140, 25, size), 0, 255).astype(np.uint8), (5, 5), 0)
    x, y = at
    frame[y:y + code.shape[0], x:x + code.shape[1]] = code
    return cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR)


@pytest.fixture(scope="module")
def pipeline() -> DecodePipeline:
    return DecodePipeline("both", budget_ms=1000)  # generous: tests never depend on the machine's speed


# ------------------------------------------------------------------------------- real photos

FOLDERS = ["qrcode-1", "qrcode-3", "qrcode-5", "code128-2", "datamatrix-1", "ean13-1", "ean13-3", "upca-1", "upca-3"]


@needs_samples
@pytest.mark.parametrize("folder", FOLDERS)
def test_reads_at_least_what_either_library_reads_and_never_misreads(pipeline, folder):
    read = bare_zxing = bare_pyzbar = 0
    for path, expected in samples(folder):
        image = cv2.imread(str(path), cv2.IMREAD_UNCHANGED)
        found = pipeline.decode(image)
        wrong = [d for d in found if not expected_matches(d, expected)]
        assert not wrong, f"{path.name}: read {wrong}, expected {expected!r}"
        read += bool(found)
        bare_zxing += any(expected_matches(d, expected) for d in pipeline.decode_bare_zxing(image))
        bare_pyzbar += any(expected_matches(d, expected) for d in pipeline.decode_bare_pyzbar(image))
    assert read >= max(bare_zxing, bare_pyzbar), (read, bare_zxing, bare_pyzbar)
    assert read > 0


@needs_samples
def test_hard_photos_read_by_retries_beat_both_libraries_together(pipeline):
    """ean13-2, upca-2 and upca-5 are folders upstream calls hard; together the libraries read 43."""
    read = either = 0
    for folder in ("ean13-2", "upca-2", "upca-5", "ean13-4"):
        for path, expected in samples(folder):
            image = cv2.imread(str(path), cv2.IMREAD_UNCHANGED)
            read += any(expected_matches(d, expected) for d in pipeline.decode(image))
            either += any(expected_matches(d, expected)
                          for d in pipeline.decode_bare_zxing(image) + pipeline.decode_bare_pyzbar(image))
    assert read > either, (read, either)


@needs_samples
def test_tilted_1d_photos_read_by_rotation_retries(pipeline):
    from drivers.decoding import _rotate

    read = either = misread = misread_alone = 0
    by_retry = set()
    for folder in ("ean13-1", "ean13-3", "upca-1", "upca-3"):
        for path, expected in samples(folder):
            image, _ = _rotate(cv2.imread(str(path), cv2.IMREAD_GRAYSCALE), 30)
            found = pipeline.decode(image)
            read += any(expected_matches(d, expected) for d in found)
            misread += sum(not expected_matches(d, expected) for d in found)
            by_retry |= {d.decoder for d in found if d.decoder.startswith("zxing/tilted")}
            alone = pipeline.decode_bare_zxing(image) + pipeline.decode_bare_pyzbar(image)
            either += any(expected_matches(d, expected) for d in alone)
            misread_alone += sum(not expected_matches(d, expected) for d in alone)
    assert read > either, (read, either)
    assert by_retry
    # tilted photos make both libraries misread now and then; the pipeline must not add to that
    assert misread <= misread_alone, (misread, misread_alone)


# ------------------------------------------------------------------------------- generated codes


def test_qr_in_a_720p_frame_with_its_outline(pipeline):
    code = code_image("https://shop.example/o/A-1029?v=1", "QRCode", scale=5)
    found = pipeline.decode(camera_frame(code, at=(400, 200)))
    assert [(d.symbology, d.text) for d in found] == [("qr", "https://shop.example/o/A-1029?v=1")]
    x0, y0, x1, y1 = found[0].bounds()
    assert 400 <= x0 < x1 <= 400 + code.shape[1] and 200 <= y0 < y1 <= 200 + code.shape[0]
    assert len(found[0].polygon) == 4


def test_dark_mode_qr_light_on_dark(pipeline):
    code = 255 - code_image("ORDER-77821", "QRCode", scale=5)
    frame = np.full((720, 1280), 20, np.uint8)
    frame[200:200 + code.shape[0], 500:500 + code.shape[1]] = code
    found = pipeline.decode(frame)
    assert [(d.symbology, d.text) for d in found] == [("qr", "ORDER-77821")]
    assert found[0].decoder == "zxing/inverted"


@pytest.mark.parametrize("decoder", ["zxing", "pyzbar", "both"])
@pytest.mark.parametrize("fmt, text, symbology, read_as", [
    ("EAN13", "4006381333931", "ean13", "4006381333931"),
    ("UPCA", "036602301467", "upca", "036602301467"),
    ("EAN8", "96385074", "ean8", "96385074"),
    ("Code128", "B-00042-1", "code128", "B-00042-1"),
])
def test_one_spelling_per_code_whichever_library_reads_it(decoder, fmt, text, symbology, read_as):
    found = DecodePipeline(decoder, budget_ms=1000).decode(camera_frame(code_image(text, fmt, 3)))
    if decoder == "both" and symbology == "ean8":  # a pyzbar-only EAN-8 would not count; zxing reads this one
        assert found and found[0].decoder.startswith("zxing")
    assert [(d.symbology, d.text, d.raw) for d in found] == [(symbology, read_as, read_as.encode())]


def test_upc_e_is_eight_digits():
    found = DecodePipeline("zxing").decode(camera_frame(code_image("01234565", "UPCE", 3)))
    assert [(d.symbology, d.text) for d in found] == [("upce", "01234565")]
    assert upca_from_upce("01234565") == "012345000065"
    assert upce_from_upca("012345000065") == "01234565"


def test_data_matrix_is_zxing_only():
    frame = camera_frame(code_image("ITEM-8812-3", "DataMatrix", 6))
    assert [d.text for d in DecodePipeline("both").decode(frame)] == ["ITEM-8812-3"]
    assert DecodePipeline("pyzbar").decode(frame) == []


def test_two_codes_in_one_frame_each_once(pipeline):
    frame = camera_frame(code_image("PAY-1", "QRCode", 5), at=(100, 100))
    code = code_image("B-00042-1", "Code128", 3)
    frame[400:400 + code.shape[0], 700:700 + code.shape[1]] = cv2.cvtColor(code, cv2.COLOR_GRAY2BGR)
    found = pipeline.decode(frame)
    assert sorted((d.symbology, d.text) for d in found) == [("code128", "B-00042-1"), ("qr", "PAY-1")]


def test_formats_restrict_what_is_read():
    frame = camera_frame(code_image("B-00042-1", "Code128", 3))
    assert DecodePipeline("both", formats=("qr",)).decode(frame) == []


def test_decode_events_carry_source_and_latency(pipeline):
    import time

    events = pipeline.decode_events(camera_frame(code_image("PAY-2", "QRCode", 5)), "camera:0",
                                    captured_at=time.monotonic())
    assert [(e.text, e.raw, e.symbology, e.source) for e in events] == [("PAY-2", b"PAY-2", "qr", "camera:0")]
    assert events[0].latency_ms is not None and events[0].latency_ms >= 0
    assert events[0].ts.tzinfo is not None


def test_a_blank_frame_reads_nothing(pipeline):
    assert pipeline.decode(camera_frame(np.full((10, 10), 140, np.uint8))) == []


@pytest.mark.parametrize("image", [
    None, "not an image", np.zeros((0, 0), np.uint8), np.zeros((3, 3), np.uint8), np.zeros((100, 100), np.float32),
    np.zeros((100, 100, 2), np.uint8), np.zeros((4, 100, 100, 3), np.uint8), np.zeros((100, 100), np.uint16),
])
def test_bad_images_give_nothing_and_never_raise(pipeline, image):
    assert pipeline.decode(image) == []
    assert pipeline.decode_bare_zxing(image) == []
    assert pipeline.decode_events(image, "camera:0") == []


def test_non_contiguous_and_bgra_images_are_read(pipeline):
    frame = camera_frame(code_image("PAY-3", "QRCode", 5))
    bgra = cv2.cvtColor(frame, cv2.COLOR_BGR2BGRA)
    assert [d.text for d in pipeline.decode(bgra)] == ["PAY-3"]
    assert [d.text for d in pipeline.decode(frame[:, ::-1][:, ::-1])] == ["PAY-3"]


def test_bad_settings_are_refused_with_what_is_allowed():
    with pytest.raises(ValueError, match="use 'zxing', 'pyzbar' or 'both'"):
        DecodePipeline("opencv")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="aztec"):
        DecodePipeline(formats=("qr", "maxi"))


def test_decoded_is_a_frozen_value():
    d = Decoded("x", b"x", "qr", ((0, 0), (1, 0), (1, 1), (0, 1)))
    with pytest.raises(AttributeError):
        d.text = "y"  # type: ignore[misc]


# ------------------------------------------------------------------------------- image files


def test_image_file_gives_scan_events(tmp_path, pipeline):
    path = tmp_path / "order.png"
    cv2.imwrite(str(path), camera_frame(code_image("PAY-4", "QRCode", 5)))
    events = decode_image_file(path, pipeline)
    assert [(e.text, e.symbology, e.source) for e in events] == [("PAY-4", "qr", f"file:{path}")]


@needs_samples
def test_sample_webp_file(pipeline):
    path, expected = samples("qrcode-1")[0]
    events = decode_image_file(path, pipeline)
    assert [e.text.encode() for e in events] == [expected]


def test_image_file_without_codes_is_an_empty_list(tmp_path):
    path = tmp_path / "blank.jpg"
    cv2.imwrite(str(path), np.full((200, 300, 3), 200, np.uint8))
    assert decode_image_file(path) == []


@pytest.mark.parametrize("name, content, message", [
    ("missing.png", None, "no such file"),
    ("empty.png", b"", "the file is empty"),
    ("notes.png", b"this is a shopping list, not a picture\n" * 20, "not an image OpenCV can read"),
])
def test_unreadable_files_raise_a_clear_error(tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ImageUnreadable, match=message) as exc:
        decode_image_file(path)
    assert str(path) in str(exc.value)


def test_a_folder_is_not_an_image(tmp_path):
    with pytest.raises(ImageUnreadable, match="is a folder"):
        decode_image_file(tmp_path)


def test_huge_images_are_read_reduced(tmp_path):
    big = np.full((4200, 5600), 235, np.uint8)  # 23.5 megapixels
    code = code_image("PAY-BIG", "QRCode", 40)
    big[1000:1000 + code.shape[0], 2000:2000 + code.shape[1]] = code
    path = tmp_path / "big.png"
    cv2.imwrite(str(path), big)
    image = load_image(path)
    assert image.size <= 12_000_000 and image.ndim == 2
    assert [e.text for e in decode_image_file(path)] == ["PAY-BIG"]
