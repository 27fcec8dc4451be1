"""What a store tells the platform about its day statements (issue 16, direct route):
- POST /api/v1/statements/accepted: a manager accepted statement N (its digest and net). The
  platform keeps it, and compares the digest with its own statement of that day (`matches`). An
  accepted statement is immutable: the same number again with another digest is refused (409
  statement_changed).
- POST /api/v1/remittances: the store paid statement N (bank transfer reference). Recorded once
  per statement number; a known statement with another amount or currency is refused (409
  remittance_mismatch). The next day's statement lists it as received (sync.sandbox.statements).
- GET /api/v1/stores/{store_id}/remittances: the store's remittances and accepted statements, each
  received or outstanding.
Both POSTs are exactly once per Idempotency-Key (the same key and body: the first answer)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field
from sqlalchemy import and_, insert, select
from sqlalchemy.engine import Connection

from sync.sandbox import api, db
from sync.sandbox import platform as p
from sync.sandbox.statements import StoreId, check_store, check_zone, platform_id_of, platform_statement

Number = Field(min_length=1, max_length=35, pattern=r"^[A-Za-z0-9/?:().,'+ -]+$",
               description="the statement number (ST-yyyymmdd-nnnnnn): the pain.001 EndToEndId")


class AcceptedIn(BaseModel):
    model_config = ConfigDict(extra="ignore")
    number: str = Number
    business_date: date
    digest: str = Field(min_length=64, max_length=64, pattern=r"^[0-9a-f]{64}$")
    net_minor: int = Field(ge=-10**12, le=10**12, description="> 0: the store owes the platform")
    currency: api.Currency
    platform_id: str | None = Field(None, max_length=64)
    timezone: str = Field("Asia/Shanghai", max_length=64)
    statement: dict[str, Any] | None = Field(None, description="the accepted statement (Statement.to_json())")


class RemittanceIn(BaseModel):
    model_config = ConfigDict(extra="ignore")
    number: str = Number
    amount_minor: api.Minor
    currency: api.Currency
    reference: str = Field(min_length=1, max_length=140, description="the bank transfer's reference")
    sent_at: AwareDatetime
    business_date: date | None = None
    platform_id: str | None = Field(None, max_length=64)


def _accepted_view(r: Any) -> dict:
    return {"number": r.number, "business_date": r.business_date, "digest": r.digest,
            "platform_digest": r.platform_digest, "matches": r.platform_digest == r.digest,
            "net_minor": r.net_minor, "currency": r.currency, "received_at": p.iso(r.received_at)}


def accept(conn: Connection, body: dict, caller: p.Caller, now: datetime, platform_id: str) -> tuple[int, dict]:
    from pos_terminal.domain.model.statements import Statement, StatementError

    t = db.accepted_statements
    if body.get("statement") is not None:
        try:
            sent = Statement.from_json(body["statement"])
        except StatementError as exc:
            raise p.ApiError(422, "statement_altered", exc.args[0] if exc.args else "the statement was changed")
        except (KeyError, TypeError, ValueError) as exc:
            raise p.ApiError(422, "invalid_statement", f"the statement cannot be read: {exc}") from None
        if sent.digest != body["digest"] or sent.store_id != caller.store_id:
            raise p.ApiError(422, "statement_altered", "the statement sent is not the one of this digest and store")
    earlier = conn.execute(select(t).where(and_(t.c.store_id == caller.store_id, t.c.number == body["number"]))).first()
    if earlier is not None:
        if earlier.digest != body["digest"]:
            raise p.ApiError(409, "statement_changed", f"statement {body['number']} was accepted with digest "
                             f"{earlier.digest[:12]}…; an accepted statement never changes")
        return 200, _accepted_view(earlier)
    day = body["business_date"]
    mine = platform_statement(conn, caller.store_id, day, body.get("timezone") or "Asia/Shanghai", platform_id)
    row = {"store_id": caller.store_id, "number": body["number"], "business_date": day.isoformat(),
           "digest": body["digest"], "platform_digest": mine.digest, "net_minor": body["net_minor"],
           "currency": body["currency"], "terminal_id": caller.terminal_id, "body": body.get("statement"),
           "received_at": now}
    conn.execute(insert(t).values(**row))
    return 201, _accepted_view(_Row(row))


class _Row:
    def __init__(self, d: dict) -> None:
        self.__dict__.update(d)


def _remittance_view(r: Any) -> dict:
    return {"number": r.number, "business_date": r.business_date, "amount_minor": r.amount_minor,
            "currency": r.currency, "reference": r.reference, "sent_at": p.iso(r.sent_at),
            "received_at": p.iso(r.received_at), "state": "received"}


def remit(conn: Connection, body: dict, caller: p.Caller, now: datetime) -> tuple[int, dict]:
    r, a = db.remittances, db.accepted_statements
    earlier = conn.execute(select(r).where(and_(r.c.store_id == caller.store_id, r.c.number == body["number"]))).first()
    if earlier is not None:
        if (earlier.amount_minor, earlier.currency) != (body["amount_minor"], body["currency"]):
            raise p.ApiError(409, "remittance_mismatch", f"statement {body['number']} was paid with "
                             f"{earlier.amount_minor} {earlier.currency} already")
        return 200, {"remittance": _remittance_view(earlier)}
    known = conn.execute(select(a).where(and_(a.c.store_id == caller.store_id, a.c.number == body["number"]))).first()
    if known is not None and (known.net_minor, known.currency) != (body["amount_minor"], body["currency"]):
        raise p.ApiError(409, "remittance_mismatch", f"statement {body['number']} owes {known.net_minor} "
                         f"{known.currency}, not {body['amount_minor']} {body['currency']}: send the statement's net")
    day = body["business_date"].isoformat() if body.get("business_date") else (
        known.business_date if known is not None else None)
    row = {"id": p.new_id(), "store_id": caller.store_id, "number": body["number"], "business_date": day,
           "amount_minor": body["amount_minor"], "currency": body["currency"], "reference": body["reference"],
           "sent_at": body["sent_at"], "terminal_id": caller.terminal_id, "received_at": now}
    conn.execute(insert(r).values(**row))
    return 201, {"remittance": _remittance_view(_Row(row))}


def store_remittances(conn: Connection, store_id: str) -> dict:
    r, a = db.remittances, db.accepted_statements
    paid = [_remittance_view(x) for x in conn.execute(select(r).where(r.c.store_id == store_id)
                                                       .order_by(r.c.received_at, r.c.number))]
    numbers = {x["number"] for x in paid}
    statements = [{"number": s.number, "business_date": s.business_date, "net_minor": s.net_minor,
                   "currency": s.currency, "matches": s.platform_digest == s.digest,
                   "state": "received" if s.number in numbers else "outstanding"}
                  for s in conn.execute(select(a).where(a.c.store_id == store_id)
                                        .order_by(a.c.business_date, a.c.number))]
    return {"remittances": paid, "statements": statements}


def add_routes(r: APIRouter) -> None:
    @r.post("/statements/accepted", tags=["statements"], status_code=201,
            summary="The store accepted its day statement N (direct route)",
            description="201 recorded, with `matches`: whether the digest is the one of the platform's own "
                        "statement of that day; 200 the same number and digest again; 409 statement_changed "
                        "(another digest: an accepted statement never changes); 422 statement_altered (the "
                        "statement sent does not match its digest).",
            responses={200: api.OBJ, 201: api.OBJ, 409: api._E, **api.AUTH_ERRORS})
    def accepted(body: AcceptedIn, request: Request, caller: api.Terminal, key: api.IdemKey):
        check_zone(body.timezone)
        data = body.model_dump()
        pid = platform_id_of(request)
        return api._write(request, caller, key, body.model_dump(mode="json"),
                          lambda conn, now: accept(conn, data, caller, now, pid))

    @r.post("/remittances", tags=["statements"], status_code=201,
            summary="The store paid statement N (bank transfer): recorded once per statement",
            description="201 recorded; 200 recorded before with the same amount; 409 remittance_mismatch (not "
                        "the accepted statement's net, or paid before with another amount).",
            responses={200: api.OBJ, 201: api.OBJ, 409: api._E, **api.AUTH_ERRORS})
    def remittance(body: RemittanceIn, request: Request, caller: api.Terminal, key: api.IdemKey):
        data = body.model_dump()
        return api._write(request, caller, key, body.model_dump(mode="json"),
                          lambda conn, now: remit(conn, data, caller, now))

    @r.get("/stores/{store_id}/remittances", tags=["statements"],
           summary="This store's remittances and accepted statements (received or outstanding)",
           responses={200: api.OBJ, 403: api._E, **api.AUTH_ERRORS})
    def list_remittances(store_id: StoreId, request: Request, caller: api.Terminal):
        check_store(caller, store_id)
        with api._engine(request).begin() as conn:
            return JSONResponse(store_remittances(conn, store_id))
