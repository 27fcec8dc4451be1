"""A simulated bank-card terminal speaking drivers.card_protocol over TCP, for demos and tests.

Run it as its own process (`python -m drivers.card_simulator --port N [--mode M] [--state DIR]`,
or `start_process(...)` which picks a free port and waits until it answers), or in-process with
`CardSimulator(...).start()`.

Fault modes (card_protocol.MODES) switch at runtime: `CardSimulator.set_mode()`, a CONTROL
message (`set_mode(host, port, mode)` here), or `python -m drivers.card_simulator --port N
--set-mode M` against a running simulator.

Transactions are kept in memory and, with a state folder, in `<state>/card-simulator.json`,
written (fsync, atomic replace) before the answer is sent, so a simulator killed after a charge
still knows it when restarted on the same folder. Only the last four digits of the simulated
card are kept or logged; the full number exists only for the moment the card is "read".

Threading: start() runs an accept thread and one thread per connection; stop() ends them.
Nothing runs until start() (or serve()) is called.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import secrets
import select
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from drivers import card_protocol as proto
from drivers.card_protocol import MODES, DayReport, ProtocolError, Transaction
from pos_terminal.atomic import write_atomic

log = logging.getLogger("drivers.card_simulator")  # also when run as __main__

STATE_FILE = "card-simulator.json"
MODEL = "pos-terminal card simulator"
_BANNER = "card simulator listening on "
_HANG = object()  # reply withheld: keep the connection open, say nothing
_CLOSE = object()  # reply withheld: close the connection


def simulated_card_number(seq: int) -> str:
    """The fake UnionPay-like card "read" for the seq-th transaction: 16 digits, Luhn-valid,
    last four digits varying from one transaction to the next."""
    body = "622202" + f"{(seq * 7_919_731 + 104_729) % 10**9:09d}"
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:  # doubled: every second digit from the right, counting the check digit
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return body + str((10 - total % 10) % 10)


@dataclass
class _Pending:
    body: tuple
    cancelled: bool = False


class CardSimulator:
    def __init__(self, host: str = "127.0.0.1", port: int = 0, mode: str = "approve", *,
                 state_dir: str | Path | None = None, slow_s: float = 3.0, terminal_id: str = "SIM-01",
                 clock=None) -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, got {mode!r}")
        self.host = host
        self.terminal_id = terminal_id
        self.state_dir = Path(state_dir) if state_dir else None
        self._requested_port = port
        self._port: int | None = None
        self._mode = mode
        self._slow_s = float(slow_s)
        self._clock = clock
        self._cond = threading.Condition()
        self._transactions: list[Transaction] = []
        self._by_id: dict[str, Transaction] = {}
        self._pending: dict[str, _Pending] = {}
        self._cancelled: set[str] = set()
        self._seq = 0
        self._stop = threading.Event()
        self._server: socket.socket | None = None
        self._threads: list[threading.Thread] = []
        self._clients: set[socket.socket] = set()

    # -- lifecycle

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("the card simulator is not started; call start() first")
        return self._port

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"

    def start(self) -> CardSimulator:
        self._load()
        server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            server.bind((self.host, self._requested_port))
        except OSError as exc:
            server.close()
            raise OSError(exc.errno, f"card simulator cannot listen on {self.host}:{self._requested_port}: "
                                     f"{exc.strerror}; pick another --port or stop what uses it") from None
        server.listen(16)
        server.settimeout(0.2)
        self._server = server
        self._port = server.getsockname()[1]
        self._stop.clear()
        t = threading.Thread(target=self._accept_loop, name=f"card-simulator-{self._port}", daemon=True)
        self._threads.append(t)
        t.start()
        log.info("card simulator started", extra={"address": self.address, "mode": self._mode,
                                                    "state": str(self.state_dir or "")})
        return self

    def stop(self) -> None:
        self._stop.set()
        with self._cond:
            self._cond.notify_all()
        self.drop_connections()
        for t in list(self._threads):
            if t is not threading.current_thread():
                t.join(timeout=5)
        self._threads.clear()
        if self._server is not None:
            self._server.close()
            self._server = None

    def __enter__(self) -> CardSimulator:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def drop_connections(self) -> None:
        with self._cond:
            clients = list(self._clients)
        for conn in clients:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            conn.close()

    # -- faults and figures

    @property
    def mode(self) -> str:
        with self._cond:
            return self._mode

    def set_mode(self, mode: str, slow_s: float | None = None) -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, got {mode!r}")
        with self._cond:
            self._mode = mode
            if slow_s is not None:
                self._slow_s = float(slow_s)
        log.info("card simulator mode changed", extra={"mode": mode})

    def transactions(self) -> list[Transaction]:
        with self._cond:
            return list(self._transactions)

    def day_report(self, day: date, currency: str = "CNY", tz: str = "UTC") -> DayReport:
        try:
            zone = ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError):
            raise ProtocolError(f"timezone {tz!r} is not an IANA time zone name such as 'Asia/Shanghai'") from None
        counts = {"sale": [0, 0], "refund": [0, 0]}
        declined = 0
        for tx in self.transactions():
            if tx.currency != currency or datetime.fromisoformat(tx.at).astimezone(zone).date() != day:
                continue
            if not tx.approved:
                declined += 1
                continue
            counts[tx.kind][0] += 1
            counts[tx.kind][1] += tx.amount_minor
        return DayReport(day.isoformat(), tz, currency, counts["sale"][0], counts["sale"][1],
                         counts["refund"][0], counts["refund"][1], declined)

    # -- state

    @property
    def state_path(self) -> Path | None:
        return self.state_dir / STATE_FILE if self.state_dir else None

    def _load(self) -> None:
        path = self.state_path
        if path is None or not path.exists():
            return
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            transactions = [Transaction.from_wire(t) for t in data["transactions"]]
            seq, cancelled = int(data["seq"]), set(data.get("cancelled", []))
        except (OSError, ValueError, KeyError, TypeError, ProtocolError) as exc:
            raise RuntimeError(f"card simulator state {path} cannot be read ({exc}); it holds the day's "
                               "transactions, so it is not replaced: move it aside to start an empty day") from None
        with self._cond:
            self._transactions = transactions
            self._by_id = {t.request_id: t for t in transactions}
            self._seq, self._cancelled = seq, cancelled

    def _save_locked(self) -> None:
        path = self.state_path
        if path is None:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {"version": 1, "terminal_id": self.terminal_id, "seq": self._seq,
                "transactions": [t.to_wire() for t in self._transactions], "cancelled": sorted(self._cancelled)}
        write_atomic(path, json.dumps(data, ensure_ascii=False, indent=1))

    def _now(self) -> str:
        now = self._clock.now() if self._clock is not None else datetime.now(timezone.utc)
        return now.astimezone(timezone.utc).isoformat()

    # -- serving

    def _accept_loop(self) -> None:
        server = self._server
        assert server is not None
        while not self._stop.is_set():
            try:
                conn, _addr = server.accept()
            except socket.timeout:
                continue
            except OSError:
                if not self._stop.is_set():
                    log.exception("card simulator accept failed")
                return
            with self._cond:
                self._clients.add(conn)
            t = threading.Thread(target=self._serve_connection, args=(conn,), daemon=True,
                                 name=f"card-simulator-conn-{self._port}")
            self._threads = [x for x in self._threads if x.is_alive()]
            self._threads.append(t)
            t.start()

    def _serve_connection(self, conn: socket.socket) -> None:
        reader = proto.LineReader(conn)
        try:
            while not self._stop.is_set():
                try:
                    line = reader.read_line(0.5)
                except TimeoutError:
                    continue
                except ProtocolError as exc:
                    conn.sendall(proto.encode(proto.error(exc.code, exc.message)))
                    return
                try:
                    reply = self.handle(proto.decode(line))
                except ProtocolError as exc:
                    reply = proto.error(exc.code, exc.message)
                if reply is _HANG:
                    self._hang(conn)
                    return
                if reply is _CLOSE:
                    return
                conn.sendall(proto.encode(reply))
        except (ConnectionError, OSError):
            pass
        finally:
            with self._cond:
                self._clients.discard(conn)
            try:
                conn.close()
            except OSError:
                pass

    def _hang(self, conn: socket.socket) -> None:
        """Says nothing until the other side gives up and closes, or the simulator stops."""
        conn.settimeout(0.2)
        while not self._stop.is_set():
            try:
                if not conn.recv(4096):
                    return
            except socket.timeout:
                continue
            except OSError:
                return

    def handle(self, message: dict):
        """One request: its reply, or _HANG / _CLOSE when the fault mode withholds the reply."""
        proto.validate_request(message)
        kind = message["type"]
        if kind == "PING":
            return {"reply": "PING", "model": MODEL, "terminal_id": self.terminal_id, "mode": self.mode}
        if kind in ("SALE", "REFUND"):
            return self._transact(message)
        if kind == "LAST":
            with self._cond:
                if "request_id" in message:
                    tx = self._by_id.get(message["request_id"])
                else:
                    tx = self._transactions[-1] if self._transactions else None
            return {"reply": "LAST", "transaction": tx.to_wire() if tx else None}
        if kind == "DAY_REPORT":
            report = self.day_report(date.fromisoformat(message["date"]), message["currency"],
                                     message.get("timezone", "UTC"))
            return {"reply": "DAY_REPORT", "report": report.to_wire()}
        if kind == "CANCEL":
            return self._cancel(message["request_id"])
        if kind == "CONTROL":
            self.set_mode(message["mode"], message.get("slow_s"))
            with self._cond:
                return {"reply": "CONTROL", "mode": self._mode, "slow_s": self._slow_s}
        raise ProtocolError(f"unknown message type {kind!r}", "unknown_type")  # pragma: no cover

    def _transact(self, message: dict):
        kind = message["type"]
        rid = message["request_id"]
        ref = message["reference"] if kind == "SALE" else message["original_reference"]
        body = (kind.lower(), message["amount_minor"], message["currency"], ref)
        reply_type = kind
        with self._cond:
            while rid in self._pending and not self._stop.is_set():
                self._check_same(rid, body, self._pending[rid].body)
                self._cond.wait(0.5)
            if rid in self._by_id:
                tx = self._by_id[rid]
                self._check_same(rid, body, (tx.kind, tx.amount_minor, tx.currency, tx.reference))
                log.info("card simulator replayed a request", extra={"request_id": rid, "result": tx.result})
                return {"reply": reply_type, "transaction": tx.to_wire(), "replayed": True}
            if rid in self._cancelled:
                tx = Transaction(rid, body[0], "declined", body[1], body[2], ref, None, None,
                                 "cancelled at the POS before this request arrived", self._now())
                return {"reply": reply_type, "transaction": tx.to_wire(), "replayed": True}
            mode, slow_s = self._mode, self._slow_s
            if mode == "drop":
                log.info("card simulator dropped a request (mode drop)", extra={"request_id": rid})
                return _HANG
            if mode == "slow":
                pending = self._pending[rid] = _Pending(body)
                deadline = time.monotonic() + slow_s
                while not pending.cancelled and not self._stop.is_set():
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        break
                    self._cond.wait(remaining)
                del self._pending[rid]
                self._cond.notify_all()
                if pending.cancelled:
                    return {"reply": reply_type, "transaction": self._by_id[rid].to_wire(), "replayed": False}
                if self._stop.is_set():
                    return _CLOSE
            tx = self._record_locked(rid, body, approve=(mode != "decline"))
        if mode == "timeout":
            return _HANG
        if mode == "disconnect-after-approve":
            return _CLOSE
        return {"reply": reply_type, "transaction": tx.to_wire(), "replayed": False}

    @staticmethod
    def _check_same(rid: str, body: tuple, stored: tuple) -> None:
        if body != stored:
            raise ProtocolError(f"request_id {rid} was already used for a different {stored[0]} "
                                "(amount, currency or reference differ); use a new request_id", "request_id_reused")

    def _record_locked(self, rid: str, body: tuple, *, approve: bool) -> Transaction:
        kind, amount, currency, ref = body
        self._seq += 1
        if kind == "sale":
            last4 = simulated_card_number(self._seq)[-4:]  # the card "read": only its last four are kept
            message = "approved" if approve else "declined by the card issuer (simulated): insufficient funds"
        else:
            original = [t for t in self._transactions
                        if t.kind == "sale" and t.approved and t.reference == ref and t.currency == currency]
            refunded = sum(t.amount_minor for t in self._transactions
                           if t.kind == "refund" and t.approved and t.reference == ref)
            last4 = original[-1].card_last4 if original else None
            message = "approved" if approve else "refund declined (simulated)"
            if approve and not original:
                approve, message = False, f"no approved sale with reference {ref} on this card terminal"
            elif approve and refunded + amount > sum(t.amount_minor for t in original):
                approve, message = False, "refund exceeds what is left of the original sale"
        code = "".join(secrets.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(6)) if approve else None
        tx = Transaction(rid, kind, "approved" if approve else "declined", amount, currency, ref, code, last4,
                         message, self._now())
        self._transactions.append(tx)
        self._by_id[rid] = tx
        self._save_locked()
        log.info("card simulator recorded a transaction",
                 extra={"request_id": rid, "kind": kind, "result": tx.result, "amount_minor": amount,
                        "currency": currency, "reference": ref, "approval_code": code, "card_last4": last4})
        return tx

    def _cancel(self, rid: str) -> dict:
        with self._cond:
            if rid in self._by_id:
                return {"reply": "CANCEL", "state": "completed", "transaction": self._by_id[rid].to_wire()}
            pending = self._pending.get(rid)
            if pending is not None:
                kind, amount, currency, ref = pending.body
                tx = Transaction(rid, kind, "declined", amount, currency, ref, None, None,
                                 "cancelled at the POS while waiting for the card", self._now())
                self._transactions.append(tx)
                self._by_id[rid] = tx
                pending.cancelled = True
                self._save_locked()
                self._cond.notify_all()
                log.info("card simulator cancelled a waiting request", extra={"request_id": rid})
                return {"reply": "CANCEL", "state": "cancelled", "transaction": tx.to_wire()}
            self._cancelled.add(rid)
            self._save_locked()
            return {"reply": "CANCEL", "state": "not_found", "transaction": None}


# ----------------------------------------------------------------------------- processes


def set_mode(host: str, port: int, mode: str, slow_s: float | None = None, *, timeout_s: float = 5.0) -> dict:
    """Switches the mode of a running simulator (its own process or not) by a CONTROL message."""
    reply = proto.request(host, port, proto.control(mode, slow_s), timeout_s=timeout_s)
    if reply.get("reply") != "CONTROL":
        raise RuntimeError(f"card simulator at {host}:{port} refused mode {mode!r}: {reply.get('message', reply)}")
    return reply


def serve(host: str = "127.0.0.1", port: int = 0, mode: str = "approve", state_dir: str | Path | None = None, *,
          slow_s: float = 3.0, parent_pid: int | None = None) -> None:
    """Runs a simulator until Ctrl-C or SIGTERM (`pos-terminal card-simulator`). The first line
    on stdout is "card simulator listening on HOST:PORT" (start_process reads it). With
    `parent_pid`, it also stops when that process is gone."""
    sim = CardSimulator(host, port, mode, state_dir=state_dir, slow_s=slow_s).start()
    print(_BANNER + sim.address, flush=True)
    stopping = threading.Event()
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    try:
        while not stopping.wait(0.5):
            if parent_pid is not None and not _alive(parent_pid):
                log.info("card simulator stops: its parent process is gone")
                break
    except KeyboardInterrupt:
        pass
    finally:
        sim.stop()


def _alive(pid: int) -> bool:
    if os.getppid() != pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def start_process(port: int = 0, mode: str = "approve", state_dir: str | Path | None = None, *,
                  host: str = "127.0.0.1", slow_s: float | None = None, log_path: str | Path | None = None,
                  timeout_s: float = 20.0) -> tuple[subprocess.Popen, int]:
    """Starts the simulator as a separate process (port 0: a free one) and waits until it answers
    a PING. Returns (process, port). Stop it with stop_process(); it also stops by itself when
    this process goes away. Its log lines go to `log_path` (appended), or nowhere."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, got {mode!r}")
    root = str(Path(__file__).resolve().parent.parent)
    env = dict(os.environ)
    env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    cmd = [sys.executable, "-m", "drivers.card_simulator", "--host", host, "--port", str(port), "--mode", mode,
           "--parent-pid", str(os.getpid())]
    if state_dir is not None:
        cmd += ["--state", str(state_dir)]
    if slow_s is not None:
        cmd += ["--slow-s", str(slow_s)]
    log_file = open(log_path, "ab") if log_path else subprocess.DEVNULL
    try:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=log_file, stdin=subprocess.DEVNULL, env=env,
                                cwd=root)
    finally:
        if log_path:
            log_file.close()
    try:
        actual = _wait_for_banner(proc, timeout_s)
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                proto.request(host, actual, proto.ping(), timeout_s=2.0)
                return proc, actual
            except (OSError, ProtocolError):
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.05)
    except BaseException:
        stop_process(proc)
        raise


def _wait_for_banner(proc: subprocess.Popen, timeout_s: float) -> int:
    assert proc.stdout is not None
    deadline = time.monotonic() + timeout_s
    line = b""
    while not line.endswith(b"\n"):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError(f"card simulator did not start listening within {timeout_s:.0f} s")
        ready, _, _ = select.select([proc.stdout], [], [], remaining)
        if not ready:
            continue
        chunk = os.read(proc.stdout.fileno(), 1)
        if not chunk:
            rc = proc.wait(timeout=5)
            raise RuntimeError(f"card simulator exited with code {rc} before listening; see its log "
                               "(start_process(log_path=...)) for the cause")
        line += chunk
    text = line.decode("utf-8", "replace").strip()
    if not text.startswith(_BANNER):
        raise RuntimeError(f"card simulator said {text!r} instead of where it listens")
    return int(text.rsplit(":", 1)[1])


def stop_process(proc: subprocess.Popen, timeout_s: float = 5.0) -> None:
    """Stops a simulator started by start_process (SIGTERM, then SIGKILL after `timeout_s`)."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=timeout_s)
    if proc.stdout is not None:
        proc.stdout.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m drivers.card_simulator",
                                     description="A simulated bank-card terminal on TCP (drivers.card_protocol).")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0: a free port (printed on the first line)")
    parser.add_argument("--mode", choices=MODES, default="approve")
    parser.add_argument("--state", default=None, help="folder that keeps the day's transactions across restarts")
    parser.add_argument("--slow-s", type=float, default=3.0, help="how long mode 'slow' waits for the card")
    parser.add_argument("--parent-pid", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--set-mode", choices=MODES, default=None,
                        help="switch a running simulator on --host/--port to this mode, then exit")
    args = parser.parse_args(argv)
    if args.set_mode:
        if not args.port:
            parser.error("--set-mode needs the --port of the running simulator")
        try:
            reply = set_mode(args.host, args.port, args.set_mode, args.slow_s)
        except (OSError, RuntimeError, ProtocolError) as exc:
            print(f"cannot switch the card simulator at {args.host}:{args.port}: {exc}", file=sys.stderr)
            return 1
        print(f"card simulator at {args.host}:{args.port} is now in mode {reply['mode']}")
        return 0
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, stream=sys.stderr,
                            format="%(asctime)s %(levelname)s %(name)s %(message)s %(extras)s")
        for handler in logging.getLogger().handlers:
            handler.addFilter(_ExtrasFilter())
    try:
        serve(args.host, args.port, args.mode, args.state, slow_s=args.slow_s, parent_pid=args.parent_pid)
    except (OSError, RuntimeError) as exc:
        print(f"card simulator: {exc}", file=sys.stderr)
        return 1
    return 0


class _ExtrasFilter(logging.Filter):
    _standard = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime", "taskName"}

    def filter(self, record: logging.LogRecord) -> bool:
        extras = {k: v for k, v in vars(record).items() if k not in self._standard and k != "extras"}
        record.extras = json.dumps(extras, ensure_ascii=False, default=str) if extras else ""
        return True


if __name__ == "__main__":
    sys.exit(main())
