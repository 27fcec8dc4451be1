"""Barcode decoding for camera frames and image files: zxing-cpp and pyzbar together, with retries
where a frame shows evidence of a code.

A camera mostly sees no code, so a frame costs little unless something in it looks like one:

1. First pass: one zxing-cpp call restricted to the counter's symbologies, at the frame's
   resolution, no rotation, no inversion (with decoder "pyzbar": pyzbar on a copy at most 640
   pixels wide). What it reads ends the frame: most scans end here, at about half the cost of
   one zxing-cpp call with its default settings. A 1D code is first checked by pyzbar on a crop
   around it: two different readings of one code drop both (a misread EAN passes its check digit
   one time in ten: the cashier scans again rather than sell the wrong item).
2. Evidence: busy patches of 8x8-pixel cells (drivers/decode_regions.find_regions, about 3 ms
   at 1280x720) that look like a code: bars (one gradient direction, wide enough), or a patch as
   dark as it is light (printed text is mostly paper). No such patch: the frame is done.
3. Retries on those regions (small images, cheap), the costly ones only where zxing-cpp says it
   saw a symbol it could not decode (`return_errors` on a crop) or the bars are clear; see
   `DecodePipeline._steps` for the order:

       tilted            bars turned upright at any angle (one bicubic resampling at 2x)
       crop, inverted, evened   a 2D region as it is, light-on-dark, glare and shadow evened out
       bars              the upright bars averaged into profiles, deblurred for the measured
                         motion blur across them (and a few fixed guesses), read in one call
       contrast          CLAHE (2x for small crops)
       deblurred motion  Wiener deconvolution for the motion blur measured on the crop
       pyzbar            on seen 2D crops and clear bars
       deblurred disk    defocus
       frame ...         whole-frame retries (pyzbar on a <=640 px copy, inverted, sharpened,
                         smoothed, contrast x2, upscaled 1.5x), when a region was seen or covers
                         much of the frame (a photo of the code)

   The first retry that reads anything ends the frame; retries stop when the frame's time budget
   is spent (each retry's cost is a running average).

Results of one frame are deduplicated; where the two libraries read the same place differently,
zxing-cpp wins for 2D codes (pyzbar guesses the character set) and a 1D read is dropped; a region
that reads as two different 1D codes gives only what pyzbar confirms. A UPC-E or EAN-8 counts only
from zxing-cpp's first pass (pyzbar's with decoder "pyzbar"): on the sample photos every other such
read was a misread of part of a blurred or tilted EAN-13/UPC-A. A camera sees a real one again on
the next frames.

Measured by benchmarks/decoding.py: frame cost against one restricted zxing-cpp call, and reads
on counter photos the retries were not tuned on (benchmarks/counter_photos.py, measuring seed)
against each library and their union.

Threading rule: a DecodePipeline holds no per-frame state but its cost estimates; one instance may
serve one thread at a time (the camera's reader); use one instance per thread when decoding in
parallel.
"""
from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

import numpy as np

from drivers import decode_regions as _regions
from drivers.decoded import (  # noqa: F401 (re-exported: the decoder's public names stay here)
    _EAN_UPC, _WEAK_SHORT_CODES, COUNTER_FORMATS, LINEAR, PAD, SYMBOLOGIES, Decoded, _cv2, _dedupe, _family,
    _fit_width, _from_zxing, _mapped, _merge, _normalise, _one_reading_per_place, _overlap, _padded, _PYZBAR_NAMES,
    _rotate, _scaled, _shifted, _upscaled, _zxing_symbology, expected_matches, image_problem, to_event, to_gray,
    upca_from_upce, upce_from_upca,
)
from pos_terminal.ports import ScanEvent

log = logging.getLogger(__name__)

DecoderChoice = Literal["zxing", "pyzbar", "both"]


PYZBAR_MAX_WIDTH = 640
MAX_REGIONS = 4  # regions of one frame that get retries
LARGE_REGION = 0.12  # a region this share of the frame or more earns the whole-frame retries unseen
# zxing-cpp's first pass can also report symbols it saw but could not decode; that costs about a
# third more on every frame, and the regions' own first looks (return_errors on a small crop)
# see the same symbols: off
FIRST_PASS_SIGHTINGS = False
SMALL_CROP = 240  # a 2D region's crop narrower than this is read again at 2x
TIGHT_MARGIN = 0.1  # the crop of a 2D region for the costly steps (deblurring, pyzbar), padded by PAD
MOTION_COHERENCE = 0.35  # an unseen 2D region this anisotropic gets a motion deblur (text is about 0.15)
UPSCALE_MAX_PIXELS = 2_400_000  # an upscaled copy bigger than this costs more than a frame's budget


# ----------------------------------------------------------------------- the pipeline


@dataclass(frozen=True)
class _Retry:
    name: str
    # the image to decode, or (image, map of its points back to the frame), or None: not useful here
    make: Callable[[np.ndarray], object]
    binarizer: str = "local"  # zxing-cpp: "local" (LocalAverage) or "histogram" (GlobalHistogram)
    pyzbar_only: bool = False


@dataclass(frozen=True)
class _Step:
    """One retry of a frame: `run` decodes something made from it; `cost_key` and `megapixels`
    (the frame's size for a whole-frame step, 0 for a region's) feed the running cost estimate
    that keeps a frame inside its budget."""
    name: str
    run: Callable[[], list[Decoded]]
    cost_key: str
    megapixels: float


class DecodePipeline:
    def __init__(self, decoder: DecoderChoice = "both", formats: Iterable[str] = COUNTER_FORMATS,
                 budget_ms: float = 60.0) -> None:
        if decoder not in ("zxing", "pyzbar", "both"):
            raise ValueError(f"decoder {decoder!r}: use 'zxing', 'pyzbar' or 'both'")
        formats = tuple(dict.fromkeys(formats))
        unknown = [f for f in formats if f not in SYMBOLOGIES]
        if unknown or not formats:
            raise ValueError(f"formats {unknown or '(none)'}: use some of {', '.join(SYMBOLOGIES)}")
        self.decoder = decoder
        self.formats = frozenset(formats)
        self.budget_ms = float(budget_ms)
        self._zx: dict[str, object] | None = None  # zxing-cpp format sets, built on first use
        self._zb_symbols: list | None = None
        self._cost_ms: dict[str, tuple[float, float]] = {}  # each retry's running average: ms, megapixels
        self._retries = self._build_retries()

    # -- public --------------------------------------------------------------------------------
    def decode(self, image: object, *, budget_ms: float | None = None) -> list[Decoded]:
        """Every code found in `image` (numpy, gray/BGR/BGRA uint8). Never raises: an unusable
        image gives [] (see `image_problem` for why). Retries stop when the budget is spent."""
        problem = image_problem(image)
        if problem:
            log.debug("image not decoded: %s", problem)
            return []
        start = time.perf_counter()
        budget = self.budget_ms if budget_ms is None else budget_ms
        try:
            gray = to_gray(image)  # type: ignore[arg-type]
            found, missed = self._first_pass(gray)
            if found:
                return found
            regions = self._evidence(gray, missed)
            if not regions:  # nothing that looks like a code: the usual camera frame
                return []
            for step in self._steps(gray, regions):
                elapsed = (time.perf_counter() - start) * 1000
                if elapsed + self._estimate(step) > budget:
                    continue
                t0 = time.perf_counter()
                found = step.run()
                self._learn(step, (time.perf_counter() - t0) * 1000)
                found = [d for d in found if d.symbology not in _WEAK_SHORT_CODES]
                if found:
                    return found
            return []
        except Exception:  # a decoder bug on one odd frame must not stop the camera
            log.exception("decoding failed on a %s image", getattr(image, "shape", "?"))
            return []

    def _estimate(self, step: _Step) -> float:
        """Milliseconds `step` will likely take: the running average of such steps, for a
        whole-frame step scaled by the square root of its size against theirs (a decoder's cost
        grows with the pixels, but not in proportion: fixed costs); 0 before the first. A
        region's steps work on crops and profiles of bounded size: not scaled."""
        known = self._cost_ms.get(step.cost_key)
        if known is None:
            return 0.0
        ms, megapixels = known
        if not step.megapixels or not megapixels:
            return ms
        return ms * math.sqrt(step.megapixels / megapixels)

    def _learn(self, step: _Step, ms: float) -> None:
        old = self._cost_ms.get(step.cost_key)
        if old is None:
            self._cost_ms[step.cost_key] = (ms, step.megapixels)
        else:
            self._cost_ms[step.cost_key] = (0.8 * old[0] + 0.2 * ms, 0.8 * old[1] + 0.2 * step.megapixels)

    def decode_events(self, image: object, source: str, *, captured_at: float | None = None,
                      budget_ms: float | None = None) -> list[ScanEvent]:
        """`decode` as ScanEvents; `captured_at` (time.monotonic() of capture) sets latency_ms."""
        found = self.decode(image, budget_ms=budget_ms)
        return [to_event(d, source, captured_at) for d in found]

    def decode_bare_zxing(self, image: object, *, restricted: bool = False) -> list[Decoded]:
        """A baseline: one zxing-cpp call with its default settings (rotation, inversion,
        downscaling), no retries and no pyzbar; all formats, or with `restricted` only the
        formats this pipeline reads."""
        if image_problem(image):
            return []
        import zxingcpp

        try:
            if restricted:
                results = zxingcpp.read_barcodes(to_gray(image), formats=self._zx_formats("all"))  # type: ignore[arg-type]
            else:
                results = zxingcpp.read_barcodes(to_gray(image))  # type: ignore[arg-type]
        except Exception:
            log.exception("zxing-cpp failed")
            return []
        enabled = self.formats if restricted else SYMBOLOGIES.keys()
        return _dedupe([d for d in (_from_zxing(r, 1.0, enabled, "zxing") for r in results) if d])

    def decode_bare_pyzbar(self, image: object) -> list[Decoded]:
        """The other baseline: one pyzbar call on the full gray image, the counter's symbologies."""
        if image_problem(image):
            return []
        return _dedupe(self._pyzbar(to_gray(image), 1.0, "pyzbar"))  # type: ignore[arg-type]

    # -- the first pass and the evidence -----------------------------------------------------------
    def _first_pass(self, gray: np.ndarray) -> tuple[list[Decoded], list[tuple[tuple[tuple[int, int], ...], bool]]]:
        """What a plain read finds, and where zxing-cpp saw a symbol it could not decode
        (polygon, is it a 1D code)."""
        if self.decoder == "pyzbar":
            if not self._pyzbar_symbols():
                return [], []
            small, scale = _fit_width(gray, PYZBAR_MAX_WIDTH)
            return _dedupe(self._pyzbar(small, scale, "pyzbar")), []
        zx, missed = self._zxing_read(gray, "zxing", self._zx_formats("all"), return_errors=FIRST_PASS_SIGHTINGS)
        if zx and self.decoder == "both" and any(d.is_linear for d in zx):
            zx = self._cross_check(gray, zx)
        elif zx:
            zx = _one_reading_per_place(zx, [])
        return _dedupe(zx), missed

    def _cross_check(self, gray: np.ndarray, zx: list[Decoded]) -> list[Decoded]:
        """pyzbar on the places where zxing-cpp read a 1D code: two different readings of one
        code drop both (a misread EAN passes its check digit one time in ten)."""
        checks: list[Decoded] = []
        h, w = gray.shape
        for d in zx:
            if not d.is_linear:
                continue
            x0, y0, x1, y1 = d.bounds()
            mx, my = max(16, (x1 - x0) // 4), max(24, (y1 - y0) // 2)
            x0, y0, x1, y1 = max(0, x0 - mx), max(0, y0 - my), min(w, x1 + mx), min(h, y1 + my)
            if x1 - x0 < 8 or y1 - y0 < 8:
                continue
            found = self._pyzbar(np.ascontiguousarray(gray[y0:y1, x0:x1]), 1.0, "pyzbar")
            checks += [_shifted(c, x0, y0, 1.0) for c in found if c.symbology not in _WEAK_SHORT_CODES]
        return _merge(_one_reading_per_place(zx, checks), checks)

    def _evidence(self, gray: np.ndarray, missed) -> list[_regions.Region]:
        """Regions worth retrying, best first: where zxing-cpp saw a symbol, then busy patches
        that look like a code (drivers/decode_regions.py). A symbol zxing-cpp saw inside a busy
        patch marks the patch (whose box holds all of the code; zxing-cpp's may be a finder
        pattern); several sightings of one symbol are one region."""
        patches = _regions.find_regions(gray, limit=2 * MAX_REGIONS)
        seen: list[_regions.Region] = []
        for polygon, linear in missed:
            sighting = _regions.region_from_polygon(gray, polygon, linear)
            if sighting is None:
                continue
            cx = (sighting.box[0] + sighting.box[2]) / 2
            cy = (sighting.box[1] + sighting.box[3]) / 2
            host = next((r for r in seen + patches if r.box[0] <= cx < r.box[2] and r.box[1] <= cy < r.box[3]), None)
            if host is None:
                seen.append(sighting)
            elif not host.hint:
                host.hint = sighting.hint
                if host in patches:
                    patches.remove(host)
                    seen.append(host)
        regions = seen + [r for r in patches if r.code_like]
        return regions[:MAX_REGIONS]

    # -- retries ---------------------------------------------------------------------------------
    def _steps(self, gray: np.ndarray, regions: list[_regions.Region]) -> Iterator[_Step]:
        """The retries of one frame, cheapest first, the costly ones only where there is evidence
        of a code:

        1. every region once: bars turned upright; a 2D crop as it is, inverted and evened out
           (glare, shadow, faded print). zxing-cpp also says where it saw a symbol it could not
           decode: that region is *seen*;
        2. deblurred bars (decode_regions.linear_strips) where a region is seen or clearly bars
           (one direction and as dark as light);
        3. seen 2D regions contrast stretched;
        4. 2D regions deblurred for the motion blur measured on them: seen ones, and unseen ones
           that look smeared in one direction (a motion blur hides a code from the detector);
        5. pyzbar on seen 2D regions and on seen or clearly 1D ones (upright);
        6. seen 2D regions deblurred for other motion lengths and for defocus;
        7. the whole frame turned upright for a seen or clearly 1D region, and the whole-frame
           retries, when some region was seen or covers much of the frame (a photo of the code).
        """
        has_linear = bool(self.formats & LINEAR)
        has_area = bool(self.formats - LINEAR)
        zxing = self.decoder in ("zxing", "both")
        pyzbar = self.decoder in ("pyzbar", "both") and bool(self._pyzbar_symbols())
        # regions where zxing-cpp saw a symbol (every region when there is no zxing-cpp to ask)
        seen: set[int] = {i for i, r in enumerate(regions) if r.hint} if zxing else set(range(len(regions)))
        linear = [(i, r) for i, r in enumerate(regions) if has_linear and r.linear_like]
        area, tight = [], {}
        for i, r in enumerate(regions):
            if r.area_like and (has_area or not r.linear_like):
                crop, at = _regions.area_crop(gray, r)
                if min(crop.shape) >= 16:
                    area.append((i, r, crop, at))
                    tight[i] = _regions.area_crop(gray, r, margin=TIGHT_MARGIN)  # for the costly steps

        def mark(i: int) -> Callable[[], None]:
            return lambda: seen.add(i)

        for i, region in enumerate(regions):
            if zxing and (i, region) in linear:
                yield _Step("tilted", lambda r=region, i=i: self._tilted(gray, r, zxing=True, on_seen=mark(i)),
                            "tilted", 0.0)
            for j, r, crop, at in area:
                if j == i:
                    yield self._crop_step("crop", crop, at, lambda c: c, zxing=zxing, formats="all", on_seen=mark(i))
                    yield self._crop_step("inverted", crop, at, lambda c: 255 - c, zxing=zxing, on_seen=mark(i))
                    yield self._crop_step("evened", crop, at, _regions.evened, zxing=zxing, binarizer="histogram",
                                          on_seen=mark(i))
        def bars_likely(i: int, r: _regions.Region) -> bool:
            return i in seen or r.bars_like

        for i, region in linear:
            if zxing and bars_likely(i, region):
                yield _Step("bars", lambda r=region: self._bars(gray, r), "bars", 0.0)
        for i, r, crop, at in area:
            if i not in seen:
                continue
            if min(crop.shape) < SMALL_CROP:  # modules likely below 3 pixels: a 2x copy
                yield self._crop_step("contrast x2", crop, at, lambda c: _upscaled(_regions.stretched(c)), zxing=zxing,
                                      scale=0.5)
            else:
                yield self._crop_step("contrast", crop, at, _regions.stretched, zxing=zxing)
        deblur = [(i, r, *tight[i]) for i, r, crop, at in area if zxing and min(tight[i][0].shape) >= 48]
        estimates: dict[int, tuple[float, int, float]] = {}
        for i, r, crop, at in deblur:
            if i in seen or r.coherence >= MOTION_COHERENCE:
                yield self._motion_step(crop, at, estimates, i, 0, mark(i))
        for i, r, _, _ in area:
            if pyzbar and i in seen:
                crop, at = tight[i]
                yield self._crop_step("crop", crop, at, _padded, pyzbar=True, cost_key="pyzbar crop", pad=True)
                yield self._crop_step("evened", crop, at, lambda c: _padded(_regions.evened(c)), pyzbar=True,
                                      cost_key="pyzbar evened", pad=True)
        for i, region in linear:
            if pyzbar and (bars_likely(i, region) or not zxing):
                yield _Step("tilted", lambda r=region: self._tilted(gray, r, pyzbar=True), "pyzbar tilted", 0.0)
        for i, r, crop, at in deblur:
            if i not in seen:
                continue
            for delta in (-2, 2):
                yield self._motion_step(crop, at, estimates, i, delta)
            for radius in _regions.DISK_RADII:
                yield self._crop_step(f"deblurred disk {radius:g}px", crop, at,
                                      lambda c, n=radius: _padded(_regions.deblurred(c, "disk", n)), zxing=True,
                                      cost_key="deblurred", pad=True)
        turned = [r for i, r in linear if bars_likely(i, r)]
        if turned and abs(((turned[0].angle + 90) % 180) - 90) > 5:
            yield _Step("tilted frame", lambda: self._tilted_frame(gray, turned[0].angle, zxing, pyzbar),
                        "tilted frame", gray.size / 1e6)
        frame_area = gray.shape[0] * gray.shape[1]
        big = any((r.box[2] - r.box[0]) * (r.box[3] - r.box[1]) >= LARGE_REGION * frame_area for r in regions)
        if seen or big:
            for retry in self._retries:
                if retry.pyzbar_only and not pyzbar:
                    continue
                yield _Step(retry.name, lambda r=retry: self._run_retry(r, gray), retry.name, gray.size / 1e6)

    def _motion_step(self, crop: np.ndarray, at: tuple[int, int], estimates: dict, key: int, delta: int,
                     on_seen: Callable[[], None] | None = None) -> _Step:
        """Wiener deconvolution of a 2D region's crop for the motion blur estimated from it (its
        direction and length, measured once per region), `delta` pixels longer."""
        def make(c: np.ndarray) -> np.ndarray:
            if key not in estimates:
                estimates[key] = _regions.motion_estimate(crop)
            direction, length, _ = estimates[key]
            return _padded(_regions.deblurred(c, "motion", max(2, length + delta), direction))

        return self._crop_step("deblurred motion", crop, at, make, zxing=True, on_seen=on_seen, cost_key="deblurred",
                               pad=True)

    def _crop_step(self, name: str, crop: np.ndarray, at: tuple[int, int], make: Callable[[np.ndarray], np.ndarray],
                   *, zxing: bool = False, pyzbar: bool = False, scale: float = 1.0, binarizer: str = "local",
                   formats: str = "area", on_seen: Callable[[], None] | None = None,
                   cost_key: str | None = None, pad: bool = False) -> _Step:
        """A retry on a 2D region's crop made by `make` (with a PAD-pixel border added when `pad`):
        zxing-cpp (any rotation: Data Matrix needs it; `on_seen` is called when it sees a symbol it
        cannot decode), then pyzbar."""
        ox, oy = at
        if pad:
            ox, oy = ox - PAD, oy - PAD

        def run() -> list[Decoded]:
            img = make(crop)
            found: list[Decoded] = []
            if zxing:
                found, missed = self._zxing_read(img, "zxing/" + name, self._zx_formats(formats), try_rotate=True,
                                                 binarizer=binarizer, return_errors=on_seen is not None)
                if missed and on_seen is not None:
                    on_seen()
            if pyzbar and not found and scale == 1.0:
                found = self._pyzbar(img, 1.0, "pyzbar/" + name)
            return _dedupe([_shifted(d, ox, oy, scale) for d in found])

        return _Step(name, run, cost_key or name, 0.0)

    def _tilted(self, gray: np.ndarray, region: _regions.Region, *, zxing: bool = False, pyzbar: bool = False,
                on_seen: Callable[[], None] | None = None) -> list[Decoded]:
        """The region turned so its bars stand upright (any angle), read as it is."""
        made = _regions.upright_crop(gray, region)
        if made is None:
            return []
        crop, back = made
        found: list[Decoded] = []
        if zxing:
            for polarity in (crop, 255 - crop):  # then light bars on a dark screen
                found, missed = self._zxing_read(polarity, "zxing/tilted", self._zx_formats("linear"),
                                                 return_errors=on_seen is not None)
                if missed and on_seen is not None:
                    on_seen()
                if found:
                    crop = polarity
                    break
            if found and self.decoder == "both":  # as in the first pass: two readings of one code drop both
                checks = [d for d in self._pyzbar(crop, 1.0, "pyzbar/tilted") if d.symbology not in _WEAK_SHORT_CODES]
                if len({d.text for d in found}) > 1:  # one region, several codes: only what pyzbar also read
                    found = [d for d in found if any(c.text == d.text for c in checks)]
                found = _merge(found, checks)
            elif len({d.text for d in found}) > 1:
                found = []
        if pyzbar and not found:
            found = self._pyzbar(crop, 1.0, "pyzbar/tilted") or self._pyzbar(255 - crop, 1.0, "pyzbar/tilted")
        return _dedupe([_mapped(d, back) for d in found])

    def _tilted_frame(self, gray: np.ndarray, angle: float, zxing: bool, pyzbar: bool) -> list[Decoded]:
        """The whole frame turned so the bars of its strongest 1D region stand upright: for a
        code whose region's box cuts it (the patch of busy cells can stop short of the bars'
        ends, or run into its surroundings)."""
        turned, back = _rotate(gray, angle, cubic=True)
        found: list[Decoded] = []
        if zxing:
            found, _ = self._zxing_read(turned, "zxing/tilted frame", self._zx_formats("linear"))
        if pyzbar and not found:
            small, scale = _fit_width(turned, PYZBAR_MAX_WIDTH * 3 // 2)
            found = self._pyzbar(small, scale, "pyzbar/tilted frame")
        return _dedupe([_mapped(d, back) for d in found])

    def _bars(self, gray: np.ndarray, region: _regions.Region) -> list[Decoded]:
        """The region's bars averaged into profiles, deblurred under several guesses, read in one
        call; a region that reads as two different codes gives nothing."""
        strips = _regions.linear_strips(gray, region)
        if strips is None:
            return []
        found, _ = self._zxing_read(strips.image, "zxing/bars", self._zx_formats("linear"))
        if not found:  # light bars on a dark screen
            found, _ = self._zxing_read(255 - strips.image, "zxing/bars", self._zx_formats("linear"))
        found = [d for d in found if d.symbology not in _WEAK_SHORT_CODES]
        texts = {(_family(d.symbology), d.text) for d in found}
        if len({t for _, t in texts}) > 1:
            log.debug("bars read differently, dropped: %s", sorted(texts))
            return []
        out = []
        for d in found:
            guess = strips.labels[_regions.strip_index(d.bounds()[1])].split(",")[0]
            out.append(Decoded(d.text, d.raw, d.symbology, tuple(strips.back(x, y) for x, y in d.polygon),
                               f"zxing/bars {guess}"))
        return _dedupe(out)

    def _run_retry(self, retry: _Retry, gray: np.ndarray) -> list[Decoded]:
        made = retry.make(gray)
        if made is None:
            return []
        img, back = made if isinstance(made, tuple) else (made, None)
        if retry.pyzbar_only or self.decoder == "pyzbar":
            found = self._pyzbar(img, 1.0, "pyzbar/" + retry.name)
        else:
            found, _ = self._zxing_read(img, "zxing/" + retry.name, self._zx_formats("all"), binarizer=retry.binarizer)
        if back is not None:
            found = [_mapped(d, back) for d in found]
        return _dedupe(found)

    def _build_retries(self) -> list[_Retry]:
        """Whole-frame retries, after the regions' own: what paid off on zxing-cpp's sample photos."""
        def sharpened(g):
            cv2 = _cv2()
            return cv2.addWeighted(g, 1.8, cv2.GaussianBlur(g, (0, 0), 2), -0.8, 0)

        def smoothed(g):
            return _cv2().GaussianBlur(g, (3, 3), 0)

        def contrast_x2(g):
            cv2 = _cv2()
            if g.size * 4 > UPSCALE_MAX_PIXELS:
                return None
            c = cv2.createCLAHE(clipLimit=3.0, tileGridSize=(8, 8)).apply(g)
            return cv2.resize(c, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC), _scaled(0.5)

        def upscaled(g):
            cv2 = _cv2()
            if g.size * 2.25 > UPSCALE_MAX_PIXELS:
                return None
            return cv2.resize(g, None, fx=1.5, fy=1.5, interpolation=cv2.INTER_LINEAR), _scaled(1 / 1.5)

        def pyzbar_frame(g):
            small, scale = _fit_width(g, PYZBAR_MAX_WIDTH)
            return small, _scaled(scale)

        def full_size(g):
            return g if g.shape[1] > PYZBAR_MAX_WIDTH else None

        return [
            _Retry("pyzbar frame", pyzbar_frame, pyzbar_only=True),
            _Retry("frame inverted", lambda g: 255 - g),
            _Retry("frame sharpened", sharpened, binarizer="histogram"),
            _Retry("frame smoothed", smoothed, binarizer="histogram"),
            _Retry("frame contrast x2", contrast_x2, binarizer="histogram"),
            _Retry("frame upscaled 1.5x", upscaled),
            _Retry("full_size", full_size, pyzbar_only=True),
        ]

    # -- the libraries ---------------------------------------------------------------------------
    def _zx_formats(self, which: str):
        """zxing-cpp's format set: "all" the pipeline reads, its "linear" or its 2D ("area")
        ones; None if empty."""
        if self._zx is None:
            import zxingcpp

            def build(names: Iterable[str]):
                names = [SYMBOLOGIES[f][0] for f in sorted(names)]
                return zxingcpp.barcode_formats_from_str(",".join(names)) if names else None

            self._zx = {"all": build(self.formats), "linear": build(self.formats & LINEAR),
                        "area": build(self.formats - LINEAR)}
        return self._zx[which]

    def _zxing_read(self, img: np.ndarray, label: str, formats, *, binarizer: str = "local",
                    try_rotate: bool = False, try_invert: bool = False, return_errors: bool = False):
        """(codes read, [(polygon, is 1D) of symbols seen but not decoded])."""
        import zxingcpp

        if formats is None:
            return [], []
        kind = zxingcpp.Binarizer.GlobalHistogram if binarizer == "histogram" else zxingcpp.Binarizer.LocalAverage
        try:
            results = zxingcpp.read_barcodes(img, formats=formats, try_rotate=try_rotate, try_invert=try_invert,
                                             text_mode=zxingcpp.TextMode.Plain, binarizer=kind,
                                             return_errors=return_errors)
        except Exception:
            log.exception("zxing-cpp failed on a %s image", img.shape)
            return [], []
        out, missed = [], []
        for r in results:
            if r.error:
                p = r.position
                polygon = tuple((pt.x, pt.y) for pt in (p.top_left, p.top_right, p.bottom_right, p.bottom_left))
                missed.append((polygon, _zxing_symbology(r.format) in LINEAR))
                continue
            d = _from_zxing(r, 1.0, self.formats, label)
            if d is not None and d.symbology in self.formats:
                out.append(d)
        return out, missed

    def _pyzbar_symbols(self) -> list:
        if self._zb_symbols is None:
            from pyzbar.pyzbar import ZBarSymbol

            self._zb_symbols = [ZBarSymbol[SYMBOLOGIES[f][1]] for f in sorted(self.formats) if SYMBOLOGIES[f][1]]
        return self._zb_symbols

    def _pyzbar(self, img: np.ndarray, scale: float, label: str) -> list[Decoded]:
        symbols = self._pyzbar_symbols()
        if not symbols:
            return []
        from pyzbar import pyzbar

        try:
            results = pyzbar.decode(img, symbols=symbols)
        except Exception:  # ValueError on EAN add-ons, odd frames
            log.debug("pyzbar failed on a %s image", img.shape, exc_info=True)
            return []
        out = []
        for r in results:
            symbology = _PYZBAR_NAMES.get(r.type)
            if symbology is None:
                continue
            raw = bytes(r.data)
            text = raw.decode("utf-8", errors="replace")
            symbology, text = _normalise(symbology, text, self.formats)
            if symbology not in self.formats:
                continue
            polygon = tuple((round(p.x * scale), round(p.y * scale)) for p in r.polygon)
            out.append(Decoded(text, raw if symbology not in _EAN_UPC else text.encode(), symbology, polygon, label))
        return out


# ----------------------------------------------------------------------- helpers
