"""A loopback SMTP server (aiosmtpd) that keeps every message it receives as an .eml file: the
buyer's inbox in tests and in the demo. Not a mail relay: it delivers nowhere else."""

from __future__ import annotations

import re
import threading
from email.parser import BytesParser
from email import policy
from pathlib import Path

from pos_terminal.atomic import write_atomic


class Mailbox:
    """`start()` listens on host:port (0: a free port, then `port` is the real one). Each message
    is written to `folder` as NNNNNN-<Message-ID>.eml (a resend of one Message-ID is a second
    file: it shows at-least-once delivery). `on_message(path)` is called after a file is written;
    `received` is set on each message."""

    def __init__(self, folder: Path | str, host: str = "127.0.0.1", port: int = 0, on_message=None,
                 tls_context=None) -> None:
        """`tls_context` (an ssl.SSLContext with the server's certificate): offer STARTTLS and
        accept mail only after it."""
        self.folder = Path(folder)
        self.tls_context = tls_context
        self.host = host
        self.port = port
        self.on_message = on_message
        self._controller = None
        self._lock = threading.Lock()
        self.received = threading.Event()

    def start(self) -> Mailbox:
        from aiosmtpd.controller import Controller

        if self.port == 0:
            import socket

            with socket.socket() as s:
                s.bind((self.host, 0))
                self.port = s.getsockname()[1]
        self.folder.mkdir(parents=True, exist_ok=True)
        tls = {"tls_context": self.tls_context, "require_starttls": True} if self.tls_context is not None else {}
        self._controller = Controller(_Handler(self), hostname=self.host, port=self.port, ready_timeout=10, **tls)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def __enter__(self) -> Mailbox:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def _store(self, data: bytes) -> Path:
        msg = BytesParser(policy=policy.default).parsebytes(data, headersonly=True)
        mid = re.sub(r"[^A-Za-z0-9@._-]", "", str(msg.get("Message-ID", "")))[:120] or "no-id"
        with self._lock:
            n = len(list(self.folder.glob("*.eml"))) + 1
            path = self.folder / f"{n:06d}-{mid}.eml"
            write_atomic(path, data)
        if self.on_message is not None:
            self.on_message(path)
        self.received.set()
        return path

    def files(self) -> list[Path]:
        return sorted(self.folder.glob("*.eml"))

    def messages(self):
        """Every message received, parsed (email.message.EmailMessage), oldest first."""
        return [BytesParser(policy=policy.default).parsebytes(p.read_bytes()) for p in self.files()]


class _Handler:
    def __init__(self, box: Mailbox) -> None:
        self.box = box

    async def handle_DATA(self, server, session, envelope):
        data = envelope.original_content or envelope.content
        if self.box.tls_context is not None:  # a header the test reads: the message came over TLS
            data = f"X-Received-Over-TLS: {'yes' if session.ssl else 'no'}\r\n".encode() + data
        self.box._store(data)
        return "250 Message accepted for delivery"
