"""The refund-case routes of the platform API (sync.sandbox.refund_cases), added to api.py's router
by `add_routes`: the list and a case for a terminal (its store's) or a merchant (its orders'), the
counter's pay-back (terminal credential, Idempotency-Key) and the platform's refund to the buyer
(sandbox admin token; sellers use the portal, sync.sandbox.seller_cases)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from sync.sandbox import api  # its helpers (api imports this module only inside build_router)
from sync.sandbox import platform as p
from sync.sandbox import refund_cases


class PaidBackIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    amount_minor: int = Field(gt=0, le=10**12, description="exactly the case's amount (minor units)")
    route: Literal["cash", "bank_card", "prepaid_card"] = Field(description="how the counter gave it back")
    receipt_no: int = Field(ge=1, le=2**31 - 1, description="the terminal's receipt of the pay-back")
    paid_back_at: AwareDatetime


class PlatformRefundIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    note: str = Field("", max_length=200, description="shown in the buyer's balance history")


def case_reader(
    request: Request,
    cred: Annotated[HTTPAuthorizationCredentials | None, Depends(api._bearer)],
    store_id: Annotated[str | None, Depends(api._store)],
    terminal_id: Annotated[str | None, Depends(api._terminal)],
    merchant_id: Annotated[str | None, Depends(api._merchant)],
) -> p.Caller:
    """A merchant (X-Merchant-Id) or else a terminal credential."""
    if merchant_id is not None and store_id is None:
        return api.merchant_caller(request, cred, merchant_id)
    return api.terminal_caller(request, cred, store_id, terminal_id)


Reader = Annotated[p.Caller, Depends(case_reader)]
Admin = Annotated[p.Caller, Depends(api.admin_caller)]


def add_routes(r: APIRouter) -> None:
    @r.get("/refund-cases", tags=["refund cases"], summary="Refund cases (double payments) of this store or merchant",
           description="A terminal sees its own store's cases, a merchant (X-Merchant-Id) the cases of its own "
                       "orders; newest first. business_date: the cases whose second payment was taken that day "
                       "in `timezone`. Each case: status open | refunded, resolution paid_back_at_counter | "
                       "platform_refund, resolved_at, resolved_by, paid_back {route, receipt_no, paid_back_at, "
                       "store_id, terminal_id}.",
           responses={200: api.OBJ, **api.AUTH_ERRORS})
    def list_cases(request: Request, caller: Reader, business_date: date | None = None,
                   status: Literal["open", "refunded"] | None = None,
                   timezone: Annotated[str, Query(max_length=64)] = "Asia/Shanghai"):
        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise p.ApiError(422, "invalid_timezone", "timezone must be an IANA time zone such as Asia/Shanghai") \
                from None
        with api._engine(request).begin() as conn:
            return JSONResponse({"cases": refund_cases.list_cases(conn, caller, business_date=business_date,
                                                                  timezone=timezone, status=status)})

    @r.get("/refund-cases/{case_id}", tags=["refund cases"], summary="A refund case",
           description="Another store's (or merchant's) case is answered 404 unknown_refund_case.",
           responses={200: api.OBJ, 404: api._E, **api.AUTH_ERRORS})
    def get_case(case_id: str, request: Request, caller: Reader):
        return api._read(request, refund_cases.case_view, case_id, caller)

    @r.post("/refund-cases/{case_id}/paid-back", tags=["refund cases"],
            summary="The counter paid the second payment back to the buyer (terminal of the store that took it)",
            description="Any terminal of the store that took the second payment may say so; the amount is the "
                        "case's (422 amount_mismatch). Closes the case: status refunded, resolution "
                        "paid_back_at_counter. 409 refunded_by_platform: the platform gave the money back "
                        "already, the counter must not pay it; 409 paid_back_at_counter: another pay-back was "
                        "reported (a retry with the same Idempotency-Key gets the first answer).",
            responses={200: api.OBJ, 404: api._E, 409: api._E, **api.AUTH_ERRORS})
    def paid_back(case_id: str, body: PaidBackIn, request: Request, caller: api.Terminal, key: api.IdemKey):
        data = body.model_dump()
        return api._write(request, caller, key, body.model_dump(mode="json"),
                          lambda conn, now: refund_cases.paid_back(conn, case_id, data, caller, now))

    @r.post("/admin/refund-cases/{case_id}/platform-refund", tags=["admin"],
            summary="The platform refunds a refund case to the buyer's balance (sandbox admin)",
            description="Closes the case: status refunded, resolution platform_refund; the buyer's balance is "
                        "credited once per case. 409 paid_back_at_counter when a counter paid it back.",
            responses={200: api.OBJ, 401: api._E, 404: api._E, 409: api._E})
    def platform_refund(case_id: str, body: PlatformRefundIn, request: Request,
                        caller: Admin, key: api.OptIdemKey = None):
        return api._write(request, caller, key, body.model_dump(mode="json"), lambda conn, now: (
            refund_cases.refund_by_platform(conn, case_id, caller, now, by="admin", note=body.note or None)))
