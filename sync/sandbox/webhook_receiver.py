"""A loopback stand-in for merchants' webhook receivers: what a merchant's server does with the
platform's signed events (sync.sandbox.webhooks), for tests and the demo.

`POST /webhooks/<merchant id>`: checked with webhooks.verify_webhook against that merchant's
secret (`secret_for(merchant_id)`) and the receiver's clock; a bad or missing signature, or a
timestamp outside the tolerance, is answered 401 and not kept; an unknown merchant 404. A good
delivery is appended to FOLDER/webhooks.jsonl (one JSON object a line: id, merchant_id, type,
timestamp, received_at, payload) and answered 200; a repeat of a webhook-id already kept is
answered 200 again and not kept twice (the platform's delivery is at-least-once)."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path

from pos_terminal.ports import Clock
from sync.sandbox.standin import JsonHandler, LoopbackServer
from sync.sandbox.webhooks import WebhookVerificationError, verify_webhook

MAX_BODY = 1024 * 1024
FILE_NAME = "webhooks.jsonl"


class WebhookReceiver(LoopbackServer):
    """`url_for(merchant_id)` is the endpoint to give the platform once started. `script`: a
    list of status codes to answer (after the signature check, in order, one per request) before
    accepting again, e.g. [500, 500] for a receiver that fails twice. `attempts` lists every
    request as (webhook-id, status answered); `received` is set on each request."""

    thread_name = "webhook-receiver"

    def __init__(self, folder: Path | str, secret_for: Callable[[str], str | None], clock: Clock,
                 host: str = "127.0.0.1", port: int = 0) -> None:
        super().__init__(host, port)
        self.folder = Path(folder)
        self.secret_for = secret_for
        self.clock = clock
        self.script: list[int] = []
        self.attempts: list[tuple[str, int]] = []
        self.received = threading.Event()
        self._lock = threading.Lock()
        self._seen: set[str] = set()

    @property
    def path(self) -> Path:
        return self.folder / FILE_NAME

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}/webhooks"

    def url_for(self, merchant_id: str) -> str:
        return f"{self.base_url}/{merchant_id}"

    def _before_start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self._seen = {d["id"] for d in self.deliveries()}

    def _make_handler(self):
        return _handler(self)

    def deliveries(self) -> list[dict]:
        """What was accepted, in order of arrival."""
        if not self.path.exists():
            return []
        return [json.loads(line) for line in self.path.read_text("utf-8").splitlines() if line.strip()]

    def _handle(self, merchant_id: str, headers, body: bytes) -> tuple[int, dict]:
        secret = self.secret_for(merchant_id)
        msg_id = headers.get("webhook-id") or ""
        if secret is None:
            return 404, {"error": "unknown_merchant", "message": f"no receiver for merchant {merchant_id!r}"}
        try:
            payload = verify_webhook(secret, headers, body, self.clock.now())
        except WebhookVerificationError as exc:
            return 401, {"error": "bad_signature", "message": str(exc)}
        with self._lock:
            if self.script:
                status = self.script.pop(0)
                return status, {"error": "scripted", "status": status}
            if msg_id in self._seen:
                return 200, {"id": msg_id, "duplicate": True}
            self._seen.add(msg_id)
            line = {"id": msg_id, "merchant_id": merchant_id, "type": payload.get("type"),
                    "timestamp": int(headers["webhook-timestamp"]),
                    "received_at": self.clock.now().isoformat(), "payload": payload}
            with self.path.open("a", encoding="utf-8") as fh:
                fh.write(json.dumps(line, ensure_ascii=False) + "\n")
        return 200, {"id": msg_id, "duplicate": False}


def _handler(box: WebhookReceiver):
    class Handler(JsonHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                return self._answer(413, {"error": "too_large"})
            raw = self.rfile.read(length)
            prefix = "/webhooks/"
            if not self.path.startswith(prefix) or "/" in self.path[len(prefix):] or self.path == prefix:
                status, body = 404, {"error": "not_found"}
            else:
                status, body = box._handle(self.path[len(prefix):], self.headers, raw)
            box.attempts.append((self.headers.get("webhook-id") or "", status))
            self._answer(status, body)
            box.received.set()

    return Handler
