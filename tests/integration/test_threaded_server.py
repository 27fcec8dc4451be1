"""sync.threaded_server: a server started on a free port holds that port from the moment it is
chosen (the sandbox starts its stand-ins in between), so nothing else can take it first."""

from __future__ import annotations

import socket

import pytest
import requests
from fastapi import FastAPI

from sync.threaded_server import UvicornThread, port_to_serve

HOST = "127.0.0.1"


def _app() -> FastAPI:
    app = FastAPI()
    app.get("/ping")(lambda: {"pong": True})
    return app


def test_a_free_port_is_held_until_the_server_serves_on_it():
    with port_to_serve(HOST, 0) as (port, sock):
        with socket.socket() as other, pytest.raises(OSError):  # taken already: EADDRINUSE
            other.bind((HOST, port))
        server = UvicornThread(_app(), HOST, port, name="test-server", what="the test server", sock=sock)
        server.start(10)
    try:
        assert requests.get(f"http://{HOST}:{port}/ping", timeout=5).json() == {"pong": True}
    finally:
        server.stop()
    with socket.socket() as again:  # stopped: the port is given back
        again.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        again.bind((HOST, port))


def test_the_held_port_is_given_back_when_the_start_fails():
    with pytest.raises(RuntimeError, match="no app"), port_to_serve(HOST, 0) as (port, sock):
        raise RuntimeError("no app")
    assert sock.fileno() == -1


def test_a_port_given_is_used_as_it_is():
    with port_to_serve(HOST, 8765) as (port, sock):
        assert (port, sock) == (8765, None)
