"""The platform API under /api/v1 (the contract kept in sync/contract/openapi.json).

Authentication of a terminal: `Authorization: Bearer <secret>` with `X-Store-Id` and
`X-Terminal-Id`; of a merchant (seller decisions): `Authorization: Bearer <secret>` with
`X-Merchant-Id`. Every POST that moves money or changes a refund requires `Idempotency-Key`.
Errors are JSON {"error": code, "message": text}."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fastapi import APIRouter, Depends, File, Header, Query, Request, UploadFile
from fastapi.responses import JSONResponse, Response
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator, model_validator

from sync.sandbox import photos
from sync.sandbox import platform as p
from sync.sandbox import cards
from sync.sandbox import refunds

Currency = Literal["CNY", "HKD", "USD", "EUR", "JPY", "KRW"]
Minor = Annotated[int, Field(gt=0, le=10**12, description="amount in the currency's minor unit (fen for CNY)")]
Code = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._-]+$")]


class ErrorBody(BaseModel):
    error: str = Field(description="machine-readable code, e.g. order_claimed, idempotency_key_reused")
    message: str = Field(description="what happened and what to do, in English")


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class OrderLineIn(_In):
    sku: Code
    name: str = Field(min_length=1, max_length=200)
    unit_price_minor: Minor
    quantity: int = Field(ge=1, le=999)


class OrderIn(_In):
    merchant_id: Code
    buyer_id: Code
    currency: Currency = "CNY"
    lines: list[OrderLineIn] = Field(min_length=1, max_length=500)
    expires_in_s: int = Field(3 * 86400, ge=60, le=90 * 86400, description="voucher lifetime in seconds")
    buyer_phone: str | None = Field(
        None, min_length=3, max_length=32, examples=["+86 138 0013 8000"],
        description="the buyer's mobile number (national numbers read as Chinese); the payment code's link goes "
                    "there by SMS. Default: the buyer's number on file")
    buyer_email: str | None = Field(
        None, min_length=3, max_length=254, examples=["wang.fang@example.com"],
        description="where the payment code's e-mail goes. Default: the buyer's address on file")

    @field_validator("buyer_phone")
    @classmethod
    def _phone(cls, v: str | None) -> str | None:
        from sync.sandbox.notify import normalize_phone

        return None if v is None else normalize_phone(v)

    @field_validator("buyer_email")
    @classmethod
    def _email(cls, v: str | None) -> str | None:
        from sync.sandbox.notify import normalize_email

        return None if v is None else normalize_email(v)


class ClaimIn(_In):
    ttl_s: int = Field(120, ge=1, le=900, description="how long the lock holds unless renewed or released")


class TenderAmount(BaseModel):
    kind: Literal["cash", "prepaid_card", "bank_card"]
    amount_minor: Minor


class SettlementIn(BaseModel):
    """The terminal's settlement (pos_terminal.domain.model.Settlement.payload). Unknown members
    are ignored so that a newer terminal can add facts."""

    model_config = ConfigDict(extra="ignore")
    settlement_id: Code
    order_no: Code
    merchant_id: str | None = Field(None, max_length=64)
    store_id: Code
    terminal_id: Code
    receipt_no: int = Field(ge=1, le=2**31 - 1)
    amount_minor: Minor
    currency: Currency
    tenders: list[Literal["cash", "prepaid_card", "bank_card"]] = Field(min_length=1, max_length=3)
    tender_amounts: list[TenderAmount] | None = Field(
        None, max_length=3, description="what each tender kind paid; they add up to amount_minor")
    offline: bool = False
    paid_at: AwareDatetime
    voucher_id: str | None = Field(None, max_length=64)
    business_date: date | None = Field(
        None, description="the terminal's business day of the payment (its day statement groups by it); "
                          "without it: paid_at's date in the store's time zone")

    @model_validator(mode="after")
    def _shares_add_up(self):
        if self.tender_amounts is not None:
            if sum(t.amount_minor for t in self.tender_amounts) != self.amount_minor:
                raise ValueError("tender_amounts must add up to amount_minor")
            if not {t.kind for t in self.tender_amounts} <= set(self.tenders):
                raise ValueError("tender_amounts names a tender kind that tenders does not list")
        return self


class CardMoveIn(_In):
    amount_minor: Minor
    currency: Currency = "CNY"
    reference: str = Field(min_length=1, max_length=100, description="the terminal's sale or refund reference")


Pin = Annotated[str, Field(min_length=4, max_length=6, pattern=r"^[0-9]{4,6}$",
                           description="the card holder's PIN (4 to 6 digits); in the body only, never in a URL")]


class CardDebitIn(CardMoveIn):
    pin: Pin


class CardPinIn(_In):
    pin: Pin


class ReverseIn(_In):
    reference: str = Field(min_length=1, max_length=100, description="why: the terminal's void or recovery reference")


class BatchLineIn(BaseModel):
    model_config = ConfigDict(extra="ignore")
    settlement_id: Code
    order_no: Code
    amount_minor: int = Field(ge=0, le=10**12)
    currency: Currency = "CNY"
    receipt_no: int | None = Field(None, ge=1, le=2**31 - 1)
    paid_at: AwareDatetime | None = None


class BatchIn(_In):
    business_date: date
    timezone: str = Field("Asia/Shanghai", max_length=64, description="the store's time zone: it bounds the day")
    currency: Currency = "CNY"
    settlements: list[BatchLineIn] = Field(max_length=50_000)

    @field_validator("timezone")
    @classmethod
    def _zone(cls, v: str) -> str:
        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("must be an IANA time zone such as Asia/Shanghai") from None
        return v


class RefundIn(_In):
    item_codes: list[Annotated[str, Field(min_length=1, max_length=40)]] = Field(min_length=1, max_length=50)
    reason: str = Field(min_length=1, max_length=500)
    photo_ids: list[Annotated[str, Field(min_length=1, max_length=36)]] = Field(default_factory=list, max_length=10)


class DecisionIn(_In):
    approve: bool
    note: str = Field("", max_length=500)


_bearer = HTTPBearer(auto_error=False, scheme_name="Secret", description="the terminal's (or merchant's) secret")
_store = APIKeyHeader(name="X-Store-Id", scheme_name="StoreId", auto_error=False)
_terminal = APIKeyHeader(name="X-Terminal-Id", scheme_name="TerminalId", auto_error=False)
_merchant = APIKeyHeader(name="X-Merchant-Id", scheme_name="MerchantId", auto_error=False)
_admin = APIKeyHeader(name="X-Admin-Token", scheme_name="AdminToken", auto_error=False)

IdemKey = Annotated[str, Header(alias="Idempotency-Key", min_length=1, max_length=255, pattern=r"^[\x21-\x7e]+$",
                                description="unique per intended operation; kept 48 h; a retry gets the first answer")]
OptIdemKey = Annotated[str | None, Header(alias="Idempotency-Key", min_length=1, max_length=255,
                                          pattern=r"^[\x21-\x7e]+$", description="optional; honoured when sent")]

_E = {"model": ErrorBody}
AUTH_ERRORS: dict[int | str, dict[str, Any]] = {401: _E, 403: _E, 422: _E, 429: _E}  # 429: sign-in lock-out
OBJ: dict[str, Any] = {"content": {"application/json": {"schema": {"type": "object"}}}}


def _engine(request: Request):
    return request.app.state.engine


def _now(request: Request):
    return request.app.state.clock.now()


def terminal_caller(
    request: Request,
    cred: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    store_id: Annotated[str | None, Depends(_store)],
    terminal_id: Annotated[str | None, Depends(_terminal)],
) -> p.Caller:
    secret = cred.credentials if cred else None
    with _engine(request).connect() as conn:
        return _throttled(request, f"t:{store_id}/{terminal_id}" if secret else None,
                          lambda: p.authenticate_terminal(conn, store_id, terminal_id, secret))


def _throttled(request: Request, credential: str | None, authenticate) -> p.Caller:
    """Runs `authenticate` unless the credential or the client address is locked out by failed
    attempts (429 auth_locked, the right secret too); a wrong secret counts (Policy)."""
    if credential is None:  # nothing presented: 401, and nothing to guess
        return authenticate()
    throttle: p.AuthThrottle = request.app.state.auth_throttle
    keys = throttle.keys(credential, request.client.host if request.client else None)
    now = _now(request)
    throttle.check(keys, now)
    try:
        caller = authenticate()
    except p.ApiError as exc:
        if exc.code == "bad_credentials":
            throttle.failed(keys, now)
        raise
    throttle.succeeded(keys)
    return caller


def merchant_caller(
    request: Request,
    cred: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    merchant_id: Annotated[str | None, Depends(_merchant)],
) -> p.Caller:
    secret = cred.credentials if cred else None
    with _engine(request).connect() as conn:
        return _throttled(request, f"m:{merchant_id}" if secret else None,
                          lambda: p.authenticate_merchant(conn, merchant_id, secret))


def admin_caller(request: Request, token: Annotated[str | None, Depends(_admin)]) -> p.Caller:
    import hmac

    expected = request.app.state.admin_token
    if not token or not expected or not hmac.compare_digest(token.encode(), expected.encode()):
        raise p.ApiError(401, "unauthenticated", "send the sandbox's admin token in X-Admin-Token")
    return p.Caller("admin")


Terminal = Annotated[p.Caller, Depends(terminal_caller)]


def _read(request: Request, fn, *args) -> JSONResponse:
    with _engine(request).begin() as conn:
        return JSONResponse(fn(conn, *args))


def _write(request: Request, caller: p.Caller, key: str | None, hashed_body, op, *, precheck=None) -> JSONResponse:
    now = _now(request)
    h = p.request_hash(request.method, request.url.path, hashed_body)
    status, body, replayed = p.run_idempotent(
        _engine(request), caller, key, h, lambda conn: op(conn, now), now,
        precheck=(lambda conn: precheck(conn, now)) if precheck is not None else None)
    return JSONResponse(body, status_code=status, headers={"Idempotent-Replayed": "true"} if replayed else None)


def _base_url(request: Request) -> str:
    return request.app.state.base_url or str(request.base_url)


def build_router() -> APIRouter:
    r = APIRouter(prefix="/api/v1")

    @r.get("/health", tags=["platform"], summary="Liveness; no authentication")
    def health(request: Request) -> dict:
        return {"status": "ok", "time": p.iso(_now(request))}

    @r.get("/voucher-keys", tags=["vouchers"], summary="The voucher public keys (JWK set, RFC 8037); cacheable",
           responses={200: OBJ})
    def voucher_keys(request: Request):
        with _engine(request).begin() as conn:
            doc = p.published_keys(conn, _now(request))
        return JSONResponse(doc, headers={"Cache-Control": "public, max-age=300"})

    @r.post("/admin/cards/{card_no}/unlock", tags=["admin"],
            summary="Lift a prepaid card's PIN lock (sandbox admin; the holder proved who they are)",
            responses={200: OBJ, 401: _E, 404: _E})
    def unlock_card(card_no: str, request: Request, _: Annotated[p.Caller, Depends(admin_caller)]):
        with _engine(request).begin() as conn:
            return JSONResponse(cards.unlock_card(conn, card_no))

    @r.post("/admin/voucher-keys/rotate", tags=["admin"], summary="Rotate the signing key (sandbox admin)",
            responses={200: OBJ, 401: _E})
    def rotate(request: Request, _: Annotated[p.Caller, Depends(admin_caller)]):
        with _engine(request).begin() as conn:
            return JSONResponse(p.rotate_key(conn, _now(request)))

    # -- orders
    @r.post("/orders", tags=["orders"], status_code=201, responses={201: OBJ, 404: _E, **AUTH_ERRORS},
            summary="Create an order: per-unit item codes, the voucher and the customer page URL")
    def create_order(body: OrderIn, request: Request, caller: Terminal, key: OptIdemKey = None):
        if sum(l.quantity for l in body.lines) > 2000:
            raise p.ApiError(422, "too_many_units", "an order has at most 2000 units")

        def op(conn, now):
            no = p.create_order(conn, merchant_id=body.merchant_id, buyer_id=body.buyer_id, currency=body.currency,
                                lines=[l.model_dump() for l in body.lines], now=now,
                                expires_in=timedelta(seconds=body.expires_in_s),
                                buyer_phone=body.buyer_phone, buyer_email=body.buyer_email)
            return 201, p.order_view(conn, no, _base_url(request), now)

        answer = _write(request, caller, key, body.model_dump(mode="json"), op)
        if request.app.state.notifier is not None:
            request.app.state.notifier.wake()  # the payment code goes out now, not at the next poll
        return answer

    @r.get("/orders/by-voucher/{voucher_id}", tags=["orders"], summary="Look up an order by voucher id",
           responses={200: OBJ, 404: _E, **AUTH_ERRORS})
    def order_by_voucher(voucher_id: str, request: Request, caller: Terminal):
        with _engine(request).begin() as conn:
            no = p.find_order_no(conn, voucher_id=voucher_id)
            return JSONResponse(p.order_view(conn, no, _base_url(request), _now(request)))

    @r.get("/orders/by-url", tags=["orders"], summary="Look up an order by the link sent to the buyer",
           responses={200: OBJ, 404: _E, **AUTH_ERRORS})
    def order_by_url(request: Request, caller: Terminal, url: Annotated[str, Query(min_length=1, max_length=500)]):
        with _engine(request).begin() as conn:
            no = p.find_order_no(conn, url=url)
            return JSONResponse(p.order_view(conn, no, _base_url(request), _now(request)))

    @r.get("/orders/{order_no}", tags=["orders"], summary="Look up an order by number",
           responses={200: OBJ, 404: _E, **AUTH_ERRORS})
    def get_order(order_no: str, request: Request, caller: Terminal):
        return _read(request, p.order_view, order_no, _base_url(request), _now(request))

    @r.post("/orders/{order_no}/claim", tags=["orders"], summary="Lock an order for payment at this terminal",
            description="Any store may claim any order. A terminal holds at most a few orders at once (409 "
                        "too_many_claims) and one order for a limited time in all: renewals, and a release followed "
                        "by a claim again, do not extend it past that (409 claim_lifetime_exceeded, retry_after_s).",
            responses={200: OBJ, 404: _E, 409: _E, **AUTH_ERRORS})
    def claim(order_no: str, body: ClaimIn, request: Request, caller: Terminal, key: OptIdemKey = None):
        return _write(request, caller, key, body.model_dump(mode="json"), lambda conn, now: (
            200, p.claim_order(conn, order_no, caller, timedelta(seconds=body.ttl_s), now,
                               request.app.state.policy)))

    @r.delete("/orders/{order_no}/claim", tags=["orders"], summary="Release this terminal's lock (payment cancelled)",
              responses={200: OBJ, 404: _E, **AUTH_ERRORS})
    def release(order_no: str, request: Request, caller: Terminal):
        with _engine(request).begin() as conn:
            return JSONResponse(p.release_claim(conn, order_no, caller, _now(request)))

    # -- settlements
    @r.post("/settlements", tags=["settlements"], status_code=201,
            summary="Record a payment taken at a store (exactly once per settlement_id)",
            description="201 on first record, 200 when the settlement_id was recorded before. outcome is 'paid', "
                        "'refund_case' (the order was already paid or cancelled: the buyer gets this payment back) "
                        "or 'amount_differs' (amount or currency is not the order's).",
            responses={200: OBJ, 201: OBJ, 404: _E, 409: _E, **AUTH_ERRORS})
    def settle(body: SettlementIn, request: Request, caller: Terminal, key: IdemKey):
        data = body.model_dump()
        answer = _write(request, caller, key, body.model_dump(mode="json"),
                        lambda conn, now: p.post_settlement(conn, data, caller, now))
        if request.app.state.notifier is not None:
            request.app.state.notifier.wake()  # the buyer's "paid" message goes out now
        return answer

    @r.get("/settlements/{settlement_id}", tags=["settlements"], summary="A settlement recorded at this store",
           description="Another store's settlement is answered 404 unknown_settlement.",
           responses={200: OBJ, 404: _E, **AUTH_ERRORS})
    def get_settlement(settlement_id: str, request: Request, caller: Terminal):
        return _read(request, p.settlement_view, settlement_id, caller.store_id)

    @r.post("/settlement-batches", tags=["settlements"], status_code=201,
            summary="Post a day's settlements; get the platform's totals and every difference",
            description="difference kinds: missing_at_platform, missing_at_terminal, amount_differs, "
                        "amount_differs_from_order, double_payment_refund_case",
            responses={201: OBJ, **AUTH_ERRORS})
    def batch(body: BatchIn, request: Request, caller: Terminal, key: IdemKey):
        data = body.model_dump()
        data["settlements"] = [s.model_dump() for s in body.settlements]
        return _write(request, caller, key, body.model_dump(mode="json"),
                      lambda conn, now: p.post_batch(conn, data, caller, now))

    # -- prepaid cards: spending and the balance need the holder's PIN (body only); credits do not
    @r.post("/cards/{card_no}/balance", tags=["cards"], summary="A prepaid card's holder and balance, for its PIN",
            description="A wrong PIN counts as in a debit: 403 wrong_pin (attempts_left), then 423 pin_locked "
                        f"after {cards.PIN_MAX_FAILURES} in a row.",
            responses={200: OBJ, 403: _E, 404: _E, 409: _E, 423: _E, **AUTH_ERRORS})
    def card_balance(card_no: str, body: CardPinIn, request: Request, caller: Terminal):
        with _engine(request).begin() as conn:
            refused = cards.check_card_pin(conn, card_no, body.pin, _now(request))
            view = None if refused is not None else cards.card_view(conn, card_no)
        if refused is not None:
            raise refused  # after the commit: the wrong PIN stays counted
        return JSONResponse(view)

    @r.post("/cards/{card_no}/debit", tags=["cards"], status_code=201, summary="Take money from a prepaid card",
            description="Needs the holder's PIN: 403 wrong_pin (attempts_left) and 423 pin_locked are not kept "
                        "under the Idempotency-Key (the retry with the right PIN under the same key is answered "
                        "afresh), and the PIN is not part of the request that the key is bound to: the same key "
                        "and the same debit replay the first answer.",
            responses={201: OBJ, 403: _E, 404: _E, 409: _E, 423: _E, **AUTH_ERRORS})
    def debit(card_no: str, body: CardDebitIn, request: Request, caller: Terminal, key: IdemKey):
        data = body.model_dump(exclude={"pin"})  # no function of the PIN is kept with the key
        pin = body.pin
        return _write(request, caller, key, data,
                      lambda conn, now: cards.move_card(conn, card_no, "debit", data, caller, now, key=key),
                      precheck=lambda conn, now: cards.check_card_pin(conn, card_no, pin, now))

    @r.post("/cards/{card_no}/credit", tags=["cards"], status_code=201, summary="Put money on a prepaid card",
            responses={201: OBJ, 404: _E, 409: _E, **AUTH_ERRORS})
    def credit(card_no: str, body: CardMoveIn, request: Request, caller: Terminal, key: IdemKey):
        data = body.model_dump()
        return _write(request, caller, key, data, lambda conn, now: cards.move_card(conn, card_no, "credit", data, caller, now,
                                                                                key=key))

    @r.get("/card-movements", tags=["cards"], summary="This terminal's prepaid-card movements of a business day",
           description="Every debit and credit this terminal made on prepaid cards in the store's local day, "
                       "with the Idempotency-Key each was sent with and the card's last four digits only: what "
                       "the day's reconciliation compares with the tenders and credits the terminal recorded.",
           responses={200: OBJ, **AUTH_ERRORS})
    def card_movements(request: Request, caller: Terminal, business_date: date,
                       timezone: Annotated[str, Query(max_length=64)] = "Asia/Shanghai"):
        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise p.ApiError(422, "invalid_timezone", "timezone must be an IANA time zone such as Asia/Shanghai") \
                from None
        with _engine(request).begin() as conn:
            return JSONResponse(cards.card_movements(conn, caller, business_date, timezone))

    @r.get("/card-movements/by-key/{idempotency_key}", tags=["cards"],
           summary="The prepaid-card movement this terminal made under an Idempotency-Key",
           description="How a terminal that crashed before it saw the answer learns whether money moved, "
                       "without keeping the card number: 404 unknown_movement means none did.",
           responses={200: OBJ, 404: _E, **AUTH_ERRORS})
    def card_movement_by_key(idempotency_key: str, request: Request, caller: Terminal):
        with _engine(request).begin() as conn:
            return JSONResponse(cards.card_movement_by_key(conn, caller, idempotency_key))

    @r.post("/card-movements/{transaction_id}/reverse", tags=["cards"], status_code=201,
            summary="Give a debit of this terminal back to its card (at most once)",
            responses={201: OBJ, 404: _E, 409: _E, **AUTH_ERRORS})
    def reverse_card_movement(transaction_id: str, body: ReverseIn, request: Request, caller: Terminal,
                              key: IdemKey):
        data = body.model_dump()
        return _write(request, caller, key, data, lambda conn, now: cards.reverse_card_movement(
            conn, transaction_id, data, caller, now, key=key))

    # -- refunds
    @r.get("/items/{item_code}", tags=["refunds"],
           summary="A sold unit by its item code: item, price, order, seller, buyer, payment, refund state, "
                   "return window", responses={200: OBJ, 404: _E, **AUTH_ERRORS})
    def get_item(item_code: str, request: Request, caller: Terminal):
        return _read(request, refunds.item_view, item_code, _now(request), caller.store_id)

    @r.post("/refund-photos", tags=["refunds"], status_code=201, summary="Upload a photo of a defect (multipart)",
            responses={201: OBJ, 413: _E, 415: _E, **AUTH_ERRORS})
    def upload_photo(request: Request, caller: Terminal, key: IdemKey,
                     file: Annotated[UploadFile, File(description="JPEG, PNG or WebP, at most 5 MB and 40 megapixels; "
                                                                  "kept re-encoded as a JPEG without metadata")]):
        data = file.file.read(p.MAX_PHOTO_BYTES + 1)
        ctype = (file.content_type or "").split(";")[0].strip().lower()
        hashed = {"sha256": hashlib.sha256(data).hexdigest(), "content_type": ctype}
        try:  # decoded and re-encoded before any transaction opens (sync.sandbox.photos)
            clean, refused = photos.reencode(data, ctype), None
        except p.ApiError as exc:
            clean, refused = b"", exc

        def op(conn, now):
            if refused is not None:
                raise refused
            return refunds.store_photo(conn, clean, "image/jpeg", caller, now)

        return _write(request, caller, key, hashed, op)

    @r.get("/refund-photos/{photo_id}", tags=["refunds"], summary="A photo taken at this store (as kept: JPEG)",
           response_class=Response,
           responses={200: {"content": {"image/jpeg": {"schema": {"type": "string", "format": "binary"}}}},
                      404: _E, **AUTH_ERRORS})
    def get_photo(photo_id: str, request: Request, caller: Terminal):
        with _engine(request).begin() as conn:
            data, ctype = photos.for_store(conn, photo_id, caller.store_id)
        return Response(data, media_type=ctype, headers=photos.PHOTO_HEADERS)

    @r.post("/refund-requests", tags=["refunds"], status_code=201,
            summary="Ask for a refund of one or more units of one order",
            description="status 'approved' at once when the buyer's reputation is at or above the merchant's "
                        "threshold, else 'pending_seller' until the seller decides. A return at a store that did not "
                        "take the payment is held to the platform's limits (409 foreign_cash_refund_cap, "
                        "foreign_return_count_cap, foreign_return_amount_cap).",
            responses={201: OBJ, 404: _E, 409: _E, **AUTH_ERRORS})
    def refund(body: RefundIn, request: Request, caller: Terminal, key: IdemKey):
        data = body.model_dump()
        return _write(request, caller, key, data, lambda conn, now: refunds.request_refund(
            conn, data, caller, now, request.app.state.policy))

    @r.get("/refund-requests", tags=["refunds"], summary="This store's refund requests, newest first",
           responses={200: OBJ, **AUTH_ERRORS})
    def list_refunds(request: Request, caller: Terminal,
                     status: Literal["pending_seller", "approved", "rejected"] | None = None):
        with _engine(request).begin() as conn:
            return JSONResponse({"requests": refunds.list_refunds(conn, store_id=caller.store_id, status=status)})

    @r.get("/refund-requests/{request_id}", tags=["refunds"], summary="A refund request's status",
           description="Only a request filed at this store; another store's is answered 404 unknown_refund_request.",
           responses={200: OBJ, 404: _E, **AUTH_ERRORS})
    def get_refund(request_id: str, request: Request, caller: Terminal):
        return _read(request, refunds.refund_view, request_id, caller.store_id)

    @r.post("/refund-requests/{request_id}/hand-in", tags=["refunds"],
            summary="Take in the unit(s) of a return the buyer filed on the phone (binds it to this store)",
            description="For a request with origin 'buyer' (its id is in GET /items/{item_code} under "
                        "refund.online_request). From then on it is this store's request: its list, its status and "
                        "its payout, as for a counter intake, under the same limits for a return at another store "
                        "(409 foreign_cash_refund_cap, foreign_return_count_cap, foreign_return_amount_cap). This "
                        "store again: the request as it is. 409 handed_in_elsewhere (another store took it in), "
                        "refund_rejected (the seller rejected it), not_an_online_request (filed at a counter).",
            responses={200: OBJ, 404: _E, 409: _E, **AUTH_ERRORS})
    def hand_in(request_id: str, request: Request, caller: Terminal, key: IdemKey):
        return _write(request, caller, key, {"request_id": request_id}, lambda conn, now: refunds.hand_in(
            conn, request_id, caller, now, request.app.state.policy))

    @r.post("/refund-requests/{request_id}/decision", tags=["refunds"],
            summary="The seller approves or rejects a pending refund (merchant credential)",
            responses={200: OBJ, 404: _E, 409: _E, **AUTH_ERRORS})
    def decide(request_id: str, body: DecisionIn, request: Request,
               caller: Annotated[p.Caller, Depends(merchant_caller)], key: IdemKey):
        data = body.model_dump()
        return _write(request, caller, key, data, lambda conn, now: refunds.decide_refund(
            conn, request_id, data["approve"], data["note"], caller, now))

    from sync.sandbox import refund_cases_api  # double payments: list, pay-back, platform refund
    from sync.sandbox import settlement_batch  # POST /settlements/batch: many settlements, each once

    refund_cases_api.add_routes(r)
    settlement_batch.add_routes(r)
    from sync.sandbox import counter_money, remittances, statements  # issue 16: counter money, statements

    counter_money.add_routes(r)
    statements.add_routes(r)
    remittances.add_routes(r)
    return r
