"""Barcode decoding: how much of zxing-cpp's sample photos (tests/data/zxing-samples, a copy of ../shared/datasets/zxing-samples, or
$ZXING_SAMPLES) the pipeline reads beside pyzbar alone and zxing-cpp alone, per symbology group;
and milliseconds per 1280x720 frame, pipeline against one bare zxing-cpp call (default settings)
on the same frames. The per-folder table goes to out_dir/decode_rates.json."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import numpy as np

from benchmarks.stats import median, row

SAMPLES = Path(os.environ.get("ZXING_SAMPLES", Path(__file__).resolve().parents[1] / "tests" / "data" / "zxing-samples"))
GROUPS = (("QR", "qrcode-"), ("EAN-13/UPC-A", ("ean13-", "upca-")), ("Code 128", "code128-"),
          ("Data Matrix", "datamatrix-"))
FRAMES = 12
REPEATS = 5


def _samples():
    import cv2

    for folder in sorted(p for p in SAMPLES.iterdir() if p.is_dir()):
        for image in sorted(folder.iterdir()):
            if image.suffix.lower() not in (".png", ".jpg", ".webp"):
                continue
            expected = next((image.with_suffix(e) for e in (".txt", ".bin") if image.with_suffix(e).exists()), None)
            if expected is None:  # qrcode-7: one message over several structured-append symbols
                continue
            data = expected.read_bytes()
            if "extension" in folder.name:
                data = data[:13]  # the counter ignores EAN add-ons: the main code is what must be read
            yield folder.name, cv2.imread(str(image), cv2.IMREAD_UNCHANGED), data


def _decode_rates(out_dir: Path) -> list[dict]:
    from drivers.decoding import DecodePipeline, expected_matches

    pipeline = DecodePipeline("both")
    ways = {"pyzbar": pipeline.decode_bare_pyzbar, "zxing-cpp": pipeline.decode_bare_zxing, "pipeline": pipeline.decode}
    folders: dict[str, dict[str, int]] = {}
    for folder, image, expected in _samples():
        counts = folders.setdefault(folder, {"images": 0, **{w: 0 for w in ways}, "either library": 0})
        counts["images"] += 1
        hits = {w: any(expected_matches(d, expected) for d in decode(image)) for w, decode in ways.items()}
        for w, hit in hits.items():
            counts[w] += hit
        counts["either library"] += hits["pyzbar"] or hits["zxing-cpp"]

    def total(names):
        out = {"images": 0, "pyzbar": 0, "zxing-cpp": 0, "pipeline": 0, "either library": 0}
        for n in names:
            for k in out:
                out[k] += folders[n][k]
        return out

    groups = {label: total([f for f in folders if f.startswith(prefix)]) for label, prefix in GROUPS}
    groups["all"] = total(folders)
    (out_dir / "decode_rates.json").write_text(
        json.dumps({"dataset": str(SAMPLES), "folders": folders, "groups": groups}, indent=2) + "\n")
    _print_table(folders, groups)

    rows = []
    for label, c in groups.items():
        n = c["images"]
        best = max(("pyzbar", "zxing-cpp"), key=lambda w: c[w])
        rows.append(row(f"decode rate {label}, {n} photos (pipeline)", 100 * c["pipeline"] / n, 100 * c[best] / n, "%",
                        f"{best} alone (best single library); both together {100 * c['either library'] / n:.1f} %",
                        read=c["pipeline"], baseline_read=c[best], images=n))
    return rows


def _print_table(folders: dict, groups: dict) -> None:
    cols = ("images", "pyzbar", "zxing-cpp", "either library", "pipeline")
    print("| folder | " + " | ".join(cols) + " |")
    print("|---" * (len(cols) + 1) + "|")
    for name, c in list(folders.items()) + [(f"**{k}**", v) for k, v in groups.items()]:
        print(f"| {name} | " + " | ".join(str(c[k]) for k in cols) + " |")
    print()


def _frames() -> tuple[list[np.ndarray], list[np.ndarray]]:
    """1280x720 gray counters with sensor noise; one QR (a voucher-sized text) at varying places."""
    import cv2
    import zxingcpp

    rng = np.random.default_rng(20)
    with_code, blank = [], []
    for i in range(FRAMES):
        base = np.clip(rng.normal(140, 25, (720, 1280)), 0, 255).astype(np.uint8)
        base = cv2.GaussianBlur(base, (5, 5), 0)
        blank.append(base.copy())
        text = f"https://shop.example/pay/o/{100000 + i}?v=eyJhbGciOiJFZERTQSJ9.{'x' * 60}"
        code = np.array(zxingcpp.write_barcode_to_image(zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode),
                                                        scale=4))
        y, x = int(rng.integers(0, 720 - code.shape[0])), int(rng.integers(0, 1280 - code.shape[1]))
        base[y:y + code.shape[0], x:x + code.shape[1]] = code
        with_code.append(cv2.cvtColor(base, cv2.COLOR_GRAY2BGR))
    return with_code, [cv2.cvtColor(b, cv2.COLOR_GRAY2BGR) for b in blank]


def _ms(decode, frames) -> tuple[float, int]:
    times, read = [], 0
    for _ in range(REPEATS):
        for frame in frames:
            t0 = time.perf_counter()
            found = decode(frame)
            times.append((time.perf_counter() - t0) * 1000)
            read += bool(found)
    return median(times), read


def _frame_times() -> list[dict]:
    from drivers.decoding import DecodePipeline

    pipeline = DecodePipeline("both")
    with_code, blank = _frames()
    pipeline.decode(with_code[0]), pipeline.decode_bare_zxing(with_code[0])  # warm-up: imports, tables
    rows = []
    for label, frames in (("one QR", with_code), ("no code", blank)):
        ms, read = _ms(pipeline.decode, frames)
        bare_ms, bare_read = _ms(pipeline.decode_bare_zxing, frames)
        rows.append(row(f"decode a 1280x720 frame, {label}, median of {FRAMES * REPEATS} (pipeline, both libraries)",
                        ms, bare_ms, "ms", "one zxing-cpp call, default settings (all formats), same frames",
                        frames_read=read, baseline_frames_read=bare_read))
    return rows


def run(out_dir: Path) -> list[dict]:
    if not SAMPLES.is_dir():
        raise SystemExit(f"decoding benchmark: zxing-samples not found at {SAMPLES}; set ZXING_SAMPLES")
    return _decode_rates(out_dir) + _frame_times()


if __name__ == "__main__":
    out = Path(__file__).resolve().parent / "out"
    out.mkdir(exist_ok=True)
    from benchmarks.__main__ import print_table

    print_table(run(out))
