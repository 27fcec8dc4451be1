"""Refund look-up: the purchase behind a returned unit's item code, from the platform or, when it
does not answer, from this terminal's own records; whether it can be refunded now; the cases as
the screens list them.

Threading rule: every function here blocks (database, platform): call it on a worker."""

from __future__ import annotations

import logging
import uuid
from dataclasses import replace

from pos_terminal.domain.model import Sale
from pos_terminal.ports import AuthenticationFailed, JsonObject, PlatformError, PlatformRefused
from pos_terminal.scan_codes import ScanKind, classify
from pos_terminal.services.refunds.common import (
    CaseView,
    ItemInfo,
    RefundContext,
    RefundRefused,
    TenderShare,
    client_of,
    platforms,
    view_of,
)

log = logging.getLogger("pos_terminal.services.refunds")


def item_code_of(text: str) -> str:
    """The item code in a scanned or keyed text; refuses any other kind of code. Bare 16 digits
    (a keyed code without its IC prefix) are accepted, unless they read as a prepaid card number
    (88...): a card is never taken for an item. A bank card number (13-19 digits passing Luhn,
    grouped or not) is refused as card_number: it is never sent to the platform as IC<number>."""
    stripped = (text or "").strip()
    if classify(stripped).is_card_number:
        raise RefundRefused("card_number", "that reads as a bank card number, not an item code: scan the code of "
                            "the returned unit; an item code keyed by hand starts with IC")
    if stripped.isdigit() and len(stripped) == 16 and classify(stripped).kind is not ScanKind.PREPAID_CARD:
        stripped = "IC" + stripped
    code = classify(stripped)
    if code.kind is ScanKind.ITEM_CODE:
        return code.value
    what = {ScanKind.VOUCHER: "a payment voucher", ScanKind.ORDER_URL: "an order link",
            ScanKind.ORDER_NUMBER: "an order number", ScanKind.PREPAID_CARD: "a prepaid card",
            ScanKind.PRODUCT_BARCODE: "a product barcode"}.get(code.kind, "not an item code")
    raise RefundRefused("wrong_kind", f"{what}, not an item code: scan the code of the returned unit (IC and 16 "
                        "digits, on the receipt or the label)", kind=code.kind.value)


def look_up(ctx: RefundContext, text: str, *, check: bool = True) -> ItemInfo:
    """The purchase behind an item code. Online the platform answers: the platform of the order
    the unit was sold in where this database knows the unit, else [platform] first, then each
    other platform this counter knows, until one knows the code (`ItemInfo.platform_id` names
    it). When the platforms that might know it are unreachable, this terminal's own records (a
    unit it sold) stand in. With `check`, a unit that cannot be refunded now is refused (already
    refunded, request open, outside the window, unpaid)."""
    code = item_code_of(text)
    info = None
    with ctx.uow() as uow:
        found = uow.refunds.local_unit(code)
        local_platform = (getattr(found[0], "platform_id", None) or ctx.platform_id) if found is not None else None
    if found is not None:
        client = client_of(ctx, local_platform)
        candidates = [(local_platform, client)] if client is not None else []
    else:
        candidates = platforms(ctx)
    unknown, offline = False, False
    for owner, client in candidates:
        try:
            view = client.get_item(code)
        except PlatformRefused as exc:
            if exc.code == "unknown_item":
                unknown = True
                continue
            if isinstance(exc, AuthenticationFailed):
                raise RefundRefused("platform_unavailable", exc.message) from None
            raise RefundRefused("refused_by_platform", exc.message, code=exc.code) from None
        except PlatformError as exc:
            log.info("item look-up offline; using this terminal's records",
                     extra={"error": exc.message, "platform_id": owner})
            offline = True
            continue
        info = replace(_from_platform(view), platform_id=owner)
        break
    if info is None and unknown and not offline:
        raise RefundRefused("unknown_item", f"no item has the code {code}: check the code on the receipt",
                            item_code=code)
    if info is None:
        info = _from_local(ctx, code)
    elif info.payment_route not in (None, "online"):
        info = _with_local_shares(ctx, info)
    if check:
        if info.online is not None:  # filed on the buyer's phone: taken in by online_returns
            from pos_terminal.services import online_returns

            online_returns.check_online(ctx, info)
        else:
            check_refundable(ctx, info)
    return info


def _from_platform(view: JsonObject) -> ItemInfo:
    from pos_terminal.services.online_returns import online_request_of

    seller, buyer = view.get("seller") or {}, view.get("buyer") or {}
    payment, refund, window = view.get("payment") or {}, view.get("refund") or {}, view.get("return_window") or {}
    return ItemInfo(
        view["item_code"], view["name"], int(view["unit_price_minor"]), view["currency"], view["order_no"],
        seller.get("merchant_id", ""), seller.get("name", ""),
        payment.get("route") if payment.get("status") == "paid" else None, payment.get("paid_at"),
        payment.get("store_id"), payment.get("terminal_id"), buyer.get("name"), buyer.get("reputation"),
        seller.get("refund_threshold"), seller.get("photo_required"), window.get("days"), window.get("ends_at"),
        window.get("inside"), refund.get("state") or "none", refund.get("request_id"), False,
        tuple(TenderShare(t["kind"], int(t["amount_minor"])) for t in payment["tender_amounts"])
        if payment.get("tender_amounts") else None, online_request_of(refund))


def _from_local(ctx: RefundContext, code: str) -> ItemInfo:
    with ctx.uow() as uow:
        found = uow.refunds.local_unit(code)
        if found is None:
            raise RefundRefused("offline_unknown", f"the platform does not answer and this terminal has no record of "
                                f"item {code}; take the return when the platform is back", item_code=code)
        order, line, sale = found
        route = shares = None
        if sale is not None:
            shares = shares_of(sale)
            route = shares[0].kind if len(shares) == 1 else "mixed"
        unit = next(u for u in line.units if u.item_code == code)
        return ItemInfo(code, line.name, line.unit_price.minor, order.currency, order.order_no, order.merchant_id,
                        order.merchant_name, route, sale.paid_at.isoformat() if sale and sale.paid_at else None,
                        ctx.store_id if sale else None, sale.terminal_id if sale else None,
                        refund_state="refunded" if unit.refunded else "none", offline=True, tenders=shares,
                        platform_id=getattr(order, "platform_id", None) or ctx.platform_id)


def shares_of(sale: Sale) -> tuple[TenderShare, ...]:
    """A sale's tenders summed by kind, with the reference and last four digits of the first."""
    shares: dict[str, TenderShare] = {}
    for t in sale.tenders:
        kind = t.kind.value
        known = shares.get(kind)
        shares[kind] = TenderShare(kind, (known.amount_minor if known else 0) + t.amount.minor,
                                   known.reference if known else t.reference,
                                   known.card_last4 if known else t.card_last4)
    return tuple(shares.values())


def _with_local_shares(ctx: RefundContext, info: ItemInfo) -> ItemInfo:
    """The platform's item view with this terminal's own record of the tenders where it sold the
    unit: the references and card digits only the selling terminal knows."""
    with ctx.uow() as uow:
        found = uow.refunds.local_unit(info.item_code)
        if found is None or found[2] is None:
            return info
        return replace(info, tenders=shares_of(found[2]))


def check_refundable(ctx: RefundContext, info: ItemInfo) -> None:
    if info.refund_state == "refunded":
        raise RefundRefused("already_refunded", f"item {info.item_code} is already refunded", item_code=info.item_code)
    if info.refund_state == "open":
        raise RefundRefused("request_open", f"item {info.item_code} has a refund request open "
                            f"({info.request_id}); its status is in the list", item_code=info.item_code,
                            request_id=info.request_id)
    if info.payment_route is None:
        raise RefundRefused("not_paid", f"order {info.order_no} was never paid; there is nothing to refund",
                            order_no=info.order_no)
    if info.inside_window is False:
        raise RefundRefused("outside_window", f"{info.merchant_name} takes returns within {info.window_days} days of "
                            f"payment; this window ended {info.window_ends_at}", days=info.window_days,
                            ends_at=info.window_ends_at)
    with ctx.uow() as uow:
        local = uow.refunds.open_for_items([info.item_code])
    if local:
        raise RefundRefused("request_open", f"item {info.item_code} is already in refund intake {local[0].id} at "
                            "this terminal", item_code=info.item_code, request_id=str(local[0].id))


def case_view(ctx: RefundContext, case_id: uuid.UUID) -> CaseView:
    with ctx.uow() as uow:
        case = uow.refunds.get(case_id)
        if case is None:
            raise RefundRefused("unknown_case", f"no refund case {case_id}")
        return view_of(case)


def open_cases(ctx: RefundContext) -> list[CaseView]:
    """This terminal's cases still needing something (waiting to send, waiting for the seller,
    approved and not paid out), newest first."""
    with ctx.uow() as uow:
        return [view_of(c) for c in uow.refunds.open_cases(ctx.terminal_id)]


def unacknowledged_cases(ctx: RefundContext) -> list[CaseView]:
    """This terminal's cases the seller rejected (with the seller's note) or the platform refused,
    that no cashier has acknowledged yet, newest first: they stay on the counter's list until the
    unit is given back to the buyer."""
    with ctx.uow() as uow:
        return [view_of(c) for c in uow.refunds.unacknowledged(ctx.terminal_id)]


def acknowledge(ctx: RefundContext, case_id: uuid.UUID, *, user_id: uuid.UUID) -> CaseView:
    """A cashier acknowledges a rejected or refused case (the unit given back to the buyer): it
    leaves the list. A repeat changes nothing; any other case is refused (not_final)."""
    from pos_terminal.domain.model import RefundStatus

    with ctx.uow() as uow:
        case = uow.refunds.get(case_id)
        if case is None:
            raise RefundRefused("unknown_case", f"no refund case {case_id}")
        if case.status not in (RefundStatus.REJECTED, RefundStatus.REFUSED):
            raise RefundRefused("not_final", f"refund case for order {case.order_no} is {case.status.value}: only a "
                                "rejected or refused one is acknowledged", status=case.status.value)
        case.acknowledge(user_id, ctx.clock.now())
        uow.commit()
        view = view_of(case)
    log.info("refund rejection acknowledged", extra={"case_id": str(case_id), "status": view.status.value})
    return view


def recent_cases(ctx: RefundContext, limit: int = 50) -> list[CaseView]:
    with ctx.uow() as uow:
        return [view_of(c) for c in uow.refunds.recent(ctx.terminal_id, limit)]


def store_pending(ctx: RefundContext) -> list[JsonObject]:
    """The store's requests waiting for a seller, as the platforms list them (all terminals; a
    platform that does not answer lists nothing, unless it is the only one: then its error)."""
    every = platforms(ctx)
    if len(every) <= 1:
        return every[0][1].list_refunds("pending_seller") if every else []
    rows: list[JsonObject] = []
    for owner, client in every:
        try:
            rows += [dict(r, platform_id=r.get("platform_id") or owner) for r in client.list_refunds("pending_seller")]
        except PlatformError as exc:
            log.info("store's refund requests not listed", extra={"platform_id": owner, "error": exc.message})
    return rows

