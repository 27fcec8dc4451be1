"""Starting the sandbox platform: `create_app` (the ASGI app), `SandboxServer` (uvicorn in a
background thread, for tests and the demo) and `serve` (blocking, for `pos-terminal sandbox`)."""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from pos_terminal.ports import Clock
from sync.threaded_server import UvicornThread, port_to_serve

log = logging.getLogger(__name__)

ENV_ADMIN_TOKEN = "POS_SANDBOX_ADMIN_TOKEN"  # an operator's own admin token, if any
API_TITLE = "Store terminal platform API"
API_VERSION = "1.0.0"
_HTTP_CODES = {400: "bad_request", 401: "unauthenticated", 403: "forbidden", 404: "not_found",
               405: "method_not_allowed", 413: "too_large", 415: "unsupported_media_type"}


def create_app(db_url: str | None = None, *, clock: Clock, seed: bool = True, base_url: str | None = None,
               admin_token: str | None = None, smtp=None, sms=None, credentials_file: str | Path | None = None,
               policy=None, webhook_receiver: str | None = None, platform_id: str = "demo-shop") -> FastAPI:
    """The sandbox platform as an ASGI app. `db_url` None: a SQLite file in a temporary folder
    removed at shutdown; otherwise sqlite:///PATH or a postgresql+psycopg URL (tables created
    when missing). `base_url` (e.g. http://127.0.0.1:8700) prefixes customer page links; None
    takes the address the request came to. The database is opened at startup, not here.
    `clock` is the platform's only source of "now" (seeding, order and voucher expiry, claim
    TTLs, return windows, idempotency key retention): pos_terminal.clock.SystemClock() in
    `pos-terminal sandbox` and the demo, a test's own clock in tests.
    `smtp` (notify.SmtpSettings) / `sms` (notify.SmsSettings): where the buyer's messages go; a
    notify.Notifier thread drains the outbox on those channels while the app runs (none: the
    messages wait in the outbox).
    The admin token (X-Admin-Token on /api/v1/admin/*): `admin_token`, else the environment's
    POS_SANDBOX_ADMIN_TOKEN, else `admin_token` in the sandbox's credentials file
    (sync.sandbox.credentials: `credentials_file`, or beside the SQLite file), made at random on
    first start; never a published default. `policy`: what a terminal credential may do
    (sync.sandbox.platform.Policy; its defaults when None).
    Merchant webhooks (sync.sandbox.webhooks): a WebhookSender thread always runs; it posts to
    each merchant's webhook_url. `webhook_receiver` (a base URL, e.g. the demo's loopback
    receiver http://127.0.0.1:PORT/webhooks): every merchant's webhook_url becomes
    BASE/<merchant id>, signed with webhook_secret_<merchant id> from the credentials file.
    `platform_id`: who this platform is (sync.sandbox.issuer: the "iss" of its vouchers, kept in
    its database; a database of another platform is refused at startup); an id other than
    "demo-shop" is seeded with its own merchants and orders (sync.sandbox.seed_issuers)."""
    from sync.sandbox import api, db, pages
    from sync.sandbox import seed as seed_mod
    from sync.sandbox.platform import ApiError, AuthThrottle, Policy

    state: dict = {}

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        url = db_url
        if url is None:
            state["tmp"] = tempfile.mkdtemp(prefix="pos-sandbox-")
            url = f"sqlite:///{Path(state['tmp']) / 'sandbox.sqlite3'}"
        from sync.sandbox.credentials import SandboxCredentials, default_path

        creds = SandboxCredentials(Path(credentials_file) if credentials_file else default_path(
            db_url, Path(state["tmp"]) if "tmp" in state else None))
        app.state.credentials = creds
        app.state.admin_token = admin_token or os.environ.get(ENV_ADMIN_TOKEN) or creds.get_or_create("admin_token")
        if not (admin_token or os.environ.get(ENV_ADMIN_TOKEN)):
            log.info("sandbox admin token: admin_token in %s", creds.path or "memory only (no credentials file)")
        engine = db.make_engine(url)
        db.metadata.create_all(engine)
        db.add_missing_columns(engine)
        from sync.sandbox import issuer as issuer_mod

        with engine.begin() as conn:
            issuer_mod.ensure_platform_id(conn, platform_id)
        if seed:
            with engine.begin() as conn:
                if platform_id == issuer_mod.DEFAULT_PLATFORM_ID:
                    seed_mod.seed(conn, app.state.clock.now())
                else:
                    from sync.sandbox import seed_issuers

                    seed_issuers.seed(conn, app.state.clock.now(), platform_id)
            # the seeded merchants' seller accounts, their passwords from the credentials file
            app.state.seller_logins = seed_mod.seed_sellers(engine, creds, app.state.clock.now())
        app.state.engine = engine
        from sync.sandbox import webhooks

        if webhook_receiver:
            webhooks.configure_seeded(engine, creds, webhook_receiver)
        app.state.webhook_sender = webhooks.WebhookSender(engine, app.state.clock).start()
        if smtp is not None or sms is not None:
            from sync.sandbox.notify import Notifier

            app.state.notifier = Notifier(engine, app.state.clock, app.state.base_url or "http://127.0.0.1:8700",
                                          smtp=smtp, sms=sms).start()
        try:
            yield
        finally:
            if app.state.notifier is not None:
                app.state.notifier.stop()
                app.state.notifier = None
            app.state.webhook_sender.stop()
            app.state.webhook_sender = None
            engine.dispose()
            if "tmp" in state:
                shutil.rmtree(state["tmp"], ignore_errors=True)

    app = FastAPI(title=API_TITLE, version=API_VERSION, lifespan=lifespan,
                  description=(api.__doc__ or "").strip(), docs_url=None, redoc_url=None)
    app.state.base_url = base_url.rstrip("/") if base_url else None
    app.state.admin_token = None  # set at startup (lifespan): no admin call is accepted before
    app.state.credentials = None
    app.state.policy = policy or Policy()
    app.state.auth_throttle = AuthThrottle(app.state.policy)
    app.state.clock = clock
    app.state.notifier = None
    app.state.webhook_sender = None
    app.state.seller_logins = {}  # username: (merchant id, password) of the seeded seller accounts
    app.state.platform_id = platform_id  # this platform's id in day statements (issue 16: [platform] id)

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError):
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        if exc.status == 429 and exc.extra.get("retry_after_s") is not None:
            headers = {"Retry-After": str(int(exc.extra["retry_after_s"]))}
        return JSONResponse(exc.body(), status_code=exc.status, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        errors = exc.errors()
        first = errors[0] if errors else {}
        where = ".".join(str(x) for x in first.get("loc", ()))
        code = "idempotency_key_required" if any(
            tuple(e.get("loc", ()))[:2] == ("header", "Idempotency-Key") and e.get("type") == "missing" for e in errors
        ) else "invalid_request"
        details = [{"loc": [str(x) for x in e.get("loc", ())], "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
                   for e in errors]
        return JSONResponse({"error": code, "message": f"{where}: {first.get('msg', 'invalid')}", "details": details},
                            status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        return JSONResponse({"error": _HTTP_CODES.get(exc.status_code, "http_error"), "message": str(exc.detail)},
                            status_code=exc.status_code, headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception):
        log.exception("sandbox request failed: %s %s", request.method, request.url.path)
        return JSONResponse({"error": "internal", "message": "the platform failed; retry later"}, status_code=500)

    app.include_router(api.build_router())
    app.include_router(pages.build_router())
    from sync.sandbox import seller

    app.include_router(seller.build_router())
    from sync.sandbox import buyer_pages

    app.include_router(buyer_pages.build_router())  # the buyer's page and returns: /my/<token>

    def openapi() -> dict:
        if app.openapi_schema is None:
            from fastapi.openapi.utils import get_openapi

            doc = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
            for ops in doc.get("paths", {}).values():
                for op in ops.values():
                    if len(op.get("security", [])) > 1:  # all credential parts together, not alternatives
                        op["security"] = [{k: v for req in op["security"] for k, v in req.items()}]
            app.openapi_schema = doc
        return app.openapi_schema

    app.openapi = openapi
    from sync.sandbox.webhooks import WakeOutboxes

    app.add_middleware(WakeOutboxes, state=app.state)  # a message or webhook queued by a request goes out at once
    return app


class SandboxServer:
    """The sandbox on uvicorn in a background thread. `start()` returns once it accepts
    connections; `url` is then http://HOST:PORT (the real port when 0 was asked). `clock`: as
    for create_app."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, db_url: str | None = None, *, clock: Clock,
                 seed: bool = True, smtp=None, sms=None, standins: Path | str | None = None,
                 platform_id: str = "demo-shop") -> None:
        """`smtp`, `sms`: as for create_app. `standins`: a folder; the server then also starts a
        loopback SMTP server (mailbox.Mailbox, e-mails kept in FOLDER/mail) and SMS gateway
        (sms.SmsStandIn, FOLDER/sms) and sends the buyer's messages there, and a loopback
        merchant webhook receiver (webhook_receiver.WebhookReceiver, FOLDER/webhooks) that every
        merchant's webhooks go to."""
        self.host = host
        self.port = port
        self.db_url = db_url
        self.seed = seed
        self.clock = clock
        self.platform_id = platform_id
        self._server: UvicornThread | None = None
        self.app: FastAPI | None = None
        self.smtp = smtp
        self.sms = sms
        self.standins = Path(standins) if standins is not None else None
        self.mailbox = None
        self.sms_gateway = None
        self.webhook_receiver = None

    @property
    def seller_logins(self) -> dict[str, tuple[str, str]]:
        """username: (merchant id, password) of the seeded merchants' seller accounts (known once
        started; the passwords come from the sandbox's credentials file)."""
        return dict(self.app.state.seller_logins) if self.app is not None else {}

    @property
    def notifier(self):
        return self.app.state.notifier if self.app is not None else None

    @property
    def webhook_sender(self):
        return self.app.state.webhook_sender if self.app is not None else None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self, timeout: float = 20.0) -> SandboxServer:
        with port_to_serve(self.host, self.port) as (self.port, sock):  # a free one held until served on
            if self.standins is not None and self.mailbox is None:
                from sync.sandbox.mailbox import Mailbox
                from sync.sandbox.notify import SmsSettings, SmtpSettings
                from sync.sandbox.sms import SmsStandIn

                self.mailbox = Mailbox(self.standins / "mail").start()
                self.sms_gateway = SmsStandIn(self.standins / "sms").start()
                self.smtp = SmtpSettings("127.0.0.1", self.mailbox.port)
                self.sms = SmsSettings(self.sms_gateway.url)
            if self.standins is not None and self.webhook_receiver is None:
                from sync.sandbox.webhook_receiver import WebhookReceiver

                # the merchants' copy of their secrets: the sandbox's credentials file (known once started)
                self.webhook_receiver = WebhookReceiver(self.standins / "webhooks", self._webhook_secret,
                                                        self.clock).start()
            self.app = create_app(self.db_url, seed=self.seed, base_url=self.url, clock=self.clock, smtp=self.smtp,
                                  sms=self.sms, webhook_receiver=self.webhook_receiver.base_url if self.webhook_receiver
                                  else None, platform_id=self.platform_id)
            self._server = UvicornThread(self.app, self.host, self.port, name="sandbox-platform",
                                         what="the sandbox platform", sock=sock)
            self._server.start(timeout)
        return self

    def _webhook_secret(self, merchant_id: str) -> str | None:
        creds = self.app.state.credentials if self.app is not None else None
        return creds.get(f"webhook_secret_{merchant_id}") if creds is not None else None

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
        self._server = None
        for standin in (self.mailbox, self.sms_gateway, self.webhook_receiver):
            if standin is not None:
                standin.stop()
        self.mailbox = self.sms_gateway = self.webhook_receiver = None

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


class MaskCardPaths(logging.Filter):
    """uvicorn's access log shows each request line; a prepaid card's number is in its path
    (`/cards/<number>/debit`): only its last four digits are logged. A buyer's page link
    (`/my/<token>`, a capability) is logged without its token."""

    _card = re.compile(r"(/cards/)[^/?\s]*?(\d{4})(?=[/?\s]|$)")
    _buyer_page = re.compile(r"(/my/)[^/?\s]+")

    def _mask(self, text: str) -> str:
        return self._buyer_page.sub(r"\1****", self._card.sub(r"\1****\2", text))

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(self._mask(a) if isinstance(a, str) else a for a in record.args)
        return True


def serve(host: str = "127.0.0.1", port: int = 8700, db_url: str | None = None, *, clock: Clock, smtp=None,
          sms=None, credentials_file: str | Path | None = None, webhook_receiver: str | None = None,
          platform_id: str = "demo-shop") -> None:
    """Runs the sandbox in the foreground until interrupted (for `pos-terminal sandbox`).
    `credentials_file`, `webhook_receiver`: as for create_app."""
    import uvicorn

    base = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}"
    logging.getLogger("uvicorn.access").addFilter(MaskCardPaths())
    uvicorn.run(create_app(db_url, clock=clock, base_url=base, smtp=smtp, sms=sms, credentials_file=credentials_file,
                           webhook_receiver=webhook_receiver, platform_id=platform_id), host=host, port=port, log_level="info")
