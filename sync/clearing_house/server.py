"""The clearing house as an ASGI app (`create_app`), in a background thread (`ClearingHouseServer`,
for tests and the demo) and in the foreground (`serve`, for `pos-terminal clearing-house`).

Authentication: every call but GET /keys sends `X-Member-Id: <member id>` and
`Authorization: Bearer <secret>` (the member's secret, from the clearing house's credentials
file). A store posts and reads only its own; a platform reads only its own receivables."""

from __future__ import annotations

import logging
import shutil
import tempfile
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Body, FastAPI, Header, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from pos_terminal.ports import Clock
from sync.threaded_server import UvicornThread, port_to_serve
from sync.clearing_house.service import DEMO_ACCOUNT, Account, ClearingError

log = logging.getLogger(__name__)

API_TITLE = "Clearing house API"
API_VERSION = "1.0.0"
API_PREFIX = "/api/v1"
DESCRIPTION = (
    "A clearing house between many stores and many platforms (issue 16, route 2). Stores send their accepted day "
    "statements (POST /statements, Idempotency-Key required: the same key and body get the same answer; another "
    "body under the same statement number is refused with 409 statement_changed). The clearing house nets them per "
    "business day: each store gets ONE signed report per day (GET /stores/{store_id}/reports/{business_date}: the "
    "net to pay or to receive, the statements behind it, the ISO 20022 pain.001.001.09 payment file), each platform "
    "sees what it receives from which stores (GET /platforms/{platform_id}/receivables/{business_date}). Reports are "
    "signed with Ed25519 over the canonical JSON of `report` (sorted keys, no spaces, ASCII); the public keys are at "
    "GET /keys. A report is frozen once issued: a statement for that store and day arriving later is refused with 409 "
    "report_issued (the store settles it directly). Authentication: X-Member-Id and Authorization: Bearer <secret>.")


def _member(request: Request, member_id: str | None, authorization: str | None) -> dict[str, Any]:
    from sync.clearing_house.service import authenticate

    secret = authorization[7:].strip() if authorization and authorization[:7].lower() == "bearer " else None
    with request.app.state.engine.connect() as conn:
        return authenticate(conn, member_id, secret)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ClearingError(422, "bad_date", f"{text!r} is not a date (YYYY-MM-DD)") from None


def build_router() -> APIRouter:
    from sync.clearing_house import service

    r = APIRouter(prefix=API_PREFIX)

    @r.get("/keys", summary="The public keys that sign the reports (base64url raw Ed25519)")
    def keys(request: Request) -> dict[str, Any]:
        with request.app.state.engine.connect() as conn:
            return {"keys": service.published_keys(conn)}

    @r.post("/statements", status_code=201, summary="A store's accepted day statement (Statement.to_json())",
            responses={200: {"description": "known already (same statement): the first answer"},
                       409: {"description": "statement_changed, day_taken or report_issued"},
                       422: {"description": "not_accepted, currency_mismatch, unknown_platform, invalid_statement"}})
    def post_statement(request: Request, body: dict[str, Any] = Body(..., description="Statement.to_json()"),
                       idempotency_key: str = Header(..., alias="Idempotency-Key"),
                       x_member_id: str | None = Header(None), authorization: str | None = Header(None)):
        store = _member(request, x_member_id, authorization)
        status, answer, replayed = service.import_statement(request.app.state.engine, store, idempotency_key, body,
                                                            request.app.state.clock.now())
        return JSONResponse(answer, status_code=status,
                            headers={"Idempotent-Replayed": "true"} if replayed else None)

    @r.get("/stores/{store_id}/reports/{business_date}", summary="The store's signed settlement report of the day "
                                                                "(issued at the first request, then frozen)")
    def store_report(request: Request, store_id: str, business_date: str, x_member_id: str | None = Header(None),
                     authorization: str | None = Header(None)) -> dict[str, Any]:
        store = _member(request, x_member_id, authorization)
        if store["id"] != store_id or store["kind"] != "store":
            raise ClearingError(403, "other_store", f"member {store['id']!r} reads only its own store's reports")
        return service.store_report(request.app.state.engine, store, _day(business_date),
                                    request.app.state.clock.now(), request.app.state.account)

    @r.get("/stores/{store_id}/reports", summary="Every report issued to the store")
    def store_reports(request: Request, store_id: str, x_member_id: str | None = Header(None),
                      authorization: str | None = Header(None)) -> dict[str, Any]:
        store = _member(request, x_member_id, authorization)
        if store["id"] != store_id or store["kind"] != "store":
            raise ClearingError(403, "other_store", f"member {store['id']!r} reads only its own store's reports")
        with request.app.state.engine.connect() as conn:
            return {"reports": service.reports_of_store(conn, store_id)}

    @r.get("/platforms/{platform_id}/receivables/{business_date}",
           summary="What the platform receives for the day, from which stores")
    def receivables(request: Request, platform_id: str, business_date: str, x_member_id: str | None = Header(None),
                    authorization: str | None = Header(None)) -> dict[str, Any]:
        member = _member(request, x_member_id, authorization)
        if member["id"] != platform_id or member["kind"] != "platform":
            raise ClearingError(403, "other_platform", f"member {member['id']!r} reads only its own receivables")
        with request.app.state.engine.connect() as conn:
            return service.receivables(conn, member, _day(business_date))

    return r


def create_app(db_url: str | None = None, *, clock: Clock, seed_demo: bool = False,
               credentials_file: str | Path | None = None, account: Account = DEMO_ACCOUNT) -> FastAPI:
    """`db_url` None: a SQLite file in a temporary folder removed at shutdown. `seed_demo`: add the
    demo's stores and platforms (their secrets in the credentials file: `credentials_file`, or
    beside the SQLite file). `account`: the clearing house's own bank account (payment files)."""
    from sync.clearing_house import db
    from sync.clearing_house.credentials import ClearingCredentials, default_path
    from sync.clearing_house.service import seed_demo as seed

    state: dict[str, Any] = {}

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        url = db_url
        if url is None:
            state["tmp"] = tempfile.mkdtemp(prefix="pos-clearing-")
            url = f"sqlite:///{Path(state['tmp']) / 'clearing.sqlite3'}"
        path = Path(credentials_file) if credentials_file else default_path(url)
        app.state.credentials = ClearingCredentials(path)
        engine = db.make_engine(url)
        db.metadata.create_all(engine)
        from sync.clearing_house.service import signing_key

        signing_key(engine, app.state.clock.now())
        if seed_demo:
            seed(engine, app.state.credentials)
        app.state.engine = engine
        try:
            yield
        finally:
            engine.dispose()
            if "tmp" in state:
                shutil.rmtree(state["tmp"], ignore_errors=True)

    app = FastAPI(title=API_TITLE, version=API_VERSION, lifespan=lifespan, description=DESCRIPTION,
                  docs_url=None, redoc_url=None)
    app.state.clock = clock
    app.state.account = account
    app.state.credentials = None

    @app.exception_handler(ClearingError)
    async def _refused(request: Request, exc: ClearingError):
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return JSONResponse(exc.body(), status_code=exc.status, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        errors = exc.errors()
        first = errors[0] if errors else {}
        where = ".".join(str(x) for x in first.get("loc", ()))
        missing_key = any(tuple(e.get("loc", ()))[:2] == ("header", "Idempotency-Key") for e in errors)
        code = "idempotency_key_required" if missing_key else "invalid_request"
        message = ("send an Idempotency-Key header derived from the statement, the same on every retry"
                   if missing_key else f"{where}: {first.get('msg', 'invalid')}")
        return JSONResponse({"error": code, "message": message}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        return JSONResponse({"error": "http_error", "message": str(exc.detail)}, status_code=exc.status_code)

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception):
        log.exception("clearing house request failed: %s %s", request.method, request.url.path)
        return JSONResponse({"error": "internal", "message": "the clearing house failed; retry later"},
                            status_code=500)

    app.include_router(build_router())
    return app


class ClearingHouseServer:
    """The clearing house on uvicorn in a background thread; `start()` returns once it accepts
    connections; `url` is then http://HOST:PORT."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, db_url: str | None = None, *, clock: Clock,
                 seed_demo: bool = True, credentials_file: str | Path | None = None) -> None:
        self.host, self.port, self.db_url, self.clock = host, port, db_url, clock
        self.seed_demo = seed_demo
        self.credentials_file = credentials_file
        self.app: FastAPI | None = None
        self._server: UvicornThread | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def credentials(self):
        return self.app.state.credentials if self.app is not None else None

    def secret(self, member_id: str) -> str | None:
        creds = self.credentials
        return creds.get(f"secret_{member_id}") if creds is not None else None

    def public_key(self) -> str:
        """The active signing key (base64url raw), as GET /keys publishes it."""
        from sync.clearing_house.service import published_keys

        assert self.app is not None
        with self.app.state.engine.connect() as conn:
            return next(k["public_key"] for k in published_keys(conn) if k["state"] == "active")

    def start(self, timeout: float = 20.0) -> ClearingHouseServer:
        with port_to_serve(self.host, self.port) as (self.port, sock):  # a free one held until served on
            self.app = create_app(self.db_url, clock=self.clock, seed_demo=self.seed_demo,
                                  credentials_file=self.credentials_file)
            self._server = UvicornThread(self.app, self.host, self.port, name="clearing-house",
                                         what="the clearing house", sock=sock)
            self._server.start(timeout)
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
        self._server = None

    def __enter__(self) -> ClearingHouseServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def serve(host: str, port: int, db_url: str, *, clock: Clock, seed_demo: bool = False,
          credentials_file: str | Path | None = None) -> None:
    """In the foreground until interrupted (`pos-terminal clearing-house`)."""
    import uvicorn

    uvicorn.run(create_app(db_url, clock=clock, seed_demo=seed_demo, credentials_file=credentials_file),
                host=host, port=port, log_level="info")
