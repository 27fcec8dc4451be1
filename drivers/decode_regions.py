"""Where a camera frame may hold a code, and the images the decode pipeline retries there.

A camera mostly sees no code, so the pipeline only retries where there is evidence of one:
`find_regions`, a gradient check on 8x8-pixel cells that costs about 3 ms on a 1280x720 frame,
and then zxing-cpp's own word on a small crop of each region (drivers/decoding.py):

1. each cell's mean gradient magnitude; cells well above the frame's median (its noise and flat
   surfaces) are busy;
2. busy cells are closed and opened with a 3x3 window: a code is a solid patch of busy cells,
   the outline of a box or a phone is a thin line and goes;
3. each remaining patch of at least MIN_CELLS cells is a region, described by its gradients: the
   strongest direction and the share of the gradient energy along it (`share`: near 1 for the
   bars of a 1D code, under a half for a QR code, whose edges run two ways), the structure
   tensor's `coherence` (a motion blur raises it), and the ink balance (a code is about as dark
   as it is light; printed text is mostly paper). `Region.code_like` and `Region.bars_like` say
   what is worth a retry.

For a region the pipeline then builds small retry images instead of working on the whole frame:

- `upright_crop`: the region turned so its bars stand upright, at any angle, sampled once
  (bicubic) at twice the resolution across the bars;
- `linear_strips`: those upright bars averaged along their length into brightness profiles (the
  whole height and its thirds, so a glare spot or a perspective squeeze spoils only some of
  them), each deblurred by Wiener deconvolution for the box blur measured across the bars
  (`blur_length`: a motion blur) and a few fixed guesses (box and disk), evened out against glare
  and shadows and drawn as 8-pixel strips stacked in one image: one decoder call tries them all;
- `area_crop` and its variants for a 2D region: `evened` (stretched between the local dark and
  light levels: glare, shadows, faded print), `stretched` (CLAHE), and `deblurred` for the motion
  blur `motion_estimate` measures on the crop (direction: the structure tensor's weak axis;
  length: where the derivative's autocorrelation dips) or for defocus.

Pure numpy/OpenCV, no decoder calls: drivers/decoding.py decides what to try and when to stop.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

CELL = 8  # pixels per side of a gradient cell
MIN_CELLS = 20  # the smallest region worth a retry: about 36x36 pixels of busy cells
BUSY_OVER_MEDIAN = 3.0  # a busy cell's gradient, against the frame's median cell
BUSY_MIN = 4.0  # ... and at least this (mean |dI/dx| + |dI/dy| over 4, in grey levels per pixel)
BUSY_MAX = 16.0  # ... but never more (a photo the code fills has a busy median)
LINEAR_SHARE = 0.5  # at least this share of the gradient in one direction: worth reading as bars
AREA_SHARE = 0.85  # below: worth reading as a 2D code (motion blur makes a QR code look like bars)
STRONG_SHARE = 0.65  # ... and this much: clearly bars (text and outlines rarely reach it)
MIN_BALANCE = 0.55
MIN_BARS_BALANCE = 0.4  # bars need less: a direction this strong is rare in text
MIN_BARS_ACROSS = 64  # pixels across the bars of a region that counts as bars without zxing-cpp's word
MIN_BARS_ALONG = 20  # darker and lighter pixels, the rarer of the two over the commoner: text is ~0.3-0.6

STRIP_ROWS = 8
STRIP_GAP = 4
UPRIGHT_STRETCH = 2  # bars turned upright are sampled at twice the frame's resolution across them
UPRIGHT_MAX_WIDTH = 2400
BOX_BLURS = (3.0, 5.0, 7.0, 9.0, 11.0)  # 1D: motion across the bars, frame pixels
DISK_BLURS = (1.5, 2.5, 3.5)  # 1D: defocus radius, frame pixels
DISK_RADII = (1.5, 2.5, 3.5)  # 2D: defocus radius, pixels
WIENER_NSR = 0.015
MEASURED_SLACK = (-1.0, -0.5, 0.0, 0.5, 1.0)  # frame pixels around a measured blur length
MEASURED_NSR = 0.004


def _cv2():
    import cv2

    return cv2


@dataclass
class Region:
    box: tuple[int, int, int, int]  # x0, y0, x1, y1 in frame pixels (x1, y1 exclusive)
    cells: int  # busy cells in the patch (a measure of its size)
    contrast: float  # mean gradient of its cells
    angle: float = 0.0  # dominant gradient direction, degrees in [0, 180): 0 = bars upright
    coherence: float = 0.0  # the structure tensor's: 1 when every gradient is parallel, 0 when no direction wins
    share: float = 0.0  # the gradient energy within 7.5 degrees of the strongest direction
    pair_share: float = 0.0  # ... of the strongest two directions (a QR code's edges have two)
    balance: float = 1.0
    points: np.ndarray | None = field(default=None, repr=False)  # Nx2 float32 corners of its cells
    hint: str = ""  # "linear" or "area" when zxing-cpp said what it saw, else ""

    @property
    def linear_like(self) -> bool:
        return self.hint == "linear" or (not self.hint and self.share >= LINEAR_SHARE)

    @property
    def area_like(self) -> bool:
        return self.hint == "area" or (not self.hint and self.share < AREA_SHARE)

    def extent(self) -> tuple[float, float]:
        """(across, along): the patch's size across its strongest direction's edges (across bars)
        and along them, in pixels."""
        if self.points is None or len(self.points) == 0:
            return 0.0, 0.0
        a = math.radians(self.angle)
        across = self.points @ np.array([math.cos(a), math.sin(a)], np.float32)
        along = self.points @ np.array([-math.sin(a), math.cos(a)], np.float32)
        return float(across.max() - across.min()), float(along.max() - along.min())

    @property
    def bars_like(self) -> bool:
        """Clearly bars: one direction, dark and light alike, wide enough for a 1D code's modules
        (an EAN-13 is 95 modules), not a thin line (the two edges of a box's side) and not taller
        than wide."""
        if self.share < STRONG_SHARE or self.balance < MIN_BARS_BALANCE:
            return False
        across, along = self.extent()
        # a 1D code is wider across its bars than they are tall (an EAN-13 about 1.4 times): lines
        # of print, whose edges also run one way, stack the other way
        return across >= MIN_BARS_ACROSS and along >= MIN_BARS_ALONG and across >= 0.8 * along

    @property
    def code_like(self) -> bool:
        """Strong enough evidence to spend retries on: zxing saw a symbol here, or clear bars, or
        a patch about as dark as it is light (what a code is, and most printed text is not)."""
        return bool(self.hint) or self.balance >= MIN_BALANCE or self.bars_like

    @property
    def score(self) -> float:
        return self.cells * self.contrast * (0.5 + self.balance) * (2.0 if self.hint else 1.0)


# ----------------------------------------------------------------------- finding regions


def cell_gradients(gray: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mean (|dI/dx| + |dI/dy|) / 4 per CELLxCELL cell (uint8), and the Sobel gradients (int16)."""
    cv2 = _cv2()
    h, w = gray.shape
    gx = cv2.Sobel(gray, cv2.CV_16S, 1, 0, ksize=3)
    gy = cv2.Sobel(gray, cv2.CV_16S, 0, 1, ksize=3)
    mag = cv2.add(cv2.convertScaleAbs(gx, alpha=0.25), cv2.convertScaleAbs(gy, alpha=0.25))
    ch, cw = h // CELL, w // CELL
    return cv2.resize(mag[:ch * CELL, :cw * CELL], (cw, ch), interpolation=cv2.INTER_AREA), gx, gy


def find_regions(gray: np.ndarray, limit: int = 6) -> list[Region]:
    """Patches of `gray` that may hold a code, best first, at most `limit`."""
    cv2 = _cv2()
    if gray.shape[0] < 3 * CELL or gray.shape[1] < 3 * CELL:
        return []
    cells, gx, gy = cell_gradients(gray)
    threshold = min(BUSY_MAX, max(BUSY_MIN, BUSY_OVER_MEDIAN * float(np.median(cells))))
    busy = (cells > threshold).astype(np.uint8)
    kernel = np.ones((3, 3), np.uint8)
    busy = cv2.morphologyEx(busy, cv2.MORPH_CLOSE, kernel)
    busy = cv2.morphologyEx(busy, cv2.MORPH_OPEN, kernel)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(busy, connectivity=8)
    patches = [i for i in range(1, count) if stats[i, 4] >= MIN_CELLS]
    patches.sort(key=lambda i: -int(stats[i, 4]))
    found = []
    for i in patches[:2 * limit]:
        x, y, w, h, area = (int(v) for v in stats[i])
        mine = labels[y:y + h, x:x + w] == i
        contrast = float(cells[y:y + h, x:x + w][mine].mean())
        ys, xs = np.nonzero(mine)
        corners = np.concatenate([np.stack([xs + dx + x, ys + dy + y], axis=1) for dx in (0, 1) for dy in (0, 1)])
        region = Region((x * CELL, y * CELL, (x + w) * CELL, (y + h) * CELL), area, contrast,
                        points=(corners * CELL).astype(np.float32))
        _describe(gray, region, mine, gx, gy)
        found.append(region)
    found.sort(key=lambda r: r.score, reverse=True)
    return found[:limit]


def _describe(gray: np.ndarray, region: Region, mine: np.ndarray, gx: np.ndarray | None = None,
              gy: np.ndarray | None = None) -> None:
    """Fill in angle, coherence, share and balance from the region's own pixels (every other
    pixel of every other row: plenty for a direction, a quarter of the work)."""
    cv2 = _cv2()
    x0, y0, x1, y1 = region.box
    crop = gray[y0:y1, x0:x1]
    if gx is None or gy is None:
        sx = cv2.Sobel(crop, cv2.CV_32F, 1, 0, ksize=3)[::2, ::2]
        sy = cv2.Sobel(crop, cv2.CV_32F, 0, 1, ksize=3)[::2, ::2]
    else:
        sx = gx[y0:y1:2, x0:x1:2].astype(np.float32)
        sy = gy[y0:y1:2, x0:x1:2].astype(np.float32)
    step = CELL // 2  # cells of the subsampled crop
    inside = np.repeat(np.repeat(mine, step, axis=0), step, axis=1)[:sx.shape[0], :sx.shape[1]]
    if inside.shape != sx.shape:
        inside = np.pad(inside, ((0, sx.shape[0] - inside.shape[0]), (0, sx.shape[1] - inside.shape[1])))
    fx, fy = sx[inside], sy[inside]
    jxx, jyy, jxy = float(np.dot(fx, fx)), float(np.dot(fy, fy)), float(np.dot(fx, fy))
    energy = jxx + jyy
    if energy <= 0:
        return
    region.coherence = math.sqrt((jxx - jyy) ** 2 + 4 * jxy * jxy) / energy
    region.angle = math.degrees(0.5 * math.atan2(2 * jxy, jxx - jyy)) % 180.0
    # the strongest single direction (a box's or a phone's outline inside the patch pulls the
    # tensor's mean direction off; it does not move the peak of the histogram)
    mag, ang = cv2.cartToPolar(fx, fy, angleInDegrees=True)
    bins = (ang.ravel() * (36 / 180.0)).astype(np.int32) % 36  # 5-degree bins over 0..180
    hist = np.bincount(bins, weights=(mag * mag).ravel(), minlength=36)
    smooth = hist + np.roll(hist, 1) + np.roll(hist, -1)  # 15 degrees around each bin
    peak = int(np.argmax(smooth))
    total = max(hist.sum(), 1e-9)
    region.share = float(smooth[peak] / total)
    rest = smooth.copy()
    rest[[(peak + k) % 36 for k in range(-6, 7)]] = 0  # the second direction: 30 degrees off or more
    region.pair_share = float((smooth[peak] + rest.max()) / total)
    left, right = smooth[peak - 1], smooth[(peak + 1) % 36]
    bend = left - 2 * smooth[peak] + right
    offset = 0.5 * (left - right) / bend if bend < 0 else 0.0  # the peak between bins
    region.angle = ((peak + 0.5 + offset) * 5.0) % 180.0
    local = cv2.blur(crop, (2 * CELL + 1, 2 * CELL + 1))[::2, ::2]
    diff = crop[::2, ::2].astype(np.int16) - local.astype(np.int16)
    diff = diff[inside[:diff.shape[0], :diff.shape[1]]]
    darker, lighter = int((diff < -2).sum()), int((diff > 2).sum())
    region.balance = min(darker, lighter) / max(darker, lighter, 1)


def region_from_polygon(gray: np.ndarray, polygon: tuple[tuple[int, int], ...], linear: bool) -> Region | None:
    """A region around a symbol zxing-cpp found but could not decode."""
    if not polygon:
        return None
    h, w = gray.shape
    xs = [p[0] for p in polygon]
    ys = [p[1] for p in polygon]
    x0, x1 = max(0, min(xs)), min(w, max(xs) + 1)
    y0, y1 = max(0, min(ys)), min(h, max(ys) + 1)
    if x1 - x0 < 8 or (y1 - y0 < 8 and not linear):
        return None
    if linear and y1 - y0 < 16:  # zxing gives a 1D code as the scan line it read on
        y0, y1 = max(0, y0 - 24), min(h, y1 + 24)
    region = Region((x0, y0, x1, y1), max(1, (x1 - x0) * (y1 - y0) // (CELL * CELL)), 0.0,
                    hint="linear" if linear else "area")
    region.points = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], np.float32)
    inside = np.ones(((y1 - y0 + CELL - 1) // CELL, (x1 - x0 + CELL - 1) // CELL), bool)
    _describe(gray, region, inside)
    return region


# ----------------------------------------------------------------------- 1D: upright strips


@dataclass(frozen=True)
class Strips:
    image: np.ndarray  # the stacked strips, uint8
    labels: list[str]  # what each strip tried, one per strip, top first
    back: Callable[[float, float], tuple[int, int]]  # a point of `image` back in the frame


def _upright(gray: np.ndarray, region: Region, margin: float = 0.12) -> tuple[np.ndarray, np.ndarray, float] | None:
    """The region turned so its dominant gradient runs along x (bars upright), with a quiet-zone
    margin left and right, stretched UPRIGHT_STRETCH times across the bars (sampled once, bicubic,
    from the frame: thin bars survive it, a second resampling would smear them). Returns the
    crop, the 2x3 affine map from the frame into it, and the stretch."""
    cv2 = _cv2()
    if region.points is None or len(region.points) == 0:
        return None
    a = math.radians(region.angle)
    c, s = math.cos(a), math.sin(a)
    rot = np.array([[c, s], [-s, c]], np.float32)  # the gradient direction goes to +x
    pts = region.points @ rot.T
    u0, v0 = pts.min(axis=0)
    u1, v1 = pts.max(axis=0)
    width, height = u1 - u0, v1 - v0
    if width < 16 or height < 4:
        return None
    u0, u1 = u0 - margin * width, u1 + margin * width
    v0, v1 = v0 + 0.02 * height, v1 - 0.02 * height
    stretch = float(UPRIGHT_STRETCH) if (u1 - u0) * UPRIGHT_STRETCH <= UPRIGHT_MAX_WIDTH else 1.0
    out_w, out_h = int(math.ceil((u1 - u0) * stretch)), max(4, int(math.ceil(v1 - v0)))
    m = np.hstack([rot, np.array([[-u0], [-v0]], np.float32)])
    m[0] *= stretch
    crop = cv2.warpAffine(gray, m, (out_w, out_h), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)
    return crop, m, stretch


def _kernel_box(length: float) -> np.ndarray:
    n = int(math.ceil(length))
    n += 1 - n % 2
    k = np.ones(n, np.float64)
    edge = (length - (n - 2)) / 2 if n >= 3 else 1.0
    if n >= 3:
        k[0] = k[-1] = edge
    return k / k.sum()


def _kernel_disk(radius: float) -> np.ndarray:
    r = int(math.ceil(radius))
    x = np.arange(-r, r + 1, dtype=np.float64)
    k = np.sqrt(np.clip(radius * radius - x * x, 0, None)) + 1e-3
    return k / k.sum()


_GUESSES = [f"box {b:g}px" for b in BOX_BLURS] + [f"disk {r:g}px" for r in DISK_BLURS]


@functools.lru_cache(maxsize=4)
def _guess_kernels(stretch: float) -> tuple[np.ndarray, ...]:
    return tuple([_kernel_box(b * stretch) for b in BOX_BLURS] + [_kernel_disk(r * stretch) for r in DISK_BLURS])


def _even_out(profiles: np.ndarray, window: int) -> np.ndarray:
    """Each row of `profiles` stretched to 0..255 between its running minimum and maximum: glare,
    shadows and faded print gone, bars kept. Where a row is flat (a quiet zone) the stretch is
    limited to a third of the row's whole range, so noise stays noise."""
    cv2 = _cv2()
    rows = profiles.astype(np.float32)
    kernel = np.ones((1, window), np.uint8)
    hi = cv2.blur(cv2.dilate(rows, kernel), (window, 1))
    lo = cv2.blur(cv2.erode(rows, kernel), (window, 1))
    spread = np.percentile(rows, 95, axis=1, keepdims=True) - np.percentile(rows, 5, axis=1, keepdims=True)
    span = np.maximum(hi - lo, np.maximum(spread / 3, 4.0))
    mid = (hi + lo) / 2
    return np.clip((rows - mid) / span * 255.0 + 127.5, 0, 255)


def _wiener_rows(n: int, kernels: list[np.ndarray], nsr: float) -> np.ndarray:
    """Wiener filters in the frequency domain (one row per kernel, n//2+1 columns) for profiles
    of length n."""
    out = []
    for kernel in kernels:
        k = np.zeros(n)
        half = len(kernel) // 2
        k[:half + 1] = kernel[half:]
        if half:
            k[n - half:] = kernel[:half]
        fk = np.fft.rfft(k)
        out.append(np.conj(fk) / (np.abs(fk) ** 2 + nsr))
    return np.array(out).reshape(len(kernels), n // 2 + 1)


@functools.lru_cache(maxsize=64)
def _spectra(n: int, stretch: float) -> np.ndarray:
    """The Wiener filters of _GUESSES for profiles padded to length n, `stretch` times the frame's
    resolution."""
    return _wiener_rows(n, list(_guess_kernels(stretch)), WIENER_NSR)


def blur_length(profile: np.ndarray) -> float:
    """The length of a box blur over a bar profile, or 0: where the autocorrelation of its
    derivative dips (a box blur turns each edge into a step up and a step down that far apart),
    between 4 and 30 samples, refined between samples."""
    d = np.diff(profile.astype(np.float64))
    d -= d.mean()
    n = len(d)
    if n < 64:
        return 0.0
    auto = np.fft.irfft(np.abs(np.fft.rfft(d, 2 * n)) ** 2)[:n]
    top = min(30, n - 2)
    lag = 4 + int(np.argmin(auto[4:top]))
    if lag >= top - 1:
        return 0.0
    y0, y1, y2 = auto[lag - 1], auto[lag], auto[lag + 1]
    bend = y0 - 2 * y1 + y2
    return float(lag + (0.5 * (y0 - y2) / bend if bend > 0 else 0.0))


def linear_strips(gray: np.ndarray, region: Region, deblur: bool = True) -> Strips | None:
    """The region's bars upright, as stacked strips (see the module docstring)."""
    cv2 = _cv2()
    made = _upright(gray, region)
    if made is None:
        return None
    crop, m, stretch = made
    h, w = crop.shape
    bands = [(0, h)] + ([(i * h // 3, (i + 1) * h // 3) for i in range(3)] if h >= 18 else [])
    profiles = np.array([crop[r0:r1].mean(axis=0) for r0, r1 in bands], np.float64)
    names = ["plain", "sharpened"]
    variants = [profiles, profiles + (profiles - cv2.GaussianBlur(profiles.astype(np.float32), (0, 0),
                                                                  sigmaX=1.5 * stretch, sigmaY=0.01))]
    if deblur:
        # the blur across the bars, measured (see blur_length) and tried with a little slack, then
        # a fixed set of guesses: motion blurs (a box) and defocus (a disk)
        measured = blur_length(profiles[0])
        sizes = [measured + d * stretch for d in MEASURED_SLACK] if measured else []
        names += [f"box {b / stretch:.1f}px measured" for b in sizes] + _GUESSES
        kernels = _guess_kernels(stretch)
        pad = 2 * max([len(k) for k in kernels] + [int(b) + 3 for b in sizes])
        padded = np.pad(profiles, ((0, 0), (pad, pad)), mode="reflect")
        n = padded.shape[1]
        spectra = np.concatenate([_wiener_rows(n, [_kernel_box(b) for b in sizes], MEASURED_NSR),
                                  _spectra(n, stretch)])  # guesses x freq
        deblurred = np.fft.irfft(np.fft.rfft(padded)[None, :, :] * spectra[:, None, :], n)[:, :, pad:pad + w]
        variants += list(deblurred)  # one (bands x w) array per guess
    # guess-major: guess 0 of every band, then guess 1, ...; the fixed guesses on the whole
    # height only (they rarely read what the measured one does not: a quarter of the work)
    fixed = set(_GUESSES)
    keep = [(g, b) for g, name in enumerate(names) for b in range(len(bands)) if b == 0 or name not in fixed]
    stack = np.stack([variants[g][b] for g, b in keep])
    labels = [f"{names[g]}, rows {bands[b][0]}-{bands[b][1]}" for g, b in keep]
    band_of = [bands[b] for _, b in keep]
    stack = _even_out(stack, max(15, w // 5))
    pitch = STRIP_ROWS + STRIP_GAP
    image = np.full((len(stack) * pitch, w), 255, np.uint8)
    strips = np.clip(stack, 0, 255).astype(np.uint8)
    for r in range(STRIP_ROWS):
        image[r::pitch] = strips
    inv = cv2.invertAffineTransform(m)

    def back(x: float, y: float) -> tuple[int, int]:
        i = min(len(band_of) - 1, max(0, int(y // pitch)))
        r0, r1 = band_of[i]
        v = (r0 + r1) / 2
        return (round(inv[0, 0] * x + inv[0, 1] * v + inv[0, 2]), round(inv[1, 0] * x + inv[1, 1] * v + inv[1, 2]))

    return Strips(image, labels, back)


def upright_crop(gray: np.ndarray, region: Region) -> tuple[np.ndarray, Callable[[float, float], tuple[int, int]]] | None:
    """The region turned so its bars stand upright (see _upright), as it is: for codes whose bars
    are not parallel (perspective), which averaging along the bars would smear."""
    cv2 = _cv2()
    made = _upright(gray, region)
    if made is None:
        return None
    crop, m, _ = made
    inv = cv2.invertAffineTransform(m)

    def back(x: float, y: float) -> tuple[int, int]:
        return (round(inv[0, 0] * x + inv[0, 1] * y + inv[0, 2]), round(inv[1, 0] * x + inv[1, 1] * y + inv[1, 2]))

    return crop, back


def strip_index(y: float) -> int:
    return int(y // (STRIP_ROWS + STRIP_GAP))


# ----------------------------------------------------------------------- 2D: crops


def area_crop(gray: np.ndarray, region: Region, margin: float = 0.35) -> tuple[np.ndarray, tuple[int, int]]:
    """The region's box grown by `margin` on each side (a quiet zone, corners cut by the cell
    grid; zxing-cpp's Data Matrix detector misses codes cropped closer), and its top-left corner
    in the frame."""
    x0, y0, x1, y1 = region.box
    mx, my = int((x1 - x0) * margin) + 4, int((y1 - y0) * margin) + 4
    h, w = gray.shape
    x0, y0, x1, y1 = max(0, x0 - mx), max(0, y0 - my), min(w, x1 + mx), min(h, y1 + my)
    return np.ascontiguousarray(gray[y0:y1, x0:x1]), (x0, y0)


def evened(crop: np.ndarray) -> np.ndarray:
    """The crop stretched between its local dark and light levels (a running minimum and maximum
    over about a sixth of it, smoothed): glare, shadows and faded print flattened."""
    cv2 = _cv2()
    size = max(15, (min(crop.shape) // 6) | 1)
    square = cv2.getStructuringElement(cv2.MORPH_RECT, (size // 2 | 1, size // 2 | 1))
    light = cv2.blur(cv2.dilate(crop, square), (size, size)).astype(np.float32)
    dark = cv2.blur(cv2.erode(crop, square), (size, size)).astype(np.float32)
    span = np.maximum(light - dark, 12.0)
    return np.clip((crop.astype(np.float32) - dark) / span * 255.0, 0, 255).astype(np.uint8)


def stretched(crop: np.ndarray) -> np.ndarray:
    cv2 = _cv2()
    return cv2.createCLAHE(clipLimit=3.0, tileGridSize=(4, 4)).apply(crop)


def motion_kernel(length: float, angle_deg: float) -> np.ndarray:
    cv2 = _cv2()
    n = int(math.ceil(length)) | 1
    size = n + 2
    k = np.zeros((size * 4, size * 4), np.float32)
    c = size * 2
    a = math.radians(angle_deg)
    dx, dy = math.cos(a) * length * 2, math.sin(a) * length * 2  # half-length at 4x
    cv2.line(k, (round(c - dx), round(c - dy)), (round(c + dx), round(c + dy)), 1.0, 2, cv2.LINE_AA)
    k = cv2.resize(k, (size, size), interpolation=cv2.INTER_AREA)
    return k / k.sum()


def disk_kernel(radius: float) -> np.ndarray:
    r = int(math.ceil(radius))
    yy, xx = np.mgrid[-r:r + 1, -r:r + 1].astype(np.float32)
    k = np.clip(radius + 0.5 - np.sqrt(xx * xx + yy * yy), 0, 1)
    return k / k.sum()


WIENER_SIZE = 33  # the spatial Wiener filter is cut to this many pixels a side


@functools.lru_cache(maxsize=256)
def wiener_filter(blur: str, size: float, angle_deg: int = 0, nsr: float = 0.02) -> np.ndarray:
    """The Wiener deconvolution of a blur ("motion" of `size` pixels at `angle_deg`, or "disk"
    of radius `size`) as a WIENER_SIZE x WIENER_SIZE spatial filter for cv2.filter2D."""
    kernel = motion_kernel(size, angle_deg) if blur == "motion" else disk_kernel(size)
    n = 128
    k = np.zeros((n, n), np.float64)
    kh, kw = kernel.shape
    k[:kh, :kw] = kernel
    k = np.roll(k, (-(kh // 2), -(kw // 2)), axis=(0, 1))
    fk = np.fft.fft2(k)
    spatial = np.real(np.fft.ifft2(np.conj(fk) / (np.abs(fk) ** 2 + nsr)))
    spatial = np.fft.fftshift(spatial)
    c, half = n // 2, WIENER_SIZE // 2
    cut = spatial[c - half:c + half + 1, c - half:c + half + 1]
    return (cut / cut.sum()).astype(np.float32)


def motion_estimate(crop: np.ndarray) -> tuple[float, int, float]:
    """(direction in degrees, length in pixels, anisotropy 0..1) of a motion blur over `crop`.

    The direction is the one with the least gradient energy (a box blur along it flattens it:
    the structure tensor's minor axis); the length is where the autocorrelation of the
    derivative along that direction dips (a box blur turns every edge into a step up and a step
    down `length` apart)."""
    cv2 = _cv2()
    f = crop.astype(np.float32)
    gx = cv2.Sobel(f, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(f, cv2.CV_32F, 0, 1, ksize=3)
    jxx, jyy, jxy = float(cv2.sumElems(gx * gx)[0]), float(cv2.sumElems(gy * gy)[0]), float(cv2.sumElems(gx * gy)[0])
    energy = max(jxx + jyy, 1e-9)
    anisotropy = math.sqrt((jxx - jyy) ** 2 + 4 * jxy * jxy) / energy
    direction = (math.degrees(0.5 * math.atan2(2 * jxy, jxx - jyy)) + 90.0) % 180.0
    h, w = f.shape
    turn = cv2.getRotationMatrix2D((w / 2, h / 2), direction, 1.0)  # the blur direction onto +x
    along = cv2.warpAffine(f, turn, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)
    core = along[h // 6:h - h // 6:2, w // 6:w - w // 6]  # every other row: plenty, half the work
    if core.shape[1] < 40 or core.shape[0] < 4:
        return direction, 0, anisotropy
    d = np.diff(core, axis=1)
    d -= d.mean(axis=1, keepdims=True)
    auto = [float(np.vdot(d[:, :-lag], d[:, lag:])) for lag in range(3, 16)]
    return direction, 3 + int(np.argmin(auto)), anisotropy


def deblurred(crop: np.ndarray, blur: str, size: float, angle_deg: float = 0.0) -> np.ndarray:
    """`crop` deconvolved (see wiener_filter; the angle in 10-degree steps), stretched back to
    0..255 between the darkest and lightest of its smoothed copy."""
    cv2 = _cv2()
    angle = int(round(angle_deg / 10.0) * 10) % 180 if blur == "motion" else 0
    out = cv2.filter2D(crop.astype(np.float32), -1, wiener_filter(blur, size, angle), borderType=cv2.BORDER_REFLECT)
    lo, hi = cv2.minMaxLoc(cv2.GaussianBlur(out, (5, 5), 0))[:2]
    return np.clip((out - lo) / max(hi - lo, 1e-3) * 255, 0, 255).astype(np.uint8)
