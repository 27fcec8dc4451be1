"""An ASGI app on uvicorn in a background thread, for the in-process servers (the sandbox
platform, the clearing house): `start()` returns once it accepts connections, `stop()` asks it to
exit and waits. One place for the start-up wait, its timeouts and their messages."""

from __future__ import annotations

import socket
import threading
import time
from typing import Any


def free_port(host: str) -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


class UvicornThread:
    def __init__(self, app: Any, host: str, port: int, *, name: str, what: str) -> None:
        """`name`: the thread's name; `what`: the server in a message ("the clearing house")."""
        import uvicorn

        self.what = what
        self.url = f"http://{host}:{port}"
        config = uvicorn.Config(app, host=host, port=port, log_level="warning", lifespan="on", access_log=False)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, name=name, daemon=True)

    def start(self, timeout: float) -> None:
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive():
                raise RuntimeError(f"{self.what} did not start on {self.url}")
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"{self.what} did not start within {timeout} s on {self.url}")
            time.sleep(0.02)

    def stop(self) -> None:
        self._server.should_exit = True
        if self._thread.is_alive():
            self._thread.join(timeout=10)
