"""The seller portal's "Paid twice" page (/seller/paid-twice): the merchant's own refund cases
(sync.sandbox.refund_cases), open ones with a button that refunds the payment to the buyer's
balance on the platform. Same rules as the rest of the portal (sync.sandbox.seller): a signed-in
session, the session's CSRF token in the form, the POST from this site (Origin or Referer);
another merchant's case is "not found"."""

from __future__ import annotations

from html import escape
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse

from sync.sandbox import platform as p
from sync.sandbox import refund_cases
from pos_terminal.money import format_money
from sync.sandbox.pages import _local

NOTICES = {
    "refunded": "已退回买家平台余额 Refunded to the buyer's balance on the platform.",
    "paid_back_at_counter": "该笔已在门店柜台退还 This payment was paid back at the store's counter already.",
    "refunded_by_platform": "该笔已由平台退回 This payment was refunded by the platform already.",
}
RESOLUTIONS = {
    "paid_back_at_counter": "已在柜台退还 paid back at the counter",
    "platform_refund": "平台已退回买家余额 refunded to the buyer's balance",
}


def _case_html(c: dict, csrf: str) -> str:
    cid = escape(c["refund_case_id"])
    reason = "重复支付 paid twice" if c["reason"] == "double_payment" else "订单已取消 order cancelled"
    parts = [f'<div class="req" id="case-{cid}"><b>{escape(c["order_no"])}</b> · '
             f'{format_money(c["amount_minor"], c["currency"])} · {reason}<br>'
             f'<span class="muted">门店 store {escape(c["store_id"])}/{escape(c["terminal_id"])} · '
             f'小票 receipt {c["receipt_no"]} · {_local(c["paid_at"])}</span><br>']
    if c["status"] == refund_cases.OPEN:
        parts.append('<span class="status">待退还 open</span>'
                     f'<form method="post" action="/seller/refund-cases/{cid}/platform-refund">'
                     f'<input type="hidden" name="csrf_token" value="{escape(csrf)}">'
                     '<button class="ok" type="submit">退回买家平台余额 Refund to the buyer\'s balance'
                     "</button></form>")
    else:
        how = RESOLUTIONS.get(c["resolution"] or "", c["resolution"] or "")
        paid_back = c.get("paid_back") or {}
        where = (f' · {escape(paid_back.get("store_id") or "")}/{escape(paid_back.get("terminal_id") or "")} '
                 f'小票 receipt {paid_back.get("receipt_no")}') if paid_back else ""
        parts.append(f'<span class="status">已关闭 closed: {escape(how)}{where} · {_local(c["resolved_at"])}</span>')
    parts.append("</div>")
    return "".join(parts)


def build_router() -> APIRouter:
    from sync.sandbox import seller as portal  # its page helpers; seller includes this router

    r = APIRouter(include_in_schema=False)

    def now(request: Request):
        return request.app.state.clock.now()

    def session(request: Request, conn):
        from sync.sandbox import seller_auth as auth

        return auth.load_session(conn, request.cookies.get(auth.COOKIE), now(request))

    @r.get("/seller/paid-twice")
    def paid_twice(request: Request, done: str | None = None, error: str | None = None):
        with request.app.state.engine.begin() as conn:
            s = session(request, conn)
            if s is None or s.seller is None:
                return RedirectResponse("/seller/login", status_code=303)
            caller = p.Caller("merchant", merchant_id=s.seller.merchant_id)
            cases = refund_cases.list_cases(conn, caller, limit=200)
        parts = [portal._header(s.seller, s.csrf_token),
                 '<div class="card"><h1>重复支付 Paid twice</h1><p class="muted">同一订单被支付两次：第二笔退回'
                 "买家，可在收款门店柜台退还，或由平台退回买家余额（只能二选一）。 An order paid twice: the second "
                 "payment goes back to the buyer, at the counter of the store that took it or by the platform to "
                 'the buyer\'s balance, never both. <a href="/seller">退款申请 Refund requests</a></p>']
        for code in (done, error):
            if code in NOTICES:
                parts.append(f'<p class="banner {"paid" if code == done else "expired"}">{NOTICES[code]}</p>')
        open_first = sorted(cases, key=lambda c: c["status"] != refund_cases.OPEN)
        parts.extend(_case_html(c, s.csrf_token) for c in open_first)
        if not cases:
            parts.append("<p>暂无 None.</p>")
        parts.append("</div>")
        return portal._html(request, "重复支付 Paid twice", "".join(parts))

    @r.post("/seller/refund-cases/{case_id}/platform-refund")
    def platform_refund(case_id: str, request: Request, csrf_token: Annotated[str, Form(max_length=128)] = ""):
        if not portal._from_here(request):
            return portal._refused_origin(request)
        with request.app.state.engine.begin() as conn:
            s = session(request, conn)
            if s is None or s.seller is None:
                return portal._not_signed_in(request)
            if not portal.auth.csrf_ok(s, csrf_token):
                return portal._refused_csrf(request)
        caller = p.Caller("merchant", merchant_id=s.seller.merchant_id)
        try:
            with request.app.state.engine.begin() as conn:
                refund_cases.refund_by_platform(conn, case_id, caller, now(request),
                                                by=f"seller:{s.seller.username}")
        except p.ApiError as exc:
            if exc.status == 404:
                return portal._not_found(request)
            code = exc.code if exc.code in NOTICES else "paid_back_at_counter"
            return RedirectResponse(f"/seller/paid-twice?error={quote(code)}", status_code=303)
        return RedirectResponse("/seller/paid-twice?done=refunded", status_code=303)

    return r
