"""A virtual ESC/POS network printer (raw TCP, port 9100) for demos and tests.

Each job is stored in `out_dir` twice: `job-0001.bin` (the bytes as received) and `job-0001.txt`
(readable UTF-8: commands stripped, Chinese-mode text decoded from GB18030, codes shown as
"[QR: ...]" / "[CODE128: ...]", raster images as "[image WxH]", cuts as "[CUT]", drawer pulses as
"[DRAWER pin N]"). A job ends when the client closes the connection or after `idle_s` without
data. Real-time status queries (DLE EOT 1, 2, 3, 4) are answered at once and are not a job on
their own.

Faults, for tests and demos. Either call the methods (set_paper, set_cover_open, set_offline,
set_mute, set_drawer_open, drop_connections), or write words into the control file
`<out_dir>/control` (one or more of: paper_end, paper_near_end, cover_open, offline, mute,
drawer_open; an empty or missing file means none), which is read at every status query and
every job, so `echo paper_end > DIR/control` works on a running `pos-terminal virtual-printer`.
Paper end and cover open take the printer offline, as real printers do. While offline the
printer still answers status queries but refuses jobs: their bytes are dropped, not stored
(counted in `refused_jobs`). Mute: status queries get no answer (a printer without DLE EOT).

Threading: start() runs an accept thread and one thread per connection; stop() ends them all.
Nothing runs until start() (or serve()) is called.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path

FAULT_WORDS = ("paper_end", "paper_near_end", "cover_open", "offline", "mute", "drawer_open")
CONTROL_FILE = "control"


@dataclass(frozen=True)
class Job:
    number: int
    bin_path: Path
    txt_path: Path

    @property
    def raw(self) -> bytes:
        return self.bin_path.read_bytes()

    @property
    def text(self) -> str:
        return self.txt_path.read_text(encoding="utf-8")


class _Incomplete(Exception):
    pass


class _Decoder:
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

    def feed(self, data: bytes) -> list[int]:
        """Adds bytes; returns the DLE EOT n queries found, in order."""
        self.buf += data
        queries: list[int] = []
        while self.pos < len(self.buf):
            start = self.pos
            try:
                query = self._step()
            except _Incomplete:
                self.pos = start
                break
            if query is not None:
                queries.append(query)
        return queries

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
                return self._byte()
            if cmd == 0x05:
                self._byte()
            elif cmd == 0x14:  # DLE DC4 fn m t: fn 1 is a drawer pulse
                fn, m, _t = self._need(3)
                if fn == 1:
                    self.printable = True
                    self.drawer_kicks.append(5 if m else 2)
                    self._mark(f"[DRAWER pin {5 if m else 2}]")
            return None
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


class VirtualPrinter:
    def __init__(self, port: int = 0, out_dir: str | Path = "virtual-printer", host: str = "127.0.0.1",
                 *, idle_s: float = 1.0) -> None:
        self.host = host
        self.out_dir = Path(out_dir)
        self.idle_s = idle_s
        self._requested_port = port
        self._port: int | None = None
        self._lock = threading.Lock()
        self._faults: set[str] = set()
        self._stop = threading.Event()
        self._server: socket.socket | None = None
        self._threads: list[threading.Thread] = []
        self._clients: set[socket.socket] = set()
        self._next_job = 1
        self.refused_jobs = 0
        self.status_queries: list[int] = []
        self.drawer_kicks: list[int] = []

    # -- lifecycle

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("the virtual printer is not started; call start() first")
        return self._port

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"

    def start(self) -> VirtualPrinter:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        numbers = [int(m.group(1)) for p in self.out_dir.glob("job-*.bin") if (m := re.match(r"job-(\d+)\.bin", p.name))]
        self._next_job = max(numbers, default=0) + 1
        server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind((self.host, self._requested_port))
        server.listen(8)
        server.settimeout(0.1)
        self._server = server
        self._port = server.getsockname()[1]
        self._stop.clear()
        t = threading.Thread(target=self._accept_loop, name=f"virtual-printer-{self.port}", daemon=True)
        self._threads.append(t)
        t.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self.drop_connections()
        for t in list(self._threads):
            t.join(timeout=5)
        self._threads.clear()
        if self._server is not None:
            self._server.close()

    def __enter__(self) -> VirtualPrinter:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- faults

    def set_paper(self, state: str) -> None:
        """"ok", "near_end" or "end"."""
        if state not in ("ok", "near_end", "end"):
            raise ValueError(f"paper state must be ok, near_end or end, got {state!r}")
        with self._lock:
            self._faults -= {"paper_end", "paper_near_end"}
            if state != "ok":
                self._faults.add("paper_" + state)

    def set_cover_open(self, is_open: bool) -> None:
        self._flag("cover_open", is_open)

    def set_offline(self, offline: bool) -> None:
        self._flag("offline", offline)

    def set_mute(self, mute: bool) -> None:
        self._flag("mute", mute)

    def set_drawer_open(self, is_open: bool) -> None:
        self._flag("drawer_open", is_open)

    def drop_connections(self) -> None:
        """Closes every client connection, as a printer that was switched off and on."""
        with self._lock:
            clients = list(self._clients)
        for conn in clients:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            conn.close()

    def _flag(self, word: str, on: bool) -> None:
        with self._lock:
            (self._faults.add if on else self._faults.discard)(word)

    def faults(self) -> set[str]:
        with self._lock:
            faults = set(self._faults)
        control = self.out_dir / CONTROL_FILE
        try:
            words = control.read_text(encoding="utf-8").split()
        except (FileNotFoundError, IsADirectoryError):
            words = []
        faults.update(w for w in words if w in FAULT_WORDS)
        return faults

    def status_byte(self, n: int) -> int:
        f = self.faults()
        offline = bool(f & {"offline", "paper_end", "cover_open"})
        if n == 1:
            return 0x12 | (0x04 if "drawer_open" in f else 0) | (0x08 if offline else 0)
        if n == 2:
            return 0x12 | (0x04 if "cover_open" in f else 0) | (0x20 if "paper_end" in f else 0)
        if n == 3:
            return 0x12
        if n == 4:
            paper = 0x0C if "paper_near_end" in f else 0
            return 0x12 | (0x6C if "paper_end" in f else paper)
        raise ValueError(n)

    # -- jobs

    def jobs(self) -> list[Job]:
        found = sorted(self.out_dir.glob("job-*.bin"))
        return [Job(int(p.stem.split("-")[1]), p, p.with_suffix(".txt")) for p in found if p.with_suffix(".txt").exists()]

    def wait_for_jobs(self, count: int, timeout: float = 5.0) -> list[Job]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            jobs = self.jobs()
            if len(jobs) >= count:
                return jobs
            time.sleep(0.02)
        raise TimeoutError(f"virtual printer has {len(self.jobs())} jobs in {self.out_dir}, expected {count}")

    # -- serving

    def _accept_loop(self) -> None:
        assert self._server is not None
        while not self._stop.is_set():
            try:
                conn, _ = self._server.accept()
            except (TimeoutError, socket.timeout):
                continue
            except OSError:
                return
            with self._lock:
                self._clients.add(conn)
            self._threads = [t for t in self._threads if t.is_alive()]
            t = threading.Thread(target=self._serve_client, args=(conn,), name="virtual-printer-conn", daemon=True)
            self._threads.append(t)
            t.start()

    def _serve_client(self, conn: socket.socket) -> None:
        conn.settimeout(min(self.idle_s, 0.1))
        decoder, raw, refused, last_data = _Decoder(), bytearray(), False, time.monotonic()
        try:
            while not self._stop.is_set():
                try:
                    data = conn.recv(65536)
                except (TimeoutError, socket.timeout):
                    if raw and decoder.printable and time.monotonic() - last_data >= self.idle_s:
                        self._finish(decoder, raw, refused)
                        decoder, raw, refused = _Decoder(), bytearray(), False
                    continue
                except OSError:
                    break
                if not data:
                    break
                last_data = time.monotonic()
                raw += data
                was_printable = decoder.printable
                for n in decoder.feed(data):
                    self.status_queries.append(n)
                    if n in (1, 2, 3, 4) and "mute" not in self.faults():
                        try:
                            conn.sendall(bytes((self.status_byte(n),)))
                        except OSError:
                            break
                if decoder.printable and not was_printable:
                    refused = refused or bool(self.faults() & {"offline", "paper_end", "cover_open"})
            if raw and decoder.printable:
                self._finish(decoder, raw, refused)
        finally:
            with self._lock:
                self._clients.discard(conn)
            conn.close()

    def _finish(self, decoder: _Decoder, raw: bytearray, refused: bool) -> None:
        if refused:
            with self._lock:
                self.refused_jobs += 1
            return
        text = decoder.finish()
        with self._lock:
            number = self._next_job
            self._next_job += 1
            self.drawer_kicks.extend(decoder.drawer_kicks)
        base = self.out_dir / f"job-{number:04d}"
        base.with_suffix(".bin").write_bytes(bytes(raw))
        tmp = base.with_suffix(".txt.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.rename(base.with_suffix(".txt"))  # jobs() lists a job once both files are whole


def serve(port: int = 9100, out_dir: str | Path = "virtual-printer", host: str = "127.0.0.1") -> None:
    """Runs a virtual printer until Ctrl-C (`pos-terminal virtual-printer`)."""
    printer = VirtualPrinter(port, out_dir, host).start()
    print(f"virtual printer listening on {printer.address}; jobs go to {printer.out_dir.resolve()}")
    print(f"faults: write any of {', '.join(FAULT_WORDS)} into {printer.out_dir.resolve() / CONTROL_FILE}")
    try:
        while True:
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        printer.stop()
