"""POST /api/v1/counter-movements: money that moved at a store's counter for this platform besides
a sale (issue 16), each exactly once: a refund paid out (one movement per payout leg and tender),
a void (a payment cancelled after money was taken, the money given back), a double payment paid
back in cash. The platform's day statement (sync.sandbox.statements) and the day's reconciliation
totals (platform.post_batch, `day_figures`) are computed from these records.

Contract:
- the body is the terminal's outbox payload (pos_terminal.services.counter_money); members this
  version does not know are ignored (a newer terminal may add facts);
- exactly once per Idempotency-Key (as every money POST: the same key and body get the first
  answer, the same key with another body 422 idempotency_key_reused), and once per (store, kind,
  ref): the same movement under another key is answered 200 with the record when the facts are
  the same, 409 movement_conflict when they are not;
- refused where the platform can tell it is wrong: 403 credential_mismatch (another store or
  terminal), 404 unknown_order (a refund or void of an order the platform never made), 404
  unknown_refund_case (a pay-back of a case that is not this store's), 404 unknown_settlement (a
  pay-back naming another settlement than its case's), 409 currency_mismatch
  (not the order's currency), 422 amounts that do not add up."""

from __future__ import annotations

from datetime import date, datetime
from types import SimpleNamespace
from typing import Any, Literal

from fastapi import APIRouter, Request
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator
from sqlalchemy import and_, func, insert, select
from sqlalchemy.engine import Connection

from sync.sandbox import api, db
from sync.sandbox import platform as p

KINDS = ("refund", "void", "double_payment_payback")
Tender = Literal["cash", "bank_card", "prepaid"]


class MovementTender(BaseModel):
    model_config = ConfigDict(extra="forbid")
    tender: Tender
    amount_minor: api.Minor


class CounterMovementIn(BaseModel):
    """One movement (pos_terminal.services.counter_money.movement_payload)."""

    model_config = ConfigDict(extra="ignore")
    kind: Literal["refund", "void", "double_payment_payback"]
    ref: str = Field(min_length=1, max_length=100, pattern=r"^[\x21-\x7e]+$",
                     description="the terminal's reference: '<refund case id>/<leg>', a pay-back id, a void's id; "
                                 "the same string in both sides' statements")
    order_no: api.Code
    store_id: api.Code
    terminal_id: api.Code
    platform_id: str | None = Field(None, max_length=64)
    tenders: list[MovementTender] = Field(min_length=1, max_length=3)
    amount_minor: api.Minor
    currency: api.Currency
    at: AwareDatetime
    business_date: date = Field(description="the terminal's business day the movement belongs to")
    refund_case_id: str | None = Field(None, max_length=64, description="refund: the terminal's case; "
                                                                        "double_payment_payback: the platform's case")
    settlement_id: str | None = Field(None, max_length=64)
    platform_refund_id: str | None = Field(None, max_length=64)
    leg_index: int | None = Field(None, ge=0, le=100)
    receipt_no: int | None = Field(None, ge=1, le=2**31 - 1)

    @model_validator(mode="after")
    def _adds_up(self):
        if sum(t.amount_minor for t in self.tenders) != self.amount_minor:
            raise ValueError("tenders must add up to amount_minor")
        if len({t.tender for t in self.tenders}) != len(self.tenders):
            raise ValueError("each tender at most once")
        if self.kind == "double_payment_payback" and not self.refund_case_id:
            raise ValueError("a pay-back names the platform's refund case (refund_case_id)")
        return self


class MovementOut(BaseModel):
    movement: dict[str, Any] = Field(description="the movement as recorded, with received_at")


def _view(r: Any) -> dict:
    return {"kind": r.kind, "ref": r.ref, "order_no": r.order_no, "store_id": r.store_id,
            "terminal_id": r.terminal_id, "platform_id": r.platform_id, "tenders": list(r.tenders),
            "amount_minor": r.amount_minor, "currency": r.currency, "at": p.iso(r.at),
            "business_date": r.business_date, "refund_case_id": r.refund_case_id, "received_at": p.iso(r.received_at)}


def _facts(tenders: list, amount_minor: int, currency: str, order_no: str, business_date: str) -> tuple:
    return (sorted((str(t["tender"]), int(t["amount_minor"])) for t in tenders), amount_minor, currency, order_no,
            business_date)


def record_movement(conn: Connection, body: dict, caller: p.Caller, now: datetime) -> tuple[int, dict]:
    """Records one movement (CounterMovementIn.model_dump()); see the module doc for the answers."""
    if (body["store_id"], body["terminal_id"]) != (caller.store_id, caller.terminal_id):
        raise p.ApiError(403, "credential_mismatch", f"the movement names {body['store_id']}/{body['terminal_id']} "
                                                     f"but the credential is {caller.store_id}/{caller.terminal_id}")
    t = db.counter_movements
    tenders = [{"tender": x["tender"], "amount_minor": int(x["amount_minor"])} for x in body["tenders"]]
    business_date = body["business_date"].isoformat()
    earlier = conn.execute(select(t).where(and_(t.c.store_id == caller.store_id, t.c.kind == body["kind"],
                                                t.c.ref == body["ref"]))).first()
    if earlier is not None:
        if _facts(earlier.tenders, earlier.amount_minor, earlier.currency, earlier.order_no, earlier.business_date) \
                != _facts(tenders, body["amount_minor"], body["currency"], body["order_no"], business_date):
            raise p.ApiError(409, "movement_conflict", f"{body['kind']} {body['ref']} was recorded before with other "
                                                       "facts (amount, tenders, order or day)")
        return 200, {"movement": _view(earlier)}
    order = conn.execute(select(db.orders.c.order_no, db.orders.c.currency)
                         .where(db.orders.c.order_no == body["order_no"])).first()
    case_id = body.get("refund_case_id")
    if body["kind"] == "double_payment_payback":
        case = conn.execute(select(db.refund_cases).where(db.refund_cases.c.id == case_id)).first()
        if case is None or case.store_id != caller.store_id or case.order_no != body["order_no"]:
            raise p.ApiError(404, "unknown_refund_case", f"no refund case {case_id!r} of order {body['order_no']} at "
                                                         f"store {caller.store_id}")
        if body.get("settlement_id") and body["settlement_id"] != case.settlement_id:
            raise p.ApiError(404, "unknown_settlement", f"refund case {case_id} is of settlement {case.settlement_id}, "
                                                        f"not {body['settlement_id']}")
    elif order is None:
        raise p.ApiError(404, "unknown_order", f"no order {body['order_no']!r}: a {body['kind']} needs an order "
                                               "of this platform")
    if order is not None and order.currency != body["currency"]:
        raise p.ApiError(409, "currency_mismatch", f"order {order.order_no} is in {order.currency}, not "
                                                   f"{body['currency']}")
    row = {"id": p.new_id(), "store_id": caller.store_id, "terminal_id": caller.terminal_id,
           "platform_id": body.get("platform_id"), "kind": body["kind"], "ref": body["ref"],
           "order_no": body["order_no"], "tenders": tenders, "amount_minor": body["amount_minor"],
           "currency": body["currency"], "at": body["at"], "business_date": business_date, "refund_case_id": case_id,
           "details": {k: v for k, v in body.items() if k not in ("at", "business_date", "tenders")} | {
               "at": body["at"].isoformat()},
           "received_at": now}
    conn.execute(insert(t).values(**row))
    return 201, {"movement": _view(SimpleNamespace(**row))}


def movements_of_day(conn: Connection, store_id: str, business_date: str,
                     terminal_id: str | None = None) -> list[Any]:
    t = db.counter_movements
    where = [t.c.store_id == store_id, t.c.business_date == business_date]
    if terminal_id is not None:
        where.append(t.c.terminal_id == terminal_id)
    return list(conn.execute(select(t).where(and_(*where)).order_by(t.c.kind, t.c.ref)))


def day_figures(conn: Connection, store_id: str, terminal_id: str | None, business_date: str) -> dict[str, int]:
    """The day's counter movements as the reconciliation's own figures: count and amount per kind,
    and the refunds and voids per tender (e.g. refund_cash_minor)."""
    t = db.counter_movements
    where = [t.c.store_id == store_id, t.c.business_date == business_date]
    if terminal_id is not None:
        where.append(t.c.terminal_id == terminal_id)
    out: dict[str, int] = {}
    for kind, name in (("refund", "counter_refund"), ("void", "void"), ("double_payment_payback", "payback")):
        count, total = conn.execute(select(func.count(), func.coalesce(func.sum(t.c.amount_minor), 0))
                                    .where(and_(*where, t.c.kind == kind))).one()
        out[f"{name}_count"] = int(count)
        out[f"{name}_minor"] = int(total)
    for r in conn.execute(select(t.c.kind, t.c.tenders).where(and_(*where, t.c.kind.in_(("refund", "void"))))):
        for x in r.tenders:
            name = f"{'counter_refund' if r.kind == 'refund' else 'void'}_{x['tender']}_minor"
            out[name] = out.get(name, 0) + int(x["amount_minor"])
    return out


def add_routes(r: APIRouter) -> None:
    @r.post("/counter-movements", tags=["settlements"], status_code=201,
            summary="Record money moved at the counter besides a sale: a refund leg, a void, a double payment "
                    "paid back (exactly once)",
            description="201 when recorded now; 200 when the same kind and ref was recorded before with the same "
                        "facts. 409 movement_conflict (the same ref with other facts), 404 unknown_order, 404 "
                        "unknown_refund_case, 404 unknown_settlement, 409 currency_mismatch, 403 "
                        "credential_mismatch. The day's statement (GET /stores/{store_id}/statements/{business_date}) "
                        "lists them.",
            responses={200: {"model": MovementOut}, 201: {"model": MovementOut}, 404: api._E, 409: api._E,
                       **api.AUTH_ERRORS})
    def post_movement(body: CounterMovementIn, request: Request, caller: api.Terminal, key: api.IdemKey):
        data = body.model_dump()
        return api._write(request, caller, key, body.model_dump(mode="json"),
                          lambda conn, now: record_movement(conn, data, caller, now))

