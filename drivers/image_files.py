"""Scanning an image file: every code in a photo or screenshot, for `scan --source file:PATH`,
technicians' tests and refund photos."""

from __future__ import annotations

import os
import time
import warnings
from pathlib import Path

import numpy as np

from drivers.decoding import DecodePipeline, image_problem
from pos_terminal.ports import ScanEvent

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_DECODE_PIXELS = 12_000_000  # bigger images are read reduced by the codec, then scaled down
MAX_SOURCE_PIXELS = 200_000_000  # beyond this even a reduced decode needs too much memory
FILE_BUDGET_MS = 1000.0  # a file is decoded once: it gets every retry a frame would get and more


class ImageUnreadable(Exception):
    """The file cannot be read as an image; the message names the file, the cause and what to do."""


def load_image(path: str | os.PathLike) -> np.ndarray:
    """The image at `path` as gray uint8, at most about MAX_DECODE_PIXELS; raises ImageUnreadable."""
    import cv2

    p = Path(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise ImageUnreadable(f"{p}: no such file; check the path") from None
    except OSError as exc:
        raise ImageUnreadable(f"{p}: cannot read it ({exc.strerror or exc}); check the path and permissions") from None
    if p.is_dir():
        raise ImageUnreadable(f"{p}: is a folder, not an image file")
    if size == 0:
        raise ImageUnreadable(f"{p}: the file is empty")
    if size > MAX_FILE_BYTES:
        raise ImageUnreadable(f"{p}: {size // (1024 * 1024)} MB is more than the {MAX_FILE_BYTES // (1024 * 1024)} MB "
                              "an image file may have; save a smaller copy (PNG, JPEG or WebP)")
    try:
        data = np.fromfile(p, dtype=np.uint8)
    except OSError as exc:
        raise ImageUnreadable(f"{p}: cannot read it ({exc.strerror or exc}); check permissions") from None
    # A huge photo decoded at full size can take gigabytes: ask the codec for a reduced copy.
    pixels = _header_pixels(p)
    if pixels is not None and pixels > MAX_SOURCE_PIXELS:
        raise ImageUnreadable(f"{p}: {pixels / 1e6:.0f} megapixels is more than the {MAX_SOURCE_PIXELS // 1_000_000} "
                              "an image may have; save a smaller copy")
    flag = cv2.IMREAD_GRAYSCALE
    if pixels is not None and pixels > MAX_DECODE_PIXELS:
        reduction = pixels / MAX_DECODE_PIXELS
        flag = (cv2.IMREAD_REDUCED_GRAYSCALE_8 if reduction > 16 else
                cv2.IMREAD_REDUCED_GRAYSCALE_4 if reduction > 4 else
                cv2.IMREAD_REDUCED_GRAYSCALE_2)
    try:
        image = cv2.imdecode(data, flag)
    except cv2.error:
        image = None
    if image is None:
        raise ImageUnreadable(f"{p}: not an image OpenCV can read; use PNG, JPEG, WebP, BMP or TIFF")
    if image.size > MAX_DECODE_PIXELS:
        scale = (MAX_DECODE_PIXELS / image.size) ** 0.5
        image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    problem = image_problem(image)
    if problem:
        raise ImageUnreadable(f"{p}: {problem}")
    return image


def decode_image_file(path: str | os.PathLike, pipeline: DecodePipeline | None = None, *,
                      budget_ms: float = FILE_BUDGET_MS) -> list[ScanEvent]:
    """Every code in the image at `path`, as ScanEvents from source "file:<path>" (an empty list
    when it holds none). Raises ImageUnreadable when the file is missing or not an image."""
    start = time.monotonic()
    image = load_image(path)
    pipeline = pipeline or DecodePipeline()
    return pipeline.decode_events(image, f"file:{path}", captured_at=start, budget_ms=budget_ms)


def _header_pixels(path: Path) -> int | None:
    """Width x height from the file's header without decoding it; None when unknown."""
    try:
        from PIL import Image  # Pillow comes with python-escpos
    except ImportError:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as img:
                width, height = img.size
    except Image.DecompressionBombError:
        return MAX_SOURCE_PIXELS + 1
    except Exception:  # not an image Pillow knows: OpenCV decides below
        return None
    return width * height
