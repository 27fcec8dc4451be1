"""Resolving a scanned payment code to an order the cashier can take payment for.

`resolve_payment_code` is what checkout calls with the scan text. Blocking (platform calls and a
database read): call it from a worker. The rules:
- a voucher is always verified offline first (signature, key, expiry); a refused voucher is never
  looked up;
- online, the order is looked up (by voucher id, number or link) and claimed for this terminal: a
  lock on the platform with a time limit (`claim_ttl_s`), renewed by `renew_claim`, released by
  `release_payment` when the cashier cancels;
- offline, a signed, unexpired voucher whose order this terminal has not paid can be paid: the
  result has `offline=True` and a `warning` for the screen (the platform turns a double payment
  into a refund case later); an order number or link offline is refused: only the platform knows
  what it is for. "Offline" is whatever the platform port says with PlatformUnavailable: the
  composition root runs this under the counter's deadline (about 1 s for all the calls of a
  scan), and while the platform is known down the port says so at once, without asking it;
- every refusal is a PaymentCodeRefused (or AlreadyPaid) whose message names the cause and what to do;
- several platforms at one counter (issue 16): a voucher is looked up and claimed on the platform
  its issuer claim names (`issuers`: the other platforms' clients by id; `platform` is [platform]'s,
  id `platform_id`), a voucher of a platform this counter does not know is refused
  (voucher_unknown_issuer); an order number or link is asked of [platform] first, then of each
  other platform that does not know it either. The order spec carries the platform's id.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from pos_terminal.domain.errors import AlreadyPaid, PaymentError
from pos_terminal.ports import (
    Clock,
    JsonObject,
    PlatformClient,
    PlatformError,
    PlatformRefused,
    PlatformUnavailable,
    UnitOfWork,
    VoucherVerifier,
)
from pos_terminal.scan_codes import ScanCode, ScanKind, classify
from pos_terminal.services.sales import LineSpec, OrderSpec
from pos_terminal.vouchers import peek_issuer

if TYPE_CHECKING:
    from pos_terminal.vouchers import VoucherClaims

log = logging.getLogger(__name__)

DEFAULT_CLAIM_TTL_S = 180


class PaymentCodeRefused(PaymentError):
    """`reason` is stable for the screens: not_a_payment_code, voucher_<REASON> (expired,
    bad_signature, unknown_key, malformed, too_long, not_yet_valid), order_claimed,
    order_expired, order_cancelled, unknown_order, needs_platform, amount_mismatch,
    claim_lifetime_exceeded, too_many_claims, credential_locked, refused."""

    code = "payment_code_refused"

    def __init__(self, reason: str, message: str, **params: object) -> None:
        super().__init__(message, reason=reason, **params)
        self.reason = reason


_VOUCHER_TEXT = {
    "expired": "this payment code has expired; ask the buyer to open the order again for a new code",
    "bad_signature": "this payment code was altered or is not from the platform (the signature does not "
                     "match); do not take payment for it",
    "unknown_key": "this payment code is signed with a key this terminal does not know yet; connect to the "
                   "platform so the keys refresh, or ask for the order number",
    "malformed": "this payment code is damaged or not a payment code; scan it again",
    "too_long": "this payment code is longer than any real one; do not take payment for it",
    "not_yet_valid": "this payment code is dated in the future: check this terminal's clock",
    # unknown_issuer: the check's detail names the platform ("this counter does not take payment codes of platform X; ...")
}

_NOT_PAYMENT = {
    ScanKind.ITEM_CODE: "this is an item code from a receipt: use refund intake for returns",
    ScanKind.PREPAID_CARD: "this is a prepaid card: scan the order first, then choose prepaid card to pay",
    ScanKind.PRODUCT_BARCODE: "a product barcode, not an order: scan the payment code on the buyer's phone",
}


@dataclass(frozen=True)
class PaymentTarget:
    order: OrderSpec
    kind: ScanKind  # what was scanned
    voucher_id: str | None
    offline: bool  # True: paid on the voucher alone; the screen shows `warning`
    claimed_until: datetime | None = None  # the platform's lock for this terminal, when online
    expires_at: datetime | None = None
    warning: str = ""

    @property
    def total_minor(self) -> int:
        return self.order.total.minor

    @property
    def platform_id(self) -> str | None:
        """The platform the order belongs to (None: [platform])."""
        return self.order.platform_id


def _order_spec(view: JsonObject) -> OrderSpec:
    lines = tuple(
        LineSpec(l["line_no"], l["sku"], l["name"], int(l["unit_price_minor"]), int(l["quantity"]),
                 tuple(l.get("item_codes") or ()))
        for l in view["lines"]
    )
    merchant = view.get("merchant") or {}
    return OrderSpec(view["order_no"], merchant.get("id", ""), merchant.get("name", ""), view["currency"], lines)


def _voucher_spec(claims: VoucherClaims) -> OrderSpec:
    """Offline, the voucher is all there is: one line for the whole amount. The per-unit item
    codes are the platform's and unknown here; the line carries the voucher id in their place."""
    line = LineSpec(1, "VOUCHER", claims.summary or claims.order_no, claims.amount_minor, 1,
                    (f"VOUCHER-{claims.voucher_id}",))
    return OrderSpec(claims.order_no, claims.merchant_id, claims.merchant_name, claims.currency, (line,))


def _paid_here(uow: UnitOfWork, order_no: str, also_read: Callable[[UnitOfWork], object] | None = None) -> None:
    """Refuses an order this terminal has paid. `also_read(uow)`, when given, runs in the same
    read-only session once the order is found unpaid (the caller's other reads: one session, not two)."""
    with uow:
        paid = uow.sales.paid_receipt(order_no)  # one indexed read, no ORM object
        if paid is None and also_read is not None:
            also_read(uow)
    if paid is not None:
        raise AlreadyPaid(
            f"order {order_no} was already paid at this terminal (receipt {paid.receipt_no}); do not take money "
            "twice", order_no=order_no, where="here", receipt_no=paid.receipt_no)


def _check_view(view: JsonObject, terminal_id: str, store_id: str) -> None:
    no, status = view["order_no"], view.get("status")
    if status == "paid":
        paid = view.get("paid") or {}
        if paid.get("via") == "online":
            where, text = "online", "online by the buyer"
        elif (paid.get("store_id"), paid.get("terminal_id")) == (store_id, terminal_id):
            where, text = "here", "at this terminal"
        else:
            where, text = "elsewhere", f"at {paid.get('store_id')}/{paid.get('terminal_id')}"
        raise AlreadyPaid(f"order {no} is already paid {text}; do not take money twice", order_no=no, where=where)
    if status == "cancelled":
        raise PaymentCodeRefused("order_cancelled", f"order {no} was cancelled by the shop; it cannot be paid",
                                 order_no=no)
    if status == "expired":
        raise PaymentCodeRefused("order_expired", f"order {no} expired at {view.get('expires_at')}; the buyer "
                                                  "must order again", order_no=no)


def _refused(exc: PlatformRefused, order_no: str | None) -> PaymentError:
    body = exc.body or {}
    if exc.code == "order_claimed":
        return PaymentCodeRefused(
            "order_claimed",
            f"order {order_no} is being paid at {body.get('store_id')}/{body.get('terminal_id')} until "
            f"{body.get('expires_at')}; wait or ask that counter to cancel",
            order_no=order_no, store_id=body.get("store_id"), terminal_id=body.get("terminal_id"))
    if exc.code == "order_paid":
        return AlreadyPaid(f"order {order_no} is already paid; do not take money twice", order_no=order_no,
                           where="elsewhere")
    if exc.code in ("order_expired", "order_cancelled"):
        return PaymentCodeRefused(exc.code, f"order {order_no}: {body.get('message') or exc.code}", order_no=order_no)
    if exc.code == "claim_lifetime_exceeded":
        return PaymentCodeRefused(
            "claim_lifetime_exceeded", f"order {order_no}: this counter has held it as long as the platform allows; "
            f"any other counter may take it now, this one again later ({body.get('message') or exc.code})",
            order_no=order_no, retry_after_s=body.get("retry_after_s"))
    if exc.code == "too_many_claims":
        return PaymentCodeRefused(
            "too_many_claims", f"this counter holds {body.get('held')} orders already (at most {body.get('limit')}): "
            "finish or cancel one first", order_no=order_no, limit=body.get("limit"))
    if exc.code == "auth_locked":
        return PaymentCodeRefused("credential_locked", exc.message, order_no=order_no,
                                  retry_after_s=body.get("retry_after_s"))
    if exc.code in ("unknown_order", "unknown_url", "unknown_voucher"):
        return PaymentCodeRefused("unknown_order", "the platform does not know this order; check the code with the "
                                                   "buyer", order_no=order_no)
    return PaymentCodeRefused("refused", exc.message, order_no=order_no)


def resolve_payment_code(
    text: str,
    *,
    platform: PlatformClient,
    verifier: VoucherVerifier,
    uow: UnitOfWork,
    clock: Clock,
    terminal_id: str,
    store_id: str,
    claim_ttl_s: int = DEFAULT_CLAIM_TTL_S,
    also_read: Callable[[UnitOfWork], object] | None = None,
    platform_id: str | None = None,
    issuers: Mapping[str, PlatformClient] | None = None,
) -> PaymentTarget:
    """`also_read(uow)`: the caller's own reads, run in the session of the "paid here?" check
    (once, when the order is found unpaid; not at all when the code is refused before that check).
    `platform_id`: [platform]'s id (`platform`'s); `issuers`: the other platforms' clients by id."""
    target = _resolve(text, platform=platform, verifier=verifier, uow=uow, clock=clock, terminal_id=terminal_id,
                      store_id=store_id, claim_ttl_s=claim_ttl_s, also_read=also_read, platform_id=platform_id,
                      issuers=issuers or {})
    return target


def _tagged(spec: OrderSpec, platform_id: str | None) -> OrderSpec:
    return spec if platform_id is None else replace(spec, platform_id=platform_id)


def _resolve(
    text: str,
    *,
    platform: PlatformClient,
    verifier: VoucherVerifier,
    uow: UnitOfWork,
    clock: Clock,
    terminal_id: str,
    store_id: str,
    claim_ttl_s: int,
    also_read: Callable[[UnitOfWork], object] | None,
    platform_id: str | None,
    issuers: Mapping[str, PlatformClient],
) -> PaymentTarget:
    code: ScanCode = classify(text)
    if not code.is_payment_code:
        message = _NOT_PAYMENT.get(code.kind, f"not a payment code ({code.detail or 'unknown'}); scan the payment "
                                              "QR code or the order number")
        raise PaymentCodeRefused("not_a_payment_code", message, kind=code.kind.value)

    if code.kind is ScanKind.VOUCHER:
        check = verifier.verify(code.value, online=True)
        claims = check.claims  # set whenever the check is valid
        if not check.valid or claims is None:
            extra = {"issuer": peek_issuer(code.value)} if check.reason == "unknown_issuer" else {}
            raise PaymentCodeRefused(f"voucher_{check.reason}", _VOUCHER_TEXT.get(check.reason or "", check.detail),
                                     kid=check.kid, detail=check.detail, **extra)
        issuer = claims.issuer if claims.issuer not in (None, platform_id) else None
        if issuer is not None and issuer not in issuers:  # a verifier with its keys but no client: never pay blind
            raise PaymentCodeRefused(
                "voucher_unknown_issuer", f"this counter does not take payment codes of platform {issuer}; ask the "
                "technician to add it", issuer=issuer, detail=check.detail)
        client = issuers[issuer] if issuer is not None else platform
        owner = issuer or platform_id
        _paid_here(uow, claims.order_no, also_read)
        try:
            view = client.order_by_voucher(claims.voucher_id)
            _check_view(view, terminal_id, store_id)
            if view["total_minor"] != claims.amount_minor or view["currency"] != claims.currency:
                raise PaymentCodeRefused(
                    "amount_mismatch", f"order {claims.order_no}: the platform says {view['total_minor']} "
                    f"{view['currency']}, the code {claims.amount_minor} {claims.currency}; ask the buyer to reopen the order")
            claim = client.claim_order(view["order_no"], claim_ttl_s)
        except PlatformUnavailable as exc:
            log.info("voucher accepted offline", extra={"order_no": claims.order_no, "error": exc.message})
            return PaymentTarget(
                _tagged(_voucher_spec(claims), owner), code.kind, claims.voucher_id, True, None, claims.expires_at,
                warning="Offline payment: the platform cannot be reached. The signed payment code is valid; the "
                        "payment is sent when the connection is back. If the order was paid elsewhere meanwhile, "
                        "the platform refunds the buyer.")
        except PlatformRefused as exc:
            raise _refused(exc, claims.order_no) from None
        return PaymentTarget(_tagged(_order_spec(view), owner), code.kind, claims.voucher_id, False,
                             _ts(claim.get("expires_at")), claims.expires_at)

    # an order number or an order link: the platform alone knows what they are for
    order_no = code.value if code.kind is ScanKind.ORDER_NUMBER else None
    if order_no:
        _paid_here(uow, order_no, also_read)
    try:
        owner, client, view = _look_up(code, order_no, platform, platform_id, issuers)
        order_no = view["order_no"]
        if code.kind is ScanKind.ORDER_URL:
            _paid_here(uow, order_no, also_read)
        _check_view(view, terminal_id, store_id)
        claim = client.claim_order(order_no, claim_ttl_s)
    except PlatformUnavailable as exc:
        what = f"order number {order_no}" if code.kind is ScanKind.ORDER_NUMBER else "an order link"
        raise PaymentCodeRefused(
            "needs_platform",
            f"{what} can only be paid online and the platform is unreachable ({exc.message}); ask the buyer to show "
            "the payment QR code, which works offline, or try again when the connection is back",
            order_no=order_no) from None
    except PlatformRefused as exc:
        raise _refused(exc, order_no) from None
    return PaymentTarget(_tagged(_order_spec(view), owner), code.kind, view.get("voucher_id"), False,
                         _ts(claim.get("expires_at")), _ts(view.get("expires_at")))


_NOT_MINE = ("unknown_order", "unknown_url", "unknown_voucher")


def _look_up(code: ScanCode, order_no: str | None, platform: PlatformClient, platform_id: str | None,
             issuers: Mapping[str, PlatformClient]) -> tuple[str | None, PlatformClient, JsonObject]:
    """An order number or link names no platform: [platform] first, then each other platform, until
    one knows it. (owner id, its client, the order's view.) When none does: [platform]'s
    PlatformUnavailable if it could not be asked (it may know the order), else its "unknown"
    refusal (another platform that could not be asked is logged)."""
    first: PlatformError | None = None
    for owner, client in ((platform_id, platform), *issuers.items()):
        try:
            view = client.get_order(order_no) if order_no else client.order_by_url(code.value)
        except PlatformRefused as exc:
            if exc.code not in _NOT_MINE:
                raise
            first = first or exc
            continue
        except PlatformUnavailable as exc:
            if first is None:
                first = exc
            else:
                log.info("another platform could not be asked for an order code",
                         extra={"platform_id": owner, "error": exc.message})
            continue
        return owner, client, view
    assert first is not None
    raise first


def renew_claim(target: PaymentTarget, platform: PlatformClient, claim_ttl_s: int = DEFAULT_CLAIM_TTL_S) -> PaymentTarget:
    """Extends this terminal's lock while the buyer is still paying (online targets only)."""
    if target.offline:
        return target
    try:
        claim = platform.claim_order(target.order.order_no, claim_ttl_s)
    except PlatformRefused as exc:
        raise _refused(exc, target.order.order_no) from None
    return PaymentTarget(target.order, target.kind, target.voucher_id, False, _ts(claim.get("expires_at")),
                         target.expires_at, target.warning)


def release_payment(target: PaymentTarget, platform: PlatformClient) -> bool:
    """The cashier cancelled: gives the order's lock back. Never raises (a lock the platform does
    not hear about runs out on its own); True when the platform released it."""
    if target.offline:
        return False
    try:
        return bool(platform.release_claim(target.order.order_no).get("released"))
    except Exception as exc:
        log.info("claim release not delivered; it runs out by itself",
                 extra={"order_no": target.order.order_no, "error": str(exc)})
        return False


def _ts(value: object) -> datetime | None:
    if not value:
        return None
    return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
