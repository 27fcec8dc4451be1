"""Photos of a defect for refund intake (OpenCV): resized to at most 1280 px on the long side and
JPEG-compressed, with the sha256 of the bytes the platform will get. Pure functions; call them on
a worker (encoding a 720p frame takes a few milliseconds)."""

from __future__ import annotations

from pathlib import Path

from pos_terminal.services.refunds import PhotoData

MAX_SIDE = 1280
JPEG_QUALITY = 85


class PhotoError(ValueError):
    """An image that could not be read or encoded; the message says which and why."""


def prepare_frame(frame, *, max_side: int = MAX_SIDE, quality: int = JPEG_QUALITY) -> PhotoData:
    """A BGR (or grey) frame to a PhotoData: scaled down (never up) so the long side is at most
    `max_side`, JPEG at `quality`."""
    import cv2

    if frame is None or getattr(frame, "ndim", 0) not in (2, 3) or frame.size == 0:
        raise PhotoError("no image: the camera gave no frame")
    height, width = frame.shape[:2]
    scale = min(1.0, max_side / max(height, width))
    if scale < 1.0:
        frame = cv2.resize(frame, (max(1, round(width * scale)), max(1, round(height * scale))),
                           interpolation=cv2.INTER_AREA)
    ok, buf = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, int(quality)])
    if not ok:
        raise PhotoError("the photo could not be encoded as JPEG")
    h, w = frame.shape[:2]
    return PhotoData.of(buf.tobytes(), "image/jpeg", w, h)


def prepare_file(path: str | Path, **kw) -> PhotoData:
    """An image file (JPEG, PNG, WebP, BMP, ...) to a PhotoData, resized and re-encoded."""
    import cv2
    import numpy as np

    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise PhotoError(f"{path}: cannot read the file ({exc.strerror or exc})") from None
    frame = cv2.imdecode(np.frombuffer(raw, dtype=np.uint8), cv2.IMREAD_COLOR)
    if frame is None:
        raise PhotoError(f"{path}: not an image this terminal can read (JPEG, PNG, WebP or BMP)")
    return prepare_frame(frame, **kw)


def decode_jpeg(data: bytes):
    """JPEG bytes back to a BGR frame (thumbnails, tests)."""
    import cv2
    import numpy as np

    return cv2.imdecode(np.frombuffer(data, dtype=np.uint8), cv2.IMREAD_COLOR)
