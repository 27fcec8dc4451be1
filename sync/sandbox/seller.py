"""The seller portal under /seller: a merchant's sellers sign in (sync.sandbox.seller_auth), list
and view their own merchant's refund requests with the photos, and approve or reject the
pending ones. Nothing here answers without a signed-in session: an anonymous page request is
sent to the sign-in form, an anonymous photo or decision is refused (401). Another merchant's
request or photo is "not found" (404), not "forbidden", so that its existence does not show.
Every form carries the session's CSRF token and every POST must come from this site (its
Origin, or else its Referer)."""

from __future__ import annotations

import time
from html import escape
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import func, select

from pos_terminal.money import format_money
from sync.sandbox import db, photos
from sync.sandbox import platform as p
from sync.sandbox import refunds
from sync.sandbox import seller_auth as auth
from sync.sandbox.pages import _local, _page

# HTML of the portal: no script, no frame, forms only to this site, images only from here
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; "
                               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}
PAGE_SIZE = 100  # requests per page of the list, newest first
STATUSES = {"pending_seller": "待处理 pending", "approved": "已同意 approved", "rejected": "已拒绝 rejected"}
NOTICES = {
    "approved": "已同意退款 Refund approved.",
    "rejected": "已拒绝退款 Refund rejected.",
    "already_decided": "该申请已处理 This request was decided already; the list shows its state now.",
    "bad_decision": "请选择同意或拒绝 Choose approve or reject.",
}


def _html(request: Request, title: str, body: str, status: int = 200, headers: dict | None = None) -> HTMLResponse:
    page = _page(title, body)
    page.status_code = status
    page.headers.update(PAGE_HEADERS | (headers or {}))
    return page


def _set_cookie(request: Request, response: Response, raw: str) -> None:
    response.set_cookie(auth.COOKIE, raw, path=auth.COOKIE_PATH, httponly=True, samesite="strict",
                        secure=request.url.scheme == "https")


def _clear_cookie(request: Request, response: Response) -> None:
    response.delete_cookie(auth.COOKIE, path=auth.COOKIE_PATH, httponly=True, samesite="strict",
                           secure=request.url.scheme == "https")


def _from_here(request: Request) -> bool:
    allowed = auth.own_origins(request.url.scheme, request.headers.get("host"), request.app.state.base_url)
    return auth.same_origin(request.headers.get("origin"), request.headers.get("referer"), allowed)


def _refused_origin(request: Request) -> HTMLResponse:
    return _html(request, "请求被拒绝 Request refused",
                 '<div class="card"><h1>请求被拒绝 Request refused</h1><p>This form was not sent from the seller '
                 "portal's own pages (its Origin or Referer names another site, or none). Open the portal "
                 '<a href="/seller">here</a> and try again.</p></div>', status=403)


def _refused_csrf(request: Request) -> HTMLResponse:
    return _html(request, "表单已过期 Form expired",
                 '<div class="card"><h1>表单已过期 Form expired</h1><p>The form was not one this session gave out '
                 '(it is missing its token, or the session ended). Reload <a href="/seller">the portal</a> and '
                 "send it again.</p></div>", status=403)


def _not_signed_in(request: Request) -> HTMLResponse:
    return _html(request, "请登录 Sign in", '<div class="card"><h1>请登录 Sign in</h1><p>You are not signed in '
                 '(or the session ended). <a href="/seller/login">Sign in</a> as the seller of your shop.</p></div>',
                 status=401)


def _not_found(request: Request) -> HTMLResponse:
    return _html(request, "未找到 Not found", '<div class="card"><h1>未找到 Not found</h1><p>No such refund '
                 'request among your shop\'s. <a href="/seller">Back to the list</a>.</p></div>', status=404)


def _login_form(request: Request, csrf: str, message: str = "", status: int = 200, username: str = "",
                headers: dict | None = None) -> HTMLResponse:
    banner = f'<p class="banner expired" role="alert">{escape(message)}</p>' if message else ""
    body = (f'<div class="card"><h1>卖家登录 Seller sign-in</h1>{banner}'
            '<form method="post" action="/seller/login">'
            f'<input type="hidden" name="csrf_token" value="{escape(csrf)}">'
            '<label>用户名 Username<input type="text" name="username" autocomplete="username" required '
            f'value="{escape(username)}"></label>'
            '<label>密码 Password<input type="password" name="password" autocomplete="current-password" required '
            'style="width:100%;padding:6px;margin:6px 0"></label>'
            '<button class="ok" type="submit">登录 Sign in</button></form></div>')
    return _html(request, "卖家登录 Seller sign-in", body, status=status, headers=headers)


def _request_html(q: dict, csrf: str, *, link: bool) -> str:
    rid = escape(q["request_id"])
    photo_tags = "".join(f'<a href="/seller/photos/{escape(pid)}"><img src="/seller/photos/{escape(pid)}" '
                         'alt="photo"></a>' for pid in q["photo_ids"])
    title = f'<a href="/seller/refund-requests/{rid}">{escape(q["order_no"])}</a>' if link else escape(q["order_no"])
    parts = [f'<div class="req" id="req-{rid}"><b>{escape(q["merchant"]["name"])}</b> · {title} · '
             f'{format_money(q["amount_minor"], q["currency"])} · <span class="status">{escape(q["status"])}</span><br>'
             f'<span class="muted">{escape(", ".join(q["item_codes"]))} · {escape(q["reason"])} · '
             f'reputation {q["buyer_reputation"]} / threshold {q["threshold"]} · {_local(q["created_at"])}</span>'
             f"<div>{photo_tags}</div>", _origin_html(q)]
    if q.get("note"):
        parts.append(f'<div class="muted">备注 note: {escape(q["note"])}</div>')
    if q["status"] == "pending_seller":
        parts.append(
            f'<form method="post" action="/seller/refund-requests/{rid}/decision">'
            f'<input type="hidden" name="csrf_token" value="{escape(csrf)}">'
            '<input type="text" name="note" maxlength="500" placeholder="备注 note">'
            '<button class="ok" name="decision" value="approve">同意 Approve</button>'
            '<button class="no" name="decision" value="reject">拒绝 Reject</button></form>')
    parts.append("</div>")
    return "".join(parts)


def _origin_html(q: dict) -> str:
    """Where the request was filed: at a store's counter, or online by the buyer (and which store
    took the unit in, once one did)."""
    store = q["payout"]["store_id"]
    paid = (" · 平台已退到买家余额 refunded by the platform to the buyer's balance"
            if q.get("refunded_to") == "buyer_balance" else "")
    if q.get("origin") != "buyer":
        return f'<div class="muted origin">门店受理 taken in at store {escape(store)}{paid}</div>'
    where = (f'已在门店 {escape(store)} 交回 handed in at store {escape(store)} · {_local(q.get("handed_in_at"))}'
             if q.get("handed_in_at") else "尚未交到门店 not handed in at a store yet")
    return (f'<div class="muted origin" data-origin="buyer">买家在线提交 filed online by the buyer · {where}{paid}'
            "</div>")


def list_requests(conn, merchant_id: str, merchant_name: str, status: str | None, page: int) -> tuple[list[dict], int]:
    """One page of the merchant's refund requests, newest first, in the shape of
    platform.refund_view, in two queries (the requests, then their photos) whatever the page
    size; and how many there are in all."""
    t = db.refund_requests
    where = [t.c.merchant_id == merchant_id] + ([t.c.status == status] if status else [])
    total = conn.execute(select(func.count()).select_from(t).where(*where)).scalar_one()
    rows = conn.execute(select(t).where(*where).order_by(t.c.created_at.desc(), t.c.id)
                        .limit(PAGE_SIZE).offset(page * PAGE_SIZE)).all()
    shots: dict[str, list[str]] = {}
    if rows:
        for pid, rid in conn.execute(select(db.photos.c.id, db.photos.c.refund_request_id)
                                     .where(db.photos.c.refund_request_id.in_([r.id for r in rows]))
                                     .order_by(db.photos.c.uploaded_at)).all():
            shots.setdefault(rid, []).append(pid)
    return [{"request_id": r.id, "status": r.status, "order_no": r.order_no,
             "merchant": {"id": merchant_id, "name": merchant_name}, "item_codes": list(r.item_codes),
             "reason": r.reason, "amount_minor": r.amount_minor, "currency": r.currency,
             "buyer_reputation": r.buyer_reputation, "threshold": r.threshold, "photo_ids": shots.get(r.id, []),
             "note": r.note, "created_at": p.iso(r.created_at), "origin": r.origin or "store",
             "handed_in_at": p.iso(r.handed_in_at), "refunded_to": r.refunded_to,
             "payout": {"route": r.payout_route, "store_id": r.store_id, "terminal_id": r.terminal_id}}
            for r in rows], total


def _header(seller: auth.SignedIn, csrf: str) -> str:
    return (f'<div class="card"><div class="muted">{escape(seller.merchant_name)} · 卖家 seller '
            f'{escape(seller.username)} · <a href="/seller">退款申请 Refund requests</a> · '
            '<a href="/seller/paid-twice">重复支付 Paid twice</a></div>'
            '<form method="post" action="/seller/logout" style="margin-top:8px">'
            f'<input type="hidden" name="csrf_token" value="{escape(csrf)}">'
            '<button type="submit">退出 Sign out</button></form></div>')


def build_router() -> APIRouter:
    r = APIRouter(include_in_schema=False)

    def now(request: Request):
        return request.app.state.clock.now()

    def engine(request: Request):
        return request.app.state.engine

    def session(request: Request, conn) -> auth.Session | None:
        return auth.load_session(conn, request.cookies.get(auth.COOKIE), now(request))

    @r.get("/seller/login")
    def login_page(request: Request):
        with engine(request).begin() as conn:
            s = session(request, conn)
            if s is not None and s.seller is not None:
                return RedirectResponse("/seller", status_code=303)
            raw = None
            if s is None:
                raw, csrf = auth.start_session(conn, now(request))
            else:
                csrf = s.csrf_token
        page = _login_form(request, csrf)
        if raw:
            _set_cookie(request, page, raw)
        return page

    @r.post("/seller/login")
    def login(request: Request, username: Annotated[str, Form(max_length=64)] = "",
              password: Annotated[str, Form(max_length=256)] = "", csrf_token: Annotated[str, Form(max_length=128)] = ""):
        if not _from_here(request):
            return _refused_origin(request)
        with engine(request).begin() as conn:
            s = session(request, conn)
        if not auth.csrf_ok(s, csrf_token):
            return _refused_csrf(request)
        try:
            seller = auth.check_login(engine(request), username, password, now(request))
        except auth.LoginRefused as exc:
            headers = {"Retry-After": str(exc.retry_after_s)} if exc.retry_after_s else None
            return _login_form(request, s.csrf_token, exc.message, status=exc.status, username=username,
                               headers=headers)
        with engine(request).begin() as conn:
            auth.end_session(conn, s)  # the sign-in form's session is not carried over
            raw, _ = auth.start_session(conn, now(request), seller.username)
        response = RedirectResponse("/seller", status_code=303)
        _set_cookie(request, response, raw)
        return response

    @r.post("/seller/logout")
    def logout(request: Request, csrf_token: Annotated[str, Form(max_length=128)] = ""):
        if not _from_here(request):
            return _refused_origin(request)
        with engine(request).begin() as conn:
            s = session(request, conn)
            if s is None:
                response = RedirectResponse("/seller/login", status_code=303)
                _clear_cookie(request, response)
                return response
            if not auth.csrf_ok(s, csrf_token):
                return _refused_csrf(request)
            auth.end_session(conn, s)
        response = RedirectResponse("/seller/login", status_code=303)
        _clear_cookie(request, response)
        return response

    @r.get("/seller")
    def seller_page(request: Request, status: str | None = None, done: str | None = None, error: str | None = None,
                    page: int = 0):
        started = time.perf_counter()
        status = status if status in STATUSES else None
        page = min(max(page, 0), 10**6)
        with engine(request).begin() as conn:
            s = session(request, conn)
            if s is None or s.seller is None:
                return RedirectResponse("/seller/login", status_code=303)
            reqs, total = list_requests(conn, s.seller.merchant_id, s.seller.merchant_name, status, page)
        links = " · ".join(f'<a href="/seller?status={k}">{v}</a>' for k, v in STATUSES.items())
        shown = (f"第 {page * PAGE_SIZE + 1}–{page * PAGE_SIZE + len(reqs)} 条，共 {total} 条 · "
                 f"{page * PAGE_SIZE + 1}–{page * PAGE_SIZE + len(reqs)} of {total}") if reqs else ""
        parts = [_header(s.seller, s.csrf_token), '<div class="card"><h1>退款申请 Refund requests</h1>'
                 f'<p class="muted">{links} · <a href="/seller">全部 all</a></p>'
                 f'<p class="muted" id="shown">{shown}</p>']
        for code in (done, error):
            if code in NOTICES:
                parts.append(f'<p class="banner {"paid" if code == done else "expired"}">{NOTICES[code]}</p>')
        if not reqs:
            parts.append("<p>暂无 None.</p>")
        parts.extend(_request_html(q, s.csrf_token, link=True) for q in reqs)
        keep = f"status={status}&" if status else ""
        pager = []
        if page > 0:
            pager.append(f'<a href="/seller?{keep}page={page - 1}">← 较新 newer</a>')
        if (page + 1) * PAGE_SIZE < total:
            pager.append(f'<a href="/seller?{keep}page={page + 1}" id="older">较早 older →</a>')
        if pager:
            parts.append(f'<p>{" · ".join(pager)}</p>')
        parts.append("</div>")
        took_ms = (time.perf_counter() - started) * 1000  # the server's own time (make bench reads it)
        return _html(request, "退款申请 Refund requests", "".join(parts),
                     headers={"Server-Timing": f"app;dur={took_ms:.1f}"})

    def own_request(conn, seller: auth.SignedIn, request_id: str) -> dict | None:
        try:
            q = refunds.refund_view(conn, request_id)
        except p.ApiError:
            return None
        return q if q["merchant"]["id"] == seller.merchant_id else None

    @r.get("/seller/refund-requests/{request_id}")
    def seller_request(request_id: str, request: Request):
        with engine(request).begin() as conn:
            s = session(request, conn)
            if s is None or s.seller is None:
                return RedirectResponse("/seller/login", status_code=303)
            q = own_request(conn, s.seller, request_id)
        if q is None:
            return _not_found(request)
        body = (_header(s.seller, s.csrf_token) + '<div class="card"><h1>退款申请 Refund request</h1>'
                + _request_html(q, s.csrf_token, link=False) + '<p><a href="/seller">返回 Back</a></p></div>')
        return _html(request, f"退款申请 {q['order_no']}", body)

    @r.post("/seller/refund-requests/{request_id}/decision")
    def seller_decide(request_id: str, request: Request, decision: Annotated[str, Form(max_length=16)] = "",
                      note: Annotated[str, Form(max_length=500)] = "",
                      csrf_token: Annotated[str, Form(max_length=128)] = ""):
        if not _from_here(request):
            return _refused_origin(request)
        with engine(request).begin() as conn:
            s = session(request, conn)
            if s is None or s.seller is None:
                return _not_signed_in(request)
            if not auth.csrf_ok(s, csrf_token):
                return _refused_csrf(request)
            if own_request(conn, s.seller, request_id) is None:
                return _not_found(request)
        if decision not in ("approve", "reject"):
            return RedirectResponse("/seller?error=bad_decision", status_code=303)
        caller = p.Caller("merchant", merchant_id=s.seller.merchant_id)
        try:
            with engine(request).begin() as conn:
                refunds.decide_refund(conn, request_id, decision == "approve", note, caller, now(request))
        except p.ApiError as exc:
            code = exc.code if exc.code in NOTICES else "already_decided"
            return RedirectResponse(f"/seller?error={quote(code)}", status_code=303)
        return RedirectResponse(f"/seller?done={'approved' if decision == 'approve' else 'rejected'}",
                                status_code=303)

    @r.get("/seller/photos/{photo_id}")
    def seller_photo(photo_id: str, request: Request):
        with engine(request).begin() as conn:
            s = session(request, conn)
            if s is None or s.seller is None:
                return Response("sign in to the seller portal to see photos", status_code=401,
                                media_type="text/plain", headers=photos.PHOTO_HEADERS)
            try:
                data, ctype = photos.for_merchant(conn, photo_id, s.seller.merchant_id)
            except p.ApiError as exc:
                return Response(exc.message, status_code=404, media_type="text/plain", headers=photos.PHOTO_HEADERS)
        return Response(data, media_type=ctype, headers=photos.PHOTO_HEADERS)

    from sync.sandbox import seller_cases  # the "Paid twice" page: refund cases

    r.include_router(seller_cases.build_router())
    return r
