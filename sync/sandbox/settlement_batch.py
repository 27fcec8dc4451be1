"""POST /api/v1/settlements/batch: many settlements in one request and one transaction, each
still exactly once under its own Idempotency-Key (added to api.py's router by `add_routes`).

Contract of the batch:
- each item is {idempotency_key, settlement}: the key and the body that POST /settlements takes
  (SettlementIn). Each item is answered exactly as POST /settlements would answer that key and
  body: the two endpoints share the keys (same scope, same request fingerprint), so a settlement
  first sent alone and then in a batch, or the other way round, is still recorded once;
- per item, `result` is `accepted` (recorded now: status 201 and the settlement), `duplicate` (the
  key was used before for the same body: the first answer, status and body, a refusal included),
  `conflict` (the key was used for another body: 422 idempotency_key_reused) or `refused` (a
  refusal for good, `reason` its code: unknown_order, credential_mismatch, settlement_conflict,
  invalid_settlement ...). An item's effect and the answer kept under its key commit together,
  and a refusal is kept under the key as on the single endpoint (an invalid body is not: as the
  single endpoint's 422 before it reads the key);
- the whole batch is one transaction: any failure that is not an item's own refusal (a crash, the
  database away) commits nothing and answers 5xx, so the whole batch may always be sent again:
  the items recorded before answer `duplicate`;
- items are handled in their order; the same key twice in one batch: the second is a duplicate
  (or a conflict) of the first;
- terminal authentication as on the single endpoint, at most MAX_ITEMS items."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, SkipValidation, ValidationError

from sync.sandbox import api  # its helpers and SettlementIn (api imports this module only inside build_router)
from sync.sandbox import platform as p
from sync.sandbox.settlements import ACCEPTED, CONFLICT, DUPLICATE, REFUSED, Item, settle_keyed

MAX_ITEMS = 500
SINGLE_PATH = "/api/v1/settlements"  # the keys' request fingerprint is the single endpoint's


class SettlementItemIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    idempotency_key: str = Field(min_length=1, max_length=255, pattern=r"^[\x21-\x7e]+$",
                                 description="this settlement's own key, as the Idempotency-Key header of "
                                             "POST /settlements; a retry of the batch sends the same keys")
    # documented as SettlementIn, checked item by item in check_item (one bad item is refused alone)
    settlement: SkipValidation[api.SettlementIn] = Field(
        description="the body POST /settlements takes; checked on its own: an invalid one is refused alone "
                    "(invalid_settlement), the others are recorded")


class SettlementsBatchIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    items: list[SettlementItemIn] = Field(min_length=1, max_length=MAX_ITEMS)


class SettlementItemOut(BaseModel):
    idempotency_key: str
    settlement_id: str | None = Field(description="the item's settlement_id (None when its body had none)")
    result: Literal["accepted", "duplicate", "conflict", "refused"]
    status: int = Field(description="the status POST /settlements answers (or first answered) for this item")
    reason: str | None = Field(description="the refusal's code (conflict, refused, a duplicate of a refusal)")
    answer: dict[str, Any] = Field(description="the body POST /settlements answers (or first answered): the "
                                               "settlement, or {error, message}")


class SettlementsBatchOut(BaseModel):
    results: list[SettlementItemOut] = Field(description="one per item, in the items' order")
    counts: dict[str, int] = Field(description="how many items were accepted, duplicate, conflict, refused")


def check_item(key: str, raw: Any) -> Item:
    """Validates one item's settlement as POST /settlements does (api.SettlementIn)."""
    sid = raw.get("settlement_id") if isinstance(raw, dict) and isinstance(raw.get("settlement_id"), str) else None
    try:
        body = api.SettlementIn.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(["settlement", *(str(x) for x in first.get("loc", ()))])
        return Item(key, sid, invalid=p.ApiError(422, "invalid_settlement", f"{where}: {first.get('msg', 'invalid')}"))
    return Item(key, body.settlement_id, data=body.model_dump(),
                req_hash=p.request_hash("POST", SINGLE_PATH, body.model_dump(mode="json")))


def add_routes(r: APIRouter) -> None:
    @r.post("/settlements/batch", tags=["settlements"],
            summary=f"Record up to {MAX_ITEMS} payments taken at a store, each exactly once under its own key",
            description="Each item is answered as POST /settlements answers its Idempotency-Key and body (the "
                        "endpoints share the keys): result 'accepted' (recorded now, status 201), 'duplicate' "
                        "(the key was used for this body before: the first answer, refusals included), "
                        "'conflict' (the key was used for another body: 422 idempotency_key_reused) or "
                        "'refused' (for good; reason: unknown_order, credential_mismatch, settlement_conflict, "
                        "invalid_settlement, ...). One transaction: a 5xx recorded nothing, and the whole "
                        "batch may be sent again with the same keys. Not the day's reconciliation "
                        "(POST /settlement-batches).",
            responses={200: {"model": SettlementsBatchOut}, **api.AUTH_ERRORS})
    def settle_batch_route(body: SettlementsBatchIn, request: Request, caller: api.Terminal):
        items = [check_item(i.idempotency_key, i.settlement) for i in body.items]
        answers = settle_keyed(api._engine(request), caller, items, api._now(request))
        counts = {k: 0 for k in (ACCEPTED, DUPLICATE, CONFLICT, REFUSED)}
        for a in answers:
            counts[a["result"]] += 1
        return JSONResponse({"results": answers, "counts": counts})
