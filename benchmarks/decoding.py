"""Barcode decoding, three figures:

1. Frame time. Milliseconds per 1280x720 counter frame (benchmarks/counter_photos.counter_frame:
   a counter with boxes, print and a receipt), with one voucher QR code and with no code (what a
   camera mostly sees), the pipeline against one zxing-cpp call restricted to the formats the
   pipeline reads (its other settings at their defaults: rotation, inversion, downscaling).
2. Counter photos the pipeline was not tuned on: benchmarks/counter_photos at MEASURING_SEED,
   per kind of code, the pipeline and each bare library (zxing-cpp, pyzbar, OpenCV's QR and
   barcode detectors: one call each, default settings) against their union (a photo counts when
   any of them reads it). Per scenario in the printed table and in out_dir/counter_photos.json.
   The decoder was tuned on TUNING_SEED only: `python -m benchmarks.decoding --seed tuning`.
3. zxing-cpp's sample photos (tests/data/zxing-samples, a copy of ../shared/datasets/zxing-samples,
   or $ZXING_SAMPLES): the pipeline beside pyzbar alone and zxing-cpp alone, per symbology group
   (the retries were first tuned on these: not an unseen set). Per folder in out_dir/decode_rates.json.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import numpy as np

from benchmarks import counter_photos
from benchmarks.goals import Goal
from benchmarks.stats import median, p95, row

SAMPLES = Path(os.environ.get("ZXING_SAMPLES", Path(__file__).resolve().parents[1] / "tests" / "data" / "zxing-samples"))
GROUPS = (("QR", "qrcode-"), ("EAN-13/UPC-A", ("ean13-", "upca-")), ("Code 128", "code128-"),
          ("Data Matrix", "datamatrix-"))
FRAMES = 12
REPEATS = 5
PER_CELL = int(os.environ.get("COUNTER_PHOTOS_PER_CELL", counter_photos.PER_CELL))
LIBRARIES = ("zxing-cpp", "pyzbar", "OpenCV")
# the scenarios the issue singles out: (label, kinds or None for all, scenarios)
HARD = (
    ("1D code at any angle with blur", counter_photos.LINEAR_KINDS, ("rotation + blur",)),
    ("perspective with glare", None, ("perspective + glare",)),
    ("strong motion blur (9-12 px)", None, ("motion 9-12 px",)),
)
CLEARLY_MORE = 1.1  # "clearly more than the union": at least 10 % more photos read


# ----------------------------------------------------------------------- 1. frame time


def _frames() -> tuple[list[np.ndarray], list[np.ndarray]]:
    with_code = [counter_photos.counter_frame(1000 + i, kind="voucher QR")[0] for i in range(FRAMES)]
    blank = [counter_photos.counter_frame(2000 + i)[0] for i in range(FRAMES)]
    return with_code, blank


def _ms(decode: Callable, frames: list[np.ndarray]) -> tuple[list[float], int]:
    times, read = [], 0
    for frame in frames:
        t0 = time.perf_counter()
        found = decode(frame)
        times.append((time.perf_counter() - t0) * 1000)
        read += bool(found)
    return times, read


def _frame_times() -> list[dict]:
    from drivers.decoding import DecodePipeline

    pipeline = DecodePipeline("both")
    with_code, blank = _frames()
    for frame in (with_code[0], blank[0]):  # warm-up: imports, tables, cost estimates
        pipeline.decode(frame), pipeline.decode_bare_zxing(frame, restricted=True)

    def baseline(frame):
        return pipeline.decode_bare_zxing(frame, restricted=True)

    rows = []
    for label, frames, goal in (("one QR", with_code, Goal(max_ratio=1.0)), ("no code", blank, Goal(max_ratio=1.2))):
        times, read = [], 0
        bare_times, bare_read = [], 0
        for _ in range(REPEATS):  # interleaved: a busy machine slows both alike
            t, r = _ms(pipeline.decode, frames)
            bt, br = _ms(baseline, frames)
            times += t
            read += r
            bare_times += bt
            bare_read += br
        n = len(times)
        rows.append(row(f"decode a 1280x720 counter frame, {label}, median of {n} (pipeline, both libraries)",
                        median(times), median(bare_times), "ms",
                        "one zxing-cpp call restricted to the pipeline's formats, same frames", goal=goal,
                        frames_read=read, baseline_frames_read=bare_read, p95_ms=round(p95(times), 2),
                        baseline_p95_ms=round(p95(bare_times), 2)))
    return rows


# ----------------------------------------------------------------------- 2. counter photos


def _opencv_reader() -> Callable[[np.ndarray], list[str]] | None:
    try:
        import cv2

        detectors = [cv2.QRCodeDetector(), cv2.QRCodeDetectorAruco()]
        barcodes = cv2.barcode.BarcodeDetector()
    except (ImportError, AttributeError):
        return None

    def read(gray: np.ndarray) -> list[str]:
        texts = []
        for detector in detectors:
            try:
                data = detector.detectAndDecodeBytes(gray)[0]
            except cv2.error:
                continue
            if data:
                texts.append(bytes(data).decode("utf-8", errors="replace"))
        try:
            ok, decoded, _, _ = barcodes.detectAndDecodeWithType(gray)
            texts += [t for t in decoded if t] if ok else []
        except cv2.error:
            pass
        return texts

    return read


def _same(text: str, expected: str) -> bool:
    """One code, whichever spelling: UPC-A as 12 digits or as its 13-digit EAN-13 form."""
    if text == expected:
        return True
    return (len(text) == 13 and text[0] == "0" and text[1:] == expected) or (
        len(expected) == 13 and expected[0] == "0" and expected[1:] == text)


def photo_rates(seed: int, per_cell: int = PER_CELL) -> list[dict]:
    """One record per photo: kind, scenario, and for each decoder whether it read the code and how
    many other codes it claimed (misreads: every photo holds one code)."""
    import cv2

    from drivers.decoding import DecodePipeline

    pipeline = DecodePipeline("both")
    opencv = _opencv_reader()
    decoders: dict[str, Callable[[np.ndarray], list[str]]] = {
        "zxing-cpp": lambda g: [d.text for d in pipeline.decode_bare_zxing(g)],
        "pyzbar": lambda g: [d.text for d in pipeline.decode_bare_pyzbar(g)],
        "pipeline": lambda g: [d.text for d in pipeline.decode(g)],
    }
    if opencv is not None:
        decoders["OpenCV"] = opencv
    try:  # OpenCV's QR decoder logs an error for every symbol mode it does not know
        cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_SILENT)
    except AttributeError:
        pass
    records = []
    for photo in counter_photos.generate(seed, per_cell):
        record: dict = {"kind": photo.kind, "scenario": photo.scenario, "index": photo.index}
        for name, decode in decoders.items():
            texts = decode(photo.image)
            record[name] = any(_same(t, photo.text) for t in texts)
            record[f"{name} misreads"] = sum(not _same(t, photo.text) for t in texts)
        record["union"] = any(record.get(name, False) for name in LIBRARIES)
        records.append(record)
    return records


def _tally(records: list[dict]) -> dict:
    out = {"photos": len(records)}
    for name in (*LIBRARIES, "union", "pipeline"):
        out[name] = sum(bool(r.get(name)) for r in records)
        if name not in ("union",):
            out[f"{name} misreads"] = sum(r.get(f"{name} misreads", 0) for r in records)
    return out


def summarize(records: list[dict]) -> dict:
    by_kind = defaultdict(list)
    by_scenario = defaultdict(list)
    for r in records:
        by_kind[r["kind"]].append(r)
        by_scenario[r["scenario"]].append(r)
    hard = {}
    for label, kinds, scenarios in HARD:
        hard[label] = _tally([r for r in records if (kinds is None or r["kind"] in kinds) and r["scenario"] in scenarios])
    return {"kinds": {k: _tally(v) for k, v in by_kind.items()},
            "scenarios": {k: _tally(v) for k, v in by_scenario.items()},
            "hard": hard, "all": _tally(records)}


def print_summary(summary: dict, title: str) -> None:
    cols = ("photos", *LIBRARIES, "union", "pipeline")
    for section in ("kinds", "scenarios", "hard"):
        print(f"{title}, per {section.rstrip('s') if section != 'hard' else 'hard case'}:")
        print("| | " + " | ".join(cols) + " | misreads (pipeline / zxing-cpp / pyzbar / OpenCV) |")
        print("|---" * (len(cols) + 2) + "|")
        items = list(summary[section].items()) + ([("**all**", summary["all"])] if section != "hard" else [])
        for name, t in items:
            bad = " / ".join(str(t.get(f"{n} misreads", "-")) for n in ("pipeline", *LIBRARIES))
            print(f"| {name} | " + " | ".join(str(t.get(c, "-")) for c in cols) + f" | {bad} |")
        print()


def _counter_photo_rows(out_dir: Path) -> list[dict]:
    seed = counter_photos.MEASURING_SEED
    records = photo_rates(seed)
    summary = summarize(records)
    (out_dir / "counter_photos.json").write_text(json.dumps(
        {"seed": seed, "per_cell": PER_CELL, "summary": summary, "photos": records}, indent=1) + "\n")
    print_summary(summary, f"counter photos, measuring seed {seed}")

    rows = []

    def add(label: str, t: dict, goal_for_pipeline: Goal | None) -> None:
        n, union = t["photos"], t["union"]
        for name in ("pipeline", *LIBRARIES):
            if name not in t or (name == "OpenCV" and "OpenCV misreads" not in t):
                continue
            goal = goal_for_pipeline if name == "pipeline" else None
            rows.append(row(f"counter photos read, {label}, {n} photos ({name})", 100 * t[name] / n,
                            100 * union / n, "%", "the union of zxing-cpp, pyzbar and OpenCV (any of them reads it)",
                            goal=goal, read=t[name], union_read=union, photos=n, misreads=t[f"{name} misreads"],
                            seed=seed))

    more = Goal(min_ratio=CLEARLY_MORE, text=f"≥ {CLEARLY_MORE:g}× the union (clearly more)")
    at_least = Goal(min_ratio=1.0, text="≥ the union")
    for kind, t in summary["kinds"].items():
        add(kind, t, at_least)
    add("all kinds", summary["all"], more)
    for label, t in summary["hard"].items():
        add(label, t, more)
    return rows


# ----------------------------------------------------------------------- 3. zxing-cpp's samples


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
        rows.append(row(f"decode rate {label}, {n} zxing-cpp sample photos (pipeline)", 100 * c["pipeline"] / n,
                        100 * c[best] / n, "%",
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


def run(out_dir: Path) -> list[dict]:
    rows = _frame_times() + _counter_photo_rows(out_dir)
    if SAMPLES.is_dir():
        rows += _decode_rates(out_dir)
    else:
        print(f"decoding benchmark: zxing-samples not found at {SAMPLES} (set ZXING_SAMPLES): sample rows skipped")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The decoding benchmark, or the counter-photo rates of one seed.")
    parser.add_argument("--seed", help="only the counter-photo table of this seed: 'tuning', 'measuring' or a number")
    parser.add_argument("--per-cell", type=int, default=PER_CELL)
    args = parser.parse_args(argv)
    out = Path(__file__).resolve().parent / "out"
    out.mkdir(exist_ok=True)
    if args.seed:
        seed = counter_photos.SEEDS.get(args.seed) or (int(args.seed) if args.seed.isdigit() else None)
        if seed is None:
            parser.error(f"--seed {args.seed!r}: use 'tuning', 'measuring' or a number")
        records = photo_rates(seed, args.per_cell)
        print_summary(summarize(records), f"counter photos, seed {seed}")
        (out / f"counter_photos_{seed}.json").write_text(json.dumps(records, indent=1) + "\n")
        return 0
    from benchmarks.__main__ import print_table

    print_table(run(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
