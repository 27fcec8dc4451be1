"""A virtual ESC/POS network printer (raw TCP, port 9100) for demos and tests.

Each job is stored in `out_dir` twice: `job-0001.bin` (the bytes as received) and `job-0001.txt`
(readable UTF-8: commands stripped, Chinese-mode text decoded from GB18030, codes shown as
"[QR: ...]" / "[CODE128: ...]", raster images as "[image WxH]", cuts as "[CUT]", drawer pulses as
"[DRAWER pin N]"). A job ends when a status query follows it, when the client closes the
connection, or after `idle_s` without data. Status queries are not a job on their own:
- DLE EOT 1, 2, 3, 4 (real-time) are answered at once, whatever the printer is doing;
- GS r 1 / GS r 2 (paper sensor / drawer, in order) are answered once the job before them is
  printed, and not at all by a stopped printer (offline, paper end, cover open): it holds them.
A job counts as printed, and is stored, only when it really "printed": before the reply to the
query that follows it, so a client that got its confirmation finds the job on disk.

Faults, for tests and demos. Either call the methods (set_paper, set_cover_open, set_offline,
set_mute, set_drawer_open, set_fault, clear_faults, drop_connections), or write words into the
control file `<out_dir>/control` (any of FAULT_WORDS; an empty or missing file means none), which
is read at every status query and every job, so `echo paper_end > DIR/control` works on a running
`pos-terminal virtual-printer`:
- paper_end, cover_open, offline: the printer is stopped (offline, as real printers do); it
  answers DLE EOT but refuses jobs: their bytes are dropped, not stored (`refused_jobs`);
- paper_near_end: a warning only; drawer_open: the drawer's switch (connector pin 3) reads open;
- mute: no status query is answered (a printer without status commands); jobs still print;
- freeze: the printer hangs: the TCP bytes are taken but nothing is answered or printed;
- freeze_after_accept: answers normally until a job arrives, then hangs on that job (not printed);
- die_after_accept: takes each job's bytes, then closes the connection without printing it;
- paper_out_mid_job: the next job runs out of paper half way: not printed, paper end from then on.
The last three count the job in `lost_jobs`. What a job latched (the hang, the empty roll) stays
until its word is gone: the method set to False, clear_faults(), or the word taken out of the file.
A drawer pulse opens the simulated drawer (its switch reads open) until set_drawer_open(False), or
`drawer_close_s` seconds later when that is set (the demo's cashier pushing it shut).

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

from drivers.escpos_decoder import EscposDecoder
from pos_terminal.atomic import write_atomic

FAULT_WORDS = ("paper_end", "paper_near_end", "cover_open", "offline", "mute", "drawer_open", "freeze",
               "freeze_after_accept", "die_after_accept", "paper_out_mid_job")
STOPPED = frozenset({"offline", "paper_end", "cover_open"})  # the printer is offline: no job, no in-order reply
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


class _Hangup(Exception):
    """The simulated printer dies: the connection is closed without a word."""


class VirtualPrinter:
    def __init__(self, port: int = 0, out_dir: str | Path = "virtual-printer", host: str = "127.0.0.1",
                 *, idle_s: float = 1.0, drawer_close_s: float | None = None) -> None:
        self.host = host
        self.out_dir = Path(out_dir)
        self.idle_s = idle_s
        self.drawer_close_s = drawer_close_s
        self._requested_port = port
        self._port: int | None = None
        self._lock = threading.Lock()
        self._faults: set[str] = set()
        self._latched: set[str] = set()  # "frozen" (freeze_after_accept), "ran_out" (paper_out_mid_job)
        self._drawer_kicked_at: float | None = None
        self._stop = threading.Event()
        self._server: socket.socket | None = None
        self._threads: list[threading.Thread] = []
        self._clients: set[socket.socket] = set()
        self._next_job = 1
        self.refused_jobs = 0
        self.lost_jobs = 0  # taken but never printed: the printer froze, died or ran out of paper
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
        """"ok", "near_end" or "end". "ok" also loads a roll that ran out mid-job."""
        if state not in ("ok", "near_end", "end"):
            raise ValueError(f"paper state must be ok, near_end or end, got {state!r}")
        with self._lock:
            self._faults -= {"paper_end", "paper_near_end"}
            if state != "ok":
                self._faults.add("paper_" + state)
            else:
                self._latched.discard("ran_out")

    def set_cover_open(self, is_open: bool) -> None:
        self._flag("cover_open", is_open)

    def set_offline(self, offline: bool) -> None:
        self._flag("offline", offline)

    def set_mute(self, mute: bool) -> None:
        self._flag("mute", mute)

    def set_drawer_open(self, is_open: bool) -> None:
        with self._lock:
            if not is_open:
                self._drawer_kicked_at = None
        self._flag("drawer_open", is_open)

    def set_fault(self, word: str, on: bool = True) -> None:
        """Any of FAULT_WORDS on or off (off also ends what it latched)."""
        if word not in FAULT_WORDS:
            raise ValueError(f"unknown fault {word!r}; known: {', '.join(FAULT_WORDS)}")
        self._flag(word, on)

    def clear_faults(self) -> None:
        """The printer repaired: no fault set by a method, nothing latched (the control file stays)."""
        with self._lock:
            self._faults.clear()
            self._latched.clear()

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
        """The words in force (methods and control file) plus what they imply: "paper_end" after a
        roll ran out mid-job, "freeze" after a hang on a job, "drawer_open" after a drawer pulse."""
        control = self.out_dir / CONTROL_FILE
        try:
            words = control.read_text(encoding="utf-8").split()
        except (FileNotFoundError, IsADirectoryError):
            words = []
        with self._lock:
            faults = set(self._faults)
            faults.update(w for w in words if w in FAULT_WORDS)
            if "freeze_after_accept" not in faults:
                self._latched.discard("frozen")
            if "paper_out_mid_job" not in faults:
                self._latched.discard("ran_out")
            if "frozen" in self._latched:
                faults.add("freeze")
            if "ran_out" in self._latched:
                faults.add("paper_end")
            kicked = self._drawer_kicked_at
            if kicked is not None and (self.drawer_close_s is None or time.monotonic() - kicked < self.drawer_close_s):
                faults.add("drawer_open")
        return faults

    def status_byte(self, n: int) -> int:
        """The reply to DLE EOT n (1 printer, 2 offline cause, 3 error cause, 4 paper sensor)."""
        f = self.faults()
        offline = bool(f & STOPPED)
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

    def in_order_status_byte(self, n: int) -> int | None:
        """The reply to GS r n (1 paper sensor, 2 drawer); None where a printer says nothing."""
        f = self.faults()
        if n == 1:
            return 0x0C if "paper_end" in f else 0x03 if "paper_near_end" in f else 0x00
        if n == 2:
            return 0x01 if "drawer_open" in f else 0x00
        return None

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
        decoder, last_data = EscposDecoder(), time.monotonic()
        job_faults: set[str] = set()  # what was wrong when the job's first byte arrived

        def job_start() -> None:
            job_faults.clear()
            job_faults.update(self.faults())

        def query(kind: str, n: int) -> None:
            if decoder.printable:  # the job before the query is done: it printed (or not) first
                self._conclude(decoder, job_faults)
            if kind == "rt":
                self.status_queries.append(n)
            f = self.faults()
            if f & {"mute", "freeze"}:
                return
            if kind == "rt":
                reply = self.status_byte(n) if n in (1, 2, 3, 4) else None
            else:  # GS r waits behind the data: a stopped printer never gets to it
                reply = None if f & STOPPED else self.in_order_status_byte(n)
            if reply is not None:
                conn.sendall(bytes((reply,)))

        try:
            while not self._stop.is_set():
                try:
                    data = conn.recv(65536)
                except (TimeoutError, socket.timeout):
                    if decoder.printable and time.monotonic() - last_data >= self.idle_s:
                        self._conclude(decoder, job_faults)
                    continue
                except OSError:
                    break
                if not data:
                    break
                last_data = time.monotonic()
                if "freeze" in self.faults():  # hung: the bytes go nowhere
                    decoder.discard()
                    continue
                try:
                    decoder.feed(data, on_query=query, on_job_start=job_start)
                except OSError:
                    break
            if decoder.printable:
                self._conclude(decoder, job_faults)
        except _Hangup:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        finally:
            with self._lock:
                self._clients.discard(conn)
            conn.close()

    def _conclude(self, decoder: EscposDecoder, job_faults: set[str]) -> None:
        """A whole job arrived: stores it if it printed; a fault at its start refuses it, a fault
        that strikes during it loses it (the printer froze, died or ran out of paper)."""
        raw, text, kicks = decoder.take_job()
        now = self.faults()
        if job_faults & STOPPED:
            with self._lock:
                self.refused_jobs += 1
            return
        if "freeze" in job_faults | now or "freeze_after_accept" in now or "paper_out_mid_job" in now \
                or "die_after_accept" in now:
            with self._lock:
                self.lost_jobs += 1
                if "freeze_after_accept" in now:
                    self._latched.add("frozen")
                elif "paper_out_mid_job" in now and "freeze" not in now:
                    self._latched.add("ran_out")
            if "die_after_accept" in now and "freeze" not in now:
                raise _Hangup
            return
        self._store(raw, text, kicks)

    def _store(self, raw: bytes, text: str, kicks: list[int]) -> None:
        with self._lock:
            number = self._next_job
            self._next_job += 1
            self.drawer_kicks.extend(kicks)
            if kicks:
                self._drawer_kicked_at = time.monotonic()
        base = self.out_dir / f"job-{number:04d}"
        base.with_suffix(".bin").write_bytes(raw)
        write_atomic(base.with_suffix(".txt"), text)  # jobs() lists a job once both files are whole


def serve(port: int = 9100, out_dir: str | Path = "virtual-printer", host: str = "127.0.0.1") -> None:
    """Runs a virtual printer until Ctrl-C (`pos-terminal virtual-printer`)."""
    printer = VirtualPrinter(port, out_dir, host, drawer_close_s=5.0).start()  # a drawer pushed shut after 5 s
    print(f"virtual printer listening on {printer.address}; jobs go to {printer.out_dir.resolve()}")
    print(f"faults: write any of {', '.join(FAULT_WORDS)} into {printer.out_dir.resolve() / CONTROL_FILE}")
    try:
        while True:
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        printer.stop()
