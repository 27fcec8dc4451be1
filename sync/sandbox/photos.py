"""Refund photos on the platform: what an upload is turned into before it is kept, and who may
see one.

An upload is decoded with Pillow (JPEG, PNG or WebP only) and re-encoded as a fresh JPEG without
any metadata (no EXIF, no GPS position, no comments, no ICC profile, nothing after the image): a
file that starts with JPEG's magic bytes and carries HTML or script is either decoded into its
picture alone, or refused when it holds no picture. Pixel and side limits are checked from the
header before anything is decoded (decompression bombs)."""

from __future__ import annotations

import io
import warnings

from sqlalchemy import select
from sqlalchemy.engine import Connection

from sync.sandbox import db
from sync.sandbox.platform import MAX_PHOTO_BYTES, PHOTO_TYPES, ApiError

MAX_SIDE = 10_000  # pixels, either side
MAX_PIXELS = 40_000_000  # a 40-megapixel photo; phone cameras take 12 to 50
JPEG_QUALITY = 88
_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}
# headers every photo answer carries: the browser never guesses another type, never renders it as a page
PHOTO_HEADERS = {"X-Content-Type-Options": "nosniff", "Cache-Control": "private, no-store",
                 "Content-Security-Policy": "default-src 'none'; sandbox", "Content-Disposition": "inline"}


def reencode(data: bytes, content_type: str) -> bytes:
    """The photo as a clean JPEG, or ApiError (415 type not taken, 413 too large, 422 not a
    readable image or too many pixels)."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    if content_type not in PHOTO_TYPES:
        raise ApiError(415, "unsupported_photo_type", f"photos are {', '.join(PHOTO_TYPES)}; got {content_type!r}")
    if not data:
        raise ApiError(422, "empty_photo", "the photo file is empty")
    if len(data) > MAX_PHOTO_BYTES:
        raise ApiError(413, "photo_too_large", f"{len(data)} bytes; at most {MAX_PHOTO_BYTES}")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=list(_FORMATS.values())) as img:
                w, h = img.size
                if w > MAX_SIDE or h > MAX_SIDE or w * h > MAX_PIXELS:
                    raise ApiError(422, "photo_too_many_pixels",
                                   f"the photo is {w}x{h} pixels; at most {MAX_SIDE} a side and "
                                   f"{MAX_PIXELS // 1_000_000} megapixels: take it again at a lower resolution")
                img.load()
                picture = ImageOps.exif_transpose(img)  # upright as taken; the EXIF itself is not kept
                if picture.mode in ("RGBA", "LA") or (picture.mode == "P" and "transparency" in picture.info):
                    rgba = picture.convert("RGBA")
                    picture = Image.new("RGB", rgba.size, (255, 255, 255))
                    picture.paste(rgba, mask=rgba.getchannel("A"))
                elif picture.mode != "RGB":
                    picture = picture.convert("RGB")
    except ApiError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ApiError(422, "photo_too_many_pixels",
                       f"the photo claims more pixels than a camera takes (at most {MAX_SIDE} a side and "
                       f"{MAX_PIXELS // 1_000_000} megapixels): take it again at a lower resolution") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ApiError(422, "not_an_image",
                       f"the file could not be read as an image of type {content_type} ({type(exc).__name__}); "
                       "send a photo straight from the camera as JPEG, PNG or WebP") from None
    picture.info = {}  # comments, EXIF, ICC, XMP: the picture's pixels only go on
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)  # no exif=, no icc_profile=: none kept
    clean = out.getvalue()
    if len(clean) > MAX_PHOTO_BYTES:
        raise ApiError(413, "photo_too_large", f"the photo is {len(clean)} bytes as JPEG; at most {MAX_PHOTO_BYTES}")
    return clean


def _row(conn: Connection, photo_id: str):
    if len(photo_id) > 36:
        return None
    return conn.execute(select(db.photos).where(db.photos.c.id == photo_id)).first()


def _not_found() -> ApiError:
    return ApiError(404, "unknown_photo", "no such photo")


def for_store(conn: Connection, photo_id: str, store_id: str) -> tuple[bytes, str]:
    """A photo taken at this store (any of its terminals); another store's, and a photo the buyer
    took on the phone (no store's: only its merchant sees it), is not found (404)."""
    p = _row(conn, photo_id)
    if p is None or not store_id or p.store_id != store_id or p.buyer_id is not None:
        raise _not_found()
    return p.data, p.content_type


def for_merchant(conn: Connection, photo_id: str, merchant_id: str) -> tuple[bytes, str]:
    """A photo of a refund request of this merchant; any other is not found (404)."""
    p = _row(conn, photo_id)
    if p is None or p.refund_request_id is None:
        raise _not_found()
    owner = conn.execute(select(db.refund_requests.c.merchant_id)
                         .where(db.refund_requests.c.id == p.refund_request_id)).scalar()
    if owner != merchant_id:
        raise _not_found()
    return p.data, p.content_type
