"""Reads back the raster images (GS v 0) of an ESC/POS job, as a printer would print them:
consecutive raster commands of one width stack into one image (receipts.escpos_render slices a
tall image into several). For tests that scan the printed codes off the paper."""

from __future__ import annotations

from PIL import Image

GS_V0 = b"\x1dv0"


def raster_images(job: bytes) -> list[Image.Image]:
    """Every raster image in `job` (mode "L": black 0, white 255), top to bottom."""
    images: list[Image.Image] = []
    at, last_end, last_width = 0, -1, -1
    while True:
        at = job.find(GS_V0, at)
        if at < 0:
            break
        width_bytes = job[at + 4] | job[at + 5] << 8
        height = job[at + 6] | job[at + 7] << 8
        start = at + 8
        data = job[start:start + width_bytes * height]
        bits = Image.frombytes("1", (width_bytes * 8, height), data)
        # ESC/POS: a set bit is a black dot; PIL "1": a set bit is white
        piece = bits.convert("L").point(lambda v: 255 - v)
        if at == last_end and piece.width == last_width:
            above = images[-1]
            joined = Image.new("L", (above.width, above.height + piece.height), 255)
            joined.paste(above, (0, 0))
            joined.paste(piece, (0, above.height))
            images[-1] = joined
        else:
            images.append(piece)
        last_end, last_width = start + len(data), piece.width
        at = last_end
    return images
