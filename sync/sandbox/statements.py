"""GET /api/v1/stores/{store_id}/statements/{business_date}: the platform's own day statement of a
store (issue 16), computed with the terminal's formula (pos_terminal.domain.model.statements
compute_statement) from the platform's own records, so that the two sides differ only where
their records do:

- every settlement the store's terminals reported for the day is a SALE (ref = settlement_id,
  tenders = its tender_amounts; prepaid_card is the "prepaid" tender), whatever its outcome: the
  money was taken at the counter;
- a settlement the platform made a refund case of (an order paid twice, or paid after it was
  cancelled) is also a DOUBLE_PAYMENT (ref = settlement_id): held by the store until it is paid
  back at the counter or the platform refunds the buyer;
- the counter movements (sync.sandbox.counter_money): refund legs, voids, pay-backs.

The day of a settlement is the business_date the terminal sent with it; without one (an older
terminal), paid_at's date in the store's time zone (`timezone`, Asia/Shanghai by default). A
movement always carries its business_date.

The store's contract (commission) is the row in sb_store_contracts, else DEFAULT_CONTRACT (the
demo's: 150 basis points, nothing fixed, half_up). `extra.remittances`: the store's statements of
earlier days that it told the platform it accepted, each "received" once the store said it paid
it (POST /remittances), else "outstanding"."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse
from sqlalchemy import and_, or_, select
from sqlalchemy.engine import Connection

from pos_terminal.clock import day_bounds
from pos_terminal.domain.model.statements import (
    DOUBLE_PAYMENT,
    SALE,
    Contract,
    Movement,
    Statement,
    compute_statement,
)
from sync.sandbox import api, db
from sync.sandbox import platform as p
from sync.sandbox.counter_money import movements_of_day

DEFAULT_PLATFORM_ID = "demo-shop"
DEFAULT_CONTRACT = {"percent_bp": 150, "fixed_minor": 0, "rounding": "half_up", "currency": "CNY"}
TENDER_OF_KIND = {"cash": "cash", "bank_card": "bank_card", "prepaid_card": "prepaid"}


def contract_of(conn: Connection, store_id: str, platform_id: str) -> tuple[Contract, str]:
    """The store's contract with this platform and the currency it settles in."""
    t = db.store_contracts
    row = conn.execute(select(t).where(t.c.store_id == store_id)).first()
    terms = DEFAULT_CONTRACT if row is None else {"percent_bp": row.percent_bp, "fixed_minor": row.fixed_minor,
                                                  "rounding": row.rounding, "currency": row.currency}
    return (Contract(platform_id, int(terms["percent_bp"]), int(terms["fixed_minor"]), str(terms["rounding"])),
            str(terms["currency"]))


def sale_tenders(s: Any) -> tuple[tuple[str, int], ...]:
    """What each tender paid of a settlement: its tender_amounts; an older terminal's settlement
    without them: the whole amount on its one tender (on the first listed when it named several)."""
    if s.tender_amounts:
        return tuple((TENDER_OF_KIND.get(t["kind"], t["kind"]), int(t["amount_minor"])) for t in s.tender_amounts
                     if int(t["amount_minor"]) > 0)
    kinds = list(s.tenders or ["cash"])
    return ((TENDER_OF_KIND.get(kinds[0], kinds[0]), int(s.amount_minor)),)


def settlements_of_day(conn: Connection, store_id: str, day: date, timezone: str) -> list[Any]:
    """The store's settlements of its business day `day` (module doc)."""
    t = db.settlements.c
    start, end = day_bounds(day, timezone)
    rows = conn.execute(select(db.settlements).where(
        t.store_id == store_id,
        or_(t.business_date == day.isoformat(),
            and_(t.business_date.is_(None), t.paid_at >= start, t.paid_at < end)),
    ).order_by(t.settlement_id)).all()
    return list(rows)


def platform_movements(conn: Connection, store_id: str, day: date, timezone: str) -> list[Movement]:
    moves: list[Movement] = []
    for s in settlements_of_day(conn, store_id, day, timezone):
        tenders = sale_tenders(s)
        if not tenders:
            continue
        moves.append(Movement(SALE, s.settlement_id, s.order_no, tenders, s.paid_at))
        if s.outcome == "refund_case":
            moves.append(Movement(DOUBLE_PAYMENT, s.settlement_id, s.order_no, tenders, s.paid_at))
    for m in movements_of_day(conn, store_id, day.isoformat()):
        moves.append(Movement(m.kind, m.ref, m.order_no,
                              tuple((str(x["tender"]), int(x["amount_minor"])) for x in m.tenders), m.at))
    return moves


def remittance_states(conn: Connection, store_id: str, before: date) -> list[dict]:
    """The store's accepted statements of days before `before`, each received or outstanding."""
    a, r = db.accepted_statements, db.remittances
    paid = {row.number: row for row in conn.execute(select(r).where(r.c.store_id == store_id))}
    out = []
    for s in conn.execute(select(a).where(a.c.store_id == store_id, a.c.business_date < before.isoformat())
                          .order_by(a.c.business_date, a.c.number)):
        got = paid.get(s.number)
        out.append({"number": s.number, "business_date": s.business_date, "amount_minor": s.net_minor,
                    "currency": s.currency, "state": "received" if got is not None else "outstanding",
                    "reference": got.reference if got is not None else None,
                    "received_at": p.iso(got.received_at) if got is not None else None})
    return out


def platform_statement(conn: Connection, store_id: str, day: date, timezone: str, platform_id: str) -> Statement:
    contract, currency = contract_of(conn, store_id, platform_id)
    return compute_statement(store_id=store_id, platform_id=platform_id, business_date=day, currency=currency,
                             contract=contract, movements=platform_movements(conn, store_id, day, timezone),
                             extra={"remittances": remittance_states(conn, store_id, day)})


def platform_id_of(request: Request) -> str:
    return str(getattr(request.app.state, "platform_id", None) or DEFAULT_PLATFORM_ID)


def check_store(caller: p.Caller, store_id: str) -> None:
    if store_id != caller.store_id:
        raise p.ApiError(403, "credential_mismatch", f"the credential is store {caller.store_id}'s, not {store_id}'s")


def check_zone(timezone: str) -> str:
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise p.ApiError(422, "invalid_timezone", "timezone must be an IANA time zone such as Asia/Shanghai") \
            from None
    return timezone


StoreId = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._-]+$")]


def add_routes(r: APIRouter) -> None:
    @r.get("/stores/{store_id}/statements/{business_date}", tags=["statements"],
           summary="The platform's own day statement of this store (commission, refunds, net owed)",
           description="Computed with the terminal's formula from the platform's records: the day's settlements "
                       "(SALE; DOUBLE_PAYMENT for those it made a refund case of) and counter movements (refund "
                       "legs, voids, pay-backs). net_minor > 0: the store owes the platform. extra.remittances: "
                       "earlier accepted statements, received or outstanding. Another store: 403.",
           responses={200: api.OBJ, 403: api._E, **api.AUTH_ERRORS})
    def get_statement(store_id: StoreId, business_date: date, request: Request, caller: api.Terminal,
                      timezone: Annotated[str, Query(max_length=64, description="the store's time zone: the day "
                                                     "of a settlement sent without a business_date")]
                      = "Asia/Shanghai"):
        check_store(caller, store_id)
        zone = check_zone(timezone)
        if not date(2000, 1, 1) <= business_date <= date(2999, 12, 31):
            raise p.ApiError(422, "invalid_business_date", "business_date is out of range")
        with api._engine(request).begin() as conn:
            st = platform_statement(conn, store_id, business_date, zone, platform_id_of(request))
        return JSONResponse(st.to_json())
