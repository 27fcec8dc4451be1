"""An ASGI app on uvicorn in a background thread, for the in-process servers (the sandbox
platform, the clearing house): `start()` returns once it accepts connections, `stop()` asks it to
exit and waits. One place for the start-up wait, its timeouts and their messages."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


def free_port(host: str) -> int:
    """A port free now, for a test's "nothing listens here" address. A server to be started on a
    free port takes one with `port_to_serve` instead: this number may be taken again at once."""
    with socket.socket() as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


@contextmanager
def port_to_serve(host: str, port: int) -> Iterator[tuple[int, socket.socket | None]]:
    """`with port_to_serve(host, port) as (port, sock)`: a port given is used as it is (sock None);
    for port 0, a free port with a socket bound to it, held until UvicornThread serves on it (its
    `sock`), so nothing else can take the port in between; closed if the block fails. Choosing a
    number with free_port and binding it later failed a test run with "address already in use":
    the sandbox starts its stand-ins in between."""
    if port != 0:
        yield port, None
        return
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.bind((host, 0))
        yield sock.getsockname()[1], sock
    except BaseException:
        sock.close()
        raise


class UvicornThread:
    def __init__(self, app: Any, host: str, port: int, *, name: str, what: str,
                 sock: socket.socket | None = None) -> None:
        """`name`: the thread's name; `what`: the server in a message ("the clearing house");
        `sock`: the socket port_to_serve() bound to `port`, served on as it is (closed by stop())."""
        import uvicorn

        self.what = what
        self.url = f"http://{host}:{port}"
        self._sock = sock
        config = uvicorn.Config(app, host=host, port=port, log_level="warning", lifespan="on", access_log=False)
        self._server = uvicorn.Server(config)
        sockets = [sock] if sock is not None else None
        self._thread = threading.Thread(target=lambda: self._server.run(sockets=sockets), name=name, daemon=True)

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
        if self._sock is not None:
            self._sock.close()
