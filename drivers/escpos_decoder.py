"""An incremental reader of the ESC/POS byte stream a receipt printer receives: readable text
(Chinese mode decoded from GB18030, codes, images, cuts and drawer pulses shown in brackets) and
the status queries in it. Used by the virtual printer (drivers/virtual_printer.py)."""

from __future__ import annotations


class _Incomplete(Exception):
    pass


class EscposDecoder:
    """An incremental ESC/POS reader: feeds bytes, yields readable lines and status queries."""

    def __init__(self) -> None:
        self.buf = bytearray()
        self.pos = 0
        self.chinese = True  # GB18030 printers power on in Chinese mode
        self.text = bytearray()
        self.lines: list[str] = []
        self.printable = False  # anything besides real-time status queries
        self.qr_data = b""
        self.drawer_kicks: list[int] = []

    def feed(self, data: bytes, on_query=None, on_job_start=None) -> list[tuple[str, int]]:
        """Adds bytes; returns the status queries found, in order: ("rt", n) for DLE EOT n and
        ("gs_r", n) for GS r n. `on_query(kind, n)` is called as each is reached (the data
        before it parsed), `on_job_start()` when the first byte of a job is."""
        self.buf += data
        queries: list[tuple[str, int]] = []
        while self.pos < len(self.buf):
            start, was_printable = self.pos, self.printable
            try:
                query = self._step()
            except _Incomplete:
                self.pos, self.printable = start, was_printable
                break
            if self.printable and not was_printable and on_job_start is not None:
                on_job_start()
            if query is not None:
                queries.append(query)
                if on_query is not None:
                    on_query(*query)
        return queries

    def take_job(self) -> tuple[bytes, str, list[int]]:
        """The job parsed so far (raw bytes, readable text, drawer pulses); the next starts empty.
        The printer's mode (Chinese or not) carries over, as on a real printer."""
        text = self.finish()
        raw, kicks = bytes(self.buf[: self.pos]), self.drawer_kicks
        del self.buf[: self.pos]
        self.pos = 0
        self.text.clear()
        self.lines, self.printable, self.drawer_kicks = [], False, []
        return raw, text, kicks

    def discard(self) -> None:
        self.buf.clear()
        self.pos = 0
        self.text.clear()
        self.lines, self.printable, self.drawer_kicks = [], False, []

    def finish(self) -> str:
        self._flush_text(force=False)
        return "\n".join(self.lines) + "\n"

    # -- parsing

    def _need(self, n: int) -> bytes:
        if self.pos + n > len(self.buf):
            raise _Incomplete
        chunk = bytes(self.buf[self.pos : self.pos + n])
        self.pos += n
        return chunk

    def _byte(self) -> int:
        return self._need(1)[0]

    def _flush_text(self, force: bool = True) -> None:
        if self.text or force:
            encoding = "gb18030" if self.chinese else "cp437"
            self.lines.append(bytes(self.text).decode(encoding, errors="replace"))
            self.text.clear()

    def _mark(self, marker: str) -> None:
        if self.text:
            self._flush_text()
        self.lines.append(marker)

    def _step(self) -> int | None:
        b = self._byte()
        if b == 0x10:  # DLE: real-time commands
            cmd = self._byte()
            if cmd == 0x04:
                return "rt", self._byte()
            if cmd == 0x05:
                self._byte()
            elif cmd == 0x14:  # DLE DC4 fn m t: fn 1 is a drawer pulse
                fn, m, _t = self._need(3)
                if fn == 1:
                    self.printable = True
                    self.drawer_kicks.append(5 if m else 2)
                    self._mark(f"[DRAWER pin {5 if m else 2}]")
            return None
        if b == 0x1D and self._need(1) == b"r":  # GS r n: status, answered in order
            return "gs_r", self._byte()
        if b == 0x1D:
            self.pos -= 1  # not GS r: _gs reads the command byte again
        self.printable = True
        if b == 0x0A:
            self._flush_text()
        elif b in (0x0D, 0x00, 0x07):
            pass
        elif b == 0x09:
            self.text += b"    "
        elif b == 0x1B:
            self._esc()
        elif b == 0x1D:
            self._gs()
        elif b == 0x1C:
            self._fs()
        elif b >= 0x20:
            self.text.append(b)
        return None

    def _esc(self) -> None:
        c = self._byte()
        one_arg = b"EG-a!JMtR3V{ =UTr"
        if c == ord("@") or c in b"2im<":
            return
        if c == ord("d"):  # print and feed n lines
            n = self._byte()
            self._flush_text(force=False)
            self.lines.extend([""] * n)
        elif c == ord("p"):  # drawer kick: m t1 t2
            m, _t1, _t2 = self._need(3)
            pin = 5 if m in (1, 49) else 2
            self.drawer_kicks.append(pin)
            self._mark(f"[DRAWER pin {pin}]")
        elif c == ord("c"):
            self._need(2)
        elif c in (ord("$"), ord("\\"), ord("B")):
            self._need(2)
        elif c == ord("D"):  # tab stops, NUL-terminated
            while self._byte() != 0:
                pass
        elif c == ord("*"):  # column bit image
            m, nl, nh = self._need(3)
            n = nl + nh * 256
            self._need(n * (3 if m in (32, 33) else 1))
            self._mark(f"[image {n}x{24 if m in (32, 33) else 8}]")
        elif c in one_arg:
            self._byte()

    def _gs(self) -> None:
        c = self._byte()
        if c == ord("V"):  # cut
            m = self._byte()
            if m in (65, 66, 97, 98, 103, 104):
                self._byte()
            self._mark("[CUT]")
        elif c == ord("k"):  # barcode
            m = self._byte()
            if m <= 6:
                data = bytearray()
                while (x := self._byte()) != 0:
                    data.append(x)
            else:
                data = bytearray(self._need(self._byte()))
            name = {73: "CODE128", 74: "GS1-128", 69: "CODE39", 67: "EAN13", 2: "EAN13", 4: "CODE39"}.get(m, f"BARCODE{m}")
            shown = _code128_text(bytes(data)) if m == 73 else bytes(data).decode("ascii", "replace")
            self._mark(f"[{name}: {shown}]")
        elif c == ord("v"):  # GS v 0 m xL xH yL yH raster
            _zero, _m, xl, xh, yl, yh = self._need(6)
            xb, y = xl + xh * 256, yl + yh * 256
            self._need(xb * y)
            self._mark(f"[image {xb * 8}x{y}]")
        elif c in (ord("("), ord("8")):
            kind = self._byte()
            if c == ord("8"):
                p = self._need(4)
                n = int.from_bytes(p, "little")
            else:
                pl, ph = self._need(2)
                n = pl + ph * 256
            body = self._need(n)
            if kind == ord("k") and len(body) >= 2 and body[0] == 49:  # QR code
                if body[1] == 80:
                    self.qr_data = body[3:]
                elif body[1] == 81:
                    self._mark(f"[QR: {self.qr_data.decode('utf-8', 'replace')}]")
            elif kind == ord("L") and len(body) >= 2 and body[1] in (112, 113):  # graphics store
                if len(body) >= 10:
                    w = body[6] + body[7] * 256
                    h = body[8] + body[9] * 256
                    self._mark(f"[image {w}x{h}]")
        elif c in (ord("L"), ord("W")):
            self._need(2)
        elif c in b"!BHhwfarIbgP":
            self._byte()
            if c == ord("P"):
                self._byte()

    def _fs(self) -> None:
        c = self._byte()
        if c == ord("&"):
            self._flush_text(force=False)
            self.chinese = True
        elif c == ord("."):
            self._flush_text(force=False)
            self.chinese = False
        elif c in b"!WC-":
            self._byte()
        elif c in (ord("S"), ord("p")):
            self._need(2)
        elif c == ord("("):
            self._byte()
            pl, ph = self._need(2)
            self._need(pl + ph * 256)


def _code128_text(data: bytes) -> str:
    out, i, code_set = [], 0, "B"
    while i < len(data):
        if data[i] == ord("{") and i + 1 < len(data):
            sel = chr(data[i + 1])
            if sel in "ABC":
                code_set = sel
            elif sel == "{":
                out.append("{")
            i += 2
            continue
        out.append(f"{data[i]:02d}" if code_set == "C" else chr(data[i]))
        i += 1
    return "".join(out)
