"""A loopback stand-in for an SMS gateway: the HTTP interface notify.SmsGateway speaks (POST
JSON {id, to, text} with Bearer token and Idempotency-Key), keeping each message as a JSON file.
A repeated Idempotency-Key is answered 200 again and not stored twice (a real gateway dedupes
the same way, or the buyer gets the text twice)."""

from __future__ import annotations

import hmac
import json
import re
import threading
from pathlib import Path

from sync.sandbox.standin import JsonHandler, LoopbackServer
from pos_terminal.atomic import write_atomic


class SmsStandIn(LoopbackServer):
    """`url` is the send endpoint (http://HOST:PORT/messages) once started. `down = True` answers
    503 to everything (a gateway outage); `received` is set on each new message."""

    thread_name = "sms-standin"

    def __init__(self, folder: Path | str, host: str = "127.0.0.1", port: int = 0, token: str | None = None) -> None:
        super().__init__(host, port)
        self.folder = Path(folder)
        self.token = token
        self.down = False
        self.received = threading.Event()
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}/messages"

    def _before_start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)

    def _make_handler(self):
        return _handler(self)

    def files(self) -> list[Path]:
        return sorted(self.folder.glob("*.json"))

    def messages(self) -> list[dict]:
        return [json.loads(p.read_text("utf-8")) for p in self.files()]

    def _store(self, key: str, body: dict) -> bool:
        name = re.sub(r"[^A-Za-z0-9._-]", "_", key)[:100]
        with self._lock:
            if any(p.name.endswith(f"-{name}.json") for p in self.folder.glob("*.json")):
                return False
            n = len(list(self.folder.glob("*.json"))) + 1
            path = self.folder / f"{n:06d}-{name}.json"
            write_atomic(path, json.dumps(body, ensure_ascii=False, indent=1))
        self.received.set()
        return True


def _handler(box: SmsStandIn):
    class Handler(JsonHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(min(length, 64 * 1024))
            if box.down:
                return self._answer(503, {"error": "unavailable"})
            if self.path != "/messages":
                return self._answer(404, {"error": "not_found"})
            if box.token and not hmac.compare_digest(self.headers.get("Authorization", ""), f"Bearer {box.token}"):
                return self._answer(401, {"error": "unauthenticated"})
            try:
                body = json.loads(raw)
                to, text = str(body["to"]), str(body["text"])
            except (ValueError, KeyError, TypeError):
                return self._answer(400, {"error": "bad_request", "message": "send JSON {id, to, text}"})
            key = self.headers.get("Idempotency-Key") or str(body.get("id") or "")
            if not key:
                return self._answer(400, {"error": "bad_request", "message": "send an Idempotency-Key"})
            new = box._store(key, {"id": key, "to": to, "text": text})
            self._answer(201 if new else 200, {"id": key, "status": "accepted", "duplicate": not new})

    return Handler
