"""The buyer's pages on the platform (the link in the paid-order e-mail and SMS):

- GET  /my/<token>            balance with its ledger, paid orders with each unit's return state,
                              return requests with the seller's decision and what to do next
- GET  /my/<token>/return     the return form: item code by camera, typing or a photo of the
                              code; a photo of the defect; a reason (?item=<code> fills the code)
- POST /my/<token>/return     multipart form (csrf_token, item_code, code_photo, photo, reason,
                              details): files the return, then 303 to /my/<token>?filed=<id>
- POST /my/<token>/decode     body: one image (image/jpeg, png or webp; header X-CSRF-Token);
                              answers JSON {"codes_read", "matches": [{item_code, name,
                              order_no, refund_state}], "other_codes"}: the codes found that are
                              units of this buyer's paid orders
- GET  /static/buyer-return.js the return page's script (sync.sandbox.buyer_script)

<token> is the buyer's page token (buyers.page_token): a capability link, like /o/<token>.
Every POST must come from this site (Origin, or else Referer) and carry the form token (an
HMAC of the page token and its issue time under the platform's key `buyer_form_key` in the
credentials file: stateless, bound to this buyer's page, valid FORM_TOKEN_TTL). Uploads are
size-limited before they are read and re-encoded (sync.sandbox.photos) before anything looks at
them. Mobile HTML, Chinese beside English, no external resource, no inline script."""

from __future__ import annotations

import base64
import hashlib
from datetime import timedelta
from html import escape
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from sync.sandbox import buyer_returns as br
from sync.sandbox import buyers, photos
from sync.sandbox import platform as p
from sync.sandbox import seller_auth as auth
from sync.sandbox.buyer_script import SCRIPT
from pos_terminal.money import format_money
from sync.sandbox.pages import _CSS as BASE_CSS
from sync.sandbox.pages import _local

_CSS = BASE_CSS + """
h2{font-size:17px;margin:0 0 8px}a{color:#0b57d0}
.btn{display:block;width:100%;text-align:center;background:#0b57d0;color:#fff;text-decoration:none;padding:12px;
border-radius:10px;font-size:16px;font-weight:600;border:0;margin:8px 0;font-family:inherit}
.btn.secondary{background:#e8eaed;color:#1d1d1f}
label{display:block;font-weight:600;margin:14px 0 4px}
input[type=text],select,textarea{width:100%;font-size:16px;padding:10px;margin:0;border:1px solid #bbb;
border-radius:8px;background:#fff;font-family:inherit}
input[type=file]{width:100%;font-size:15px}
video{width:100%;border-radius:8px;background:#000;margin:8px 0}img.preview{max-width:100%;max-height:200px;
border-radius:8px;margin-top:8px}
.unit{border-top:1px solid #eee;padding:8px 0;font-size:14px}.unit:first-of-type{border-top:0}
.order{border-top:1px solid #ddd;padding-top:10px;margin-top:10px}
.order:first-of-type{border-top:0;margin-top:0;padding-top:0}
.badge{font-size:13px;padding:2px 8px;border-radius:10px;display:inline-block;margin:2px 0}
.s-open{background:#fff4e5;color:#8a5300}.s-ok{background:#e3f6e8;color:#14672c}.s-no{background:#fdecea;color:#8a1c12}
.s-none{background:#eef1f5;color:#444}.next{font-weight:600;margin:4px 0}
.bal{font-size:28px;font-weight:700;margin:4px 0}
.code{font-family:"DejaVu Sans Mono",monospace;font-size:13px;word-break:break-all}.row{display:flex;
justify-content:space-between;gap:8px}.row>span:last-child{white-space:nowrap}
.scan{font-weight:600;min-height:20px;margin:8px 0}.scan.found{color:#14672c}.scan.refused{color:#8a1c12}
[hidden]{display:none!important}
.plus{color:#14672c;font-weight:600}.req{font-size:14px}.act{white-space:nowrap}
#requests .req:first-of-type{margin-top:0;padding-top:4px}
.notice{margin:0 0 12px}footer{font-size:12px;color:#666;text-align:center;margin:4px 0 16px}
"""
_CSS_HASH = base64.b64encode(hashlib.sha256(_CSS.encode("utf-8")).digest()).decode()
SCRIPT_PATH = "/static/buyer-return.js"
# the buyer's pages: scripts and requests only to this site, the camera only here. Referrer-Policy
# same-origin, not no-referrer: the page URL (the capability) never goes to another site either way
# (the pages load and link nothing from elsewhere), but under no-referrer a browser sends "Origin:
# null" with the form POST, and the Origin check could not tell this site's form from another's.
PAGE_HEADERS = {
    "Content-Security-Policy": f"default-src 'self'; script-src 'self'; style-src 'sha256-{_CSS_HASH}'; "
                               "img-src 'self' blob:; media-src 'self' blob: mediastream:; connect-src 'self'; "
                               "object-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(self), microphone=(), geolocation=()",
}
JSON_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "Cache-Control": "no-store"}
MAX_FORM_BYTES = 2 * p.MAX_PHOTO_BYTES + 64 * 1024  # a defect photo, a photo of the code, the fields
DECODE_PER_MINUTE = 240  # camera frames every 400 ms are 150 a minute
RETURNS_PER_HOUR = 20  # return form submissions (refused ones too) per buyer page
MISSES_PER_MINUTE = 30  # unknown page tokens per client address

STATUS = {"pending_seller": ("待卖家处理 Pending", "s-open"), "approved": ("已同意 Approved", "s-ok"),
          "rejected": ("已拒绝 Rejected", "s-no")}
NEXT = {
    "waiting": "等待卖家处理 · Waiting for the seller",
    "hand_in": "已同意：请将商品交到任一门店 · Approved: hand the item in at any store",
    "refunded_to_balance_hand_in": "已退款到您的余额，请将商品交到任一门店 · Refunded to your balance; "
                                   "hand the item in at any store",
    "refunded_to_balance": "已退款到您的余额 · Refunded to your balance",
    "done": "已同意，在门店退款 · Approved: refunded at the store",
}
ERRORS_ZH = {
    "unknown_item": "不是您已付款订单中的商品码", "item_code_required": "请扫描、输入或拍摄商品码",
    "no_code_in_photo": "照片中没有找到您的商品码", "outside_return_window": "已超过商家的退货期限",
    "photo_required": "该商家需要缺陷照片", "already_refunded": "该商品已退款", "request_open": "该商品已有退货申请",
    "order_not_paid": "订单尚未付款", "bad_reason": "请选择退货原因", "not_an_image": "照片无法读取",
    "photo_too_large": "照片太大", "photo_too_many_pixels": "照片像素太多", "unsupported_photo_type": "照片格式不支持",
    "empty_photo": "照片文件是空的",
}
MESSAGES = {  # the script's texts ({code}: the item code read)
    "starting": "正在打开相机… Opening the camera…",
    "scanning": "请将商品码对准相机 · Hold the item code in front of the camera",
    "found": "已读取商品码 Item code read: {code}",
    "other": "读到的码不是您订单中的商品 · The code read is not one of your items",
    "none": "照片中没有找到商品码 · No item code found in the photo",
    "reading": "正在读取照片… Reading the photo…",
    "nocam": "无法使用相机，请输入或上传商品码 · No camera: type the code or upload a photo of it",
    "error": "读取失败，请重试 · Could not read it; try again",
}


def _page(title: str, body: str, status: int = 200, *, script: bool = False,
          headers: dict | None = None) -> HTMLResponse:
    tag = f'<script src="{SCRIPT_PATH}" defer></script>' if script else ""
    html = (f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width,initial-scale=1">'
            f'<title>{escape(title)}</title>'
            f"<style>{_CSS}</style>{tag}</head><body><main>{body}</main></body></html>")
    return HTMLResponse(html, status_code=status, headers=PAGE_HEADERS | (headers or {}))


def _message_page(title: str, text: str, status: int, link: str | None = None, headers: dict | None = None):
    back = f'<p><a href="{escape(link)}">返回 Back</a></p>' if link else ""
    return _page(title, f'<div class="card"><h1>{escape(title)}</h1><p>{escape(text)}</p>{back}</div>', status,
                 headers=headers)


def _not_found() -> HTMLResponse:
    return _message_page("页面不存在 Page not found", "这个链接无效。请打开付款通知邮件或短信中的链接。 "
                         "This link is not valid: open the link in your payment e-mail or SMS.", 404)


def _json(body: dict, status: int = 200, headers: dict | None = None) -> JSONResponse:
    return JSONResponse(body, status_code=status, headers=JSON_HEADERS | (headers or {}))


# ---------------------------------------------------------------------------- rendering


def _state_of_unit(u: dict, returnable: bool) -> tuple[str, str]:
    if u["refund_state"] == "refunded":
        return "退货已同意 Return approved", "s-ok"
    if u["refund_state"] == "open":
        return "退货审核中 Return pending", "s-open"
    if returnable:
        return "可退货 Returnable", "s-none"
    return "退货期已过 Return window over", "s-none"


def _balance_html(view: dict) -> str:
    amounts = view["balances"] or {"CNY": 0}
    parts = ['<div class="card" id="balance"><h2>平台余额 Balance on the platform</h2>']
    parts += [f'<div class="bal" data-currency="{escape(c)}">{escape(format_money(v, c))}</div>' for c, v in amounts.items()]
    if view["ledger"]:
        parts.append('<table id="ledger">')
        for e in view["ledger"]:
            what = "退货退款 Return refund" if e["kind"] == "refund_request" else "重复付款退回 Double payment returned"
            note = f' · {escape(e["note"])}' if e["note"] else ""
            parts.append(f'<tr><td>{escape(_local(e["created_at"]))}<br><span class="muted">{what}{note}</span></td>'
                         f'<td class="r plus">{"+" if e["amount_minor"] > 0 else ""}'
                         f'{escape(format_money(e["amount_minor"], e["currency"]))}</td></tr>')
        parts.append("</table>")
    else:
        parts.append('<p class="muted">暂无记录 No movements yet.</p>')
    parts.append("</div>")
    return "".join(parts)


def _request_html(q: dict) -> str:
    label, css = STATUS.get(q["status"], (q["status"], "s-none"))
    step = q["next_step"]
    if step == "rejected":
        next_text = f'已拒绝：{q["note"] or "卖家未说明"} · Rejected: {q["note"] or "no reason given"}'
    else:
        next_text = NEXT.get(step, "")
    origin = "手机提交 Filed on the phone" if q["origin"] == "buyer" else "门店受理 Filed at a store"
    note = (f'<div class="muted">卖家备注 Seller\'s note: {escape(q["note"])}</div>'
            if q["note"] and step != "rejected" else "")
    return (f'<div class="req unit" id="req-{escape(q["request_id"])}" data-status="{escape(q["status"])}" '
            f'data-next="{escape(step)}"><div class="row">'
            f'<span>{escape(q["merchant"])} · {escape(q["order_no"])}</span>'
            f'<span>{escape(format_money(q["amount_minor"], q["currency"]))}</span></div>'
            f'<div class="code">{escape(", ".join(q["item_codes"]))}</div>'
            f'<div class="muted">{escape(q["reason"])}</div>'
            f'<span class="badge {css}">{label}</span> <span class="muted">{origin} · {escape(_local(q["created_at"]))}'
            f'</span><div class="next">{escape(next_text)}</div>{note}</div>')


def _orders_html(token: str, view: dict) -> str:
    parts = ['<div class="card" id="orders"><h2>已付款订单 Paid orders</h2>']
    if not view["orders"]:
        parts.append('<p class="muted">暂无 None yet.</p>')
    for o in view["orders"]:
        via = "在线支付 Paid online" if o["paid_via"] == "online" else "门店付款 Paid at a store"
        until = (f'可退货至 Returns until {escape(_local(o["return_until"]))}' if o["returnable"]
                 else "退货期已过 Return window over")
        parts.append(f'<div class="order" id="order-{escape(o["order_no"])}"><div class="row">'
                     f'<span><b>{escape(o["merchant"])}</b> · {escape(o["order_no"])}</span>'
                     f'<span>{escape(format_money(o["total_minor"], o["currency"]))}</span></div>'
                     f'<div class="muted">{via} · {escape(_local(o["paid_at"]))} · {until}</div>')
        for u in o["units"]:
            label, css = _state_of_unit(u, o["returnable"])
            link = ""
            if u["refund_state"] == "none" and o["returnable"]:
                link = (f' · <a class="act" href="/my/{escape(token)}/return?item={escape(u["item_code"])}">'
                        "退货 Return</a>")
            parts.append(f'<div class="unit" data-item="{escape(u["item_code"])}"><div class="row">'
                         f'<span>{escape(u["name"])}</span><span>{escape(format_money(u["unit_price_minor"], o["currency"]))}'
                         f'</span></div><span class="code">{escape(u["item_code"])}</span> '
                         f'<span class="badge {css}">{label}</span>{link}</div>')
        parts.append("</div>")
    parts.append("</div>")
    return "".join(parts)


def buyer_page_html(token: str, name: str, view: dict, filed: str | None) -> str:
    parts = [f'<div class="card"><div class="muted">买家 Buyer</div><h1>{escape(name)}</h1>'
             '<p class="muted">这是您的专属链接，请勿转发。 This link is yours alone: do not share it.</p>'
             f'<a class="btn" id="start-return" href="/my/{escape(token)}/return">申请退货 · Return a faulty item</a>'
             "</div>"]
    new = next((q for q in view["requests"] if q["request_id"] == filed), None) if filed else None
    if new is not None:
        parts.append(f'<div class="banner paid notice" id="filed" role="status">退货申请已提交 Return '
                     f'request filed · {escape(NEXT.get(new["next_step"], ""))}</div>')
    parts.append(_balance_html(view))
    parts.append('<div class="card" id="requests"><h2>退货申请 Return requests</h2>')
    parts.append("".join(_request_html(q) for q in view["requests"]) or '<p class="muted">暂无 None yet.</p>')
    parts.append("</div>")
    parts.append(_orders_html(token, view))
    parts.append("<footer>时间均为北京时间 Times are Beijing time (UTC+8)</footer>")
    return "".join(parts)


def return_form_html(token: str, csrf: str, *, item_code: str = "", reason: str = "defective", details: str = "",
                     error: tuple[str, str] | None = None) -> str:
    t = escape(token)
    data = " ".join(f'data-msg-{k}="{escape(v)}"' for k, v in MESSAGES.items())
    options = "".join(f'<option value="{k}"{" selected" if k == reason else ""}>{escape(zh)} {escape(en)}</option>'
                      for k, (zh, en) in br.REASONS.items())
    banner = ""
    if error is not None:
        code, message = error
        zh = ERRORS_ZH.get(code, "无法提交")
        banner = (f'<p class="banner expired" role="alert" id="error" data-error="{escape(code)}">{escape(zh)} · '
                  f'{escape(message)}</p><p class="muted">如已选择照片，请重新选择。 Choose the photos again if you '
                  "had chosen any.</p>")
    return (
        f'<div class="card"><a href="/my/{t}">← 返回 Back</a><h1>申请退货 Return a faulty item</h1>'
        '<p class="muted">商品码印在小票上每件商品旁。 The item code is printed on your receipt, one per unit.</p>'
        f"{banner}</div>"
        f'<form id="return-form" class="card" method="post" action="/my/{t}/return" enctype="multipart/form-data" '
        f'data-decode="/my/{t}/decode" {data}>'
        f'<input type="hidden" name="csrf_token" value="{escape(csrf)}">'
        "<h2>1. 商品码 Item code</h2>"
        '<button type="button" class="btn" id="scan">用相机扫码 · Scan with the camera</button>'
        '<video id="camera" playsinline muted hidden></video>'
        '<button type="button" class="btn secondary" id="stop-scan" hidden>关闭相机 · Stop the camera</button>'
        '<p id="scan-status" class="scan" role="status" aria-live="polite"></p>'
        '<label for="item_code">或输入商品码 Or type the code</label>'
        f'<input type="text" id="item_code" name="item_code" maxlength="{br.MAX_CODE_LENGTH}" autocomplete="off" '
        f'autocapitalize="characters" spellcheck="false" value="{escape(item_code)}">'
        '<label for="code_photo">或上传商品码照片 Or upload a photo of the code</label>'
        '<input type="file" id="code_photo" name="code_photo" accept="image/*">'
        "<h2 class=\"order\">2. 缺陷照片 Photo of the defect</h2>"
        '<input type="file" id="photo" name="photo" accept="image/*" capture="environment">'
        '<img id="photo-preview" class="preview" alt="缺陷照片预览 preview of the photo" hidden>'
        '<p class="muted">部分商家必须有照片才能处理。 Some sellers need a photo to decide.</p>'
        "<h2 class=\"order\">3. 原因 Reason</h2>"
        f'<label for="reason">退货原因 Reason</label><select id="reason" name="reason">{options}</select>'
        '<label for="details">说明（可选） Details (optional)</label>'
        f'<textarea id="details" name="details" rows="3" maxlength="{br.MAX_DETAILS}">{escape(details)}</textarea>'
        '<button type="submit" class="btn" id="submit">提交退货申请 · Submit the return</button>'
        "</form>")


# ------------------------------------------------------------------------------ routes


def _field(form, name: str, limit: int) -> str:
    value = form.get(name)
    return value[:limit] if isinstance(value, str) else ""


async def _file_bytes(form, name: str) -> bytes | None:
    """The bytes of an uploaded file field (at most one more than MAX_PHOTO_BYTES), or None when
    no file was chosen."""
    value = form.get(name)
    if not isinstance(value, UploadFile) or not value.filename:
        return None
    data = await value.read(p.MAX_PHOTO_BYTES + 1)
    return data or None


def _ctype(value: Any) -> str:
    return (getattr(value, "content_type", None) or "").split(";")[0].strip().lower()


def build_router() -> APIRouter:
    r = APIRouter(include_in_schema=False)
    decode_limit = br.RateLimit(DECODE_PER_MINUTE, timedelta(minutes=1))
    return_limit = br.RateLimit(RETURNS_PER_HOUR, timedelta(hours=1))
    misses = br.RateLimit(MISSES_PER_MINUTE, timedelta(minutes=1))

    def now(request: Request):
        return request.app.state.clock.now()

    def form_key(request: Request) -> str:
        return request.app.state.credentials.get_or_create("buyer_form_key")

    def lookup(request: Request, token: str):
        """(buyer row or None, seconds to wait when this address guessed too many tokens)."""
        address = request.client.host if request.client else "?"
        wait = misses.blocked(address, now(request))
        if wait:
            return None, wait
        with request.app.state.engine.begin() as conn:
            buyer = buyers.buyer_by_token(conn, token)
        if buyer is None:
            misses.hit(address, now(request))
        return buyer, None

    def from_here(request: Request) -> bool:
        allowed = auth.own_origins(request.url.scheme, request.headers.get("host"), request.app.state.base_url)
        return auth.same_origin(request.headers.get("origin"), request.headers.get("referer"), allowed)

    def too_many(wait: int) -> HTMLResponse:
        return _message_page("请稍后再试 Try again later", f"请求太多，请 {wait} 秒后再试。 Too many requests from "
                             f"here: try again in {wait} s.", 429, headers={"Retry-After": str(wait)})

    @r.get(SCRIPT_PATH)
    def script():
        return Response(SCRIPT, media_type="text/javascript; charset=utf-8",
                        headers={"X-Content-Type-Options": "nosniff", "Cache-Control": "no-cache"})

    @r.get("/my/{token}")
    def buyer_page(token: str, request: Request, filed: str | None = None):
        buyer, wait = lookup(request, token)
        if wait:
            return too_many(wait)
        if buyer is None:
            return _not_found()
        with request.app.state.engine.begin() as conn:
            view = br.overview(conn, buyer.id, now(request))
        return _page(f"我的订单与退货 {buyer.name}", buyer_page_html(token, buyer.name, view, filed))

    @r.get("/my/{token}/return")
    def return_page(token: str, request: Request, item: str = ""):
        buyer, wait = lookup(request, token)
        if wait:
            return too_many(wait)
        if buyer is None:
            return _not_found()
        csrf = br.form_token(form_key(request), token, now(request))
        return _page("申请退货 Return", return_form_html(token, csrf, item_code=item[:br.MAX_CODE_LENGTH]),
                     script=True)

    @r.post("/my/{token}/decode")
    async def decode(token: str, request: Request):
        buyer, wait = await run_in_threadpool(lookup, request, token)
        if wait:
            return _json({"error": "too_many_requests", "message": f"try again in {wait} s"}, 429,
                         {"Retry-After": str(wait)})
        if buyer is None:
            return _json({"error": "unknown_page", "message": "no such buyer page"}, 404)
        if not from_here(request):
            return _json({"error": "bad_origin", "message": "send this from the buyer's page on this site"}, 403)
        if not br.form_token_ok(form_key(request), token, request.headers.get("x-csrf-token"), now(request)):
            return _json({"error": "bad_form_token", "message": "the page has expired: reload it"}, 403)
        wait = decode_limit.hit(token, now(request))
        if wait:
            return _json({"error": "too_many_requests", "message": f"try again in {wait} s"}, 429,
                         {"Retry-After": str(wait)})
        length = request.headers.get("content-length", "")
        if length.isdigit() and int(length) > p.MAX_PHOTO_BYTES:
            return _json({"error": "photo_too_large", "message": f"at most {p.MAX_PHOTO_BYTES} bytes"}, 413)
        body, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > p.MAX_PHOTO_BYTES:
                return _json({"error": "photo_too_large", "message": f"at most {p.MAX_PHOTO_BYTES} bytes"}, 413)
            body.append(chunk)
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()

        def work() -> dict:
            codes = br.read_codes(photos.reencode(b"".join(body), ctype))
            with request.app.state.engine.begin() as conn:
                matches = br.own_units(conn, buyer.id, codes)
            return {"codes_read": len(codes), "matches": matches, "other_codes": len(codes) - len(matches)}

        try:
            return _json(await run_in_threadpool(work))
        except p.ApiError as exc:
            return _json(exc.body(), exc.status)

    @r.post("/my/{token}/return")
    async def submit_return(token: str, request: Request):
        buyer, wait = await run_in_threadpool(lookup, request, token)
        if wait:
            return too_many(wait)
        if buyer is None:
            return _not_found()
        back = f"/my/{token}/return"
        if not from_here(request):
            return _message_page("请求被拒绝 Request refused", "这个表单不是从本站页面提交的。 This form was not sent "
                                 "from this site's own page: open your buyer page and try again.", 403, back)
        wait = return_limit.hit(token, now(request))
        if wait:
            return too_many(wait)
        length = request.headers.get("content-length", "")
        if not length.isdigit():
            return _message_page("请求无效 Bad request", "缺少请求长度。 The form came without a length "
                                 "(Content-Length): send it from the page.", 411, back)
        if int(length) > MAX_FORM_BYTES:
            return _message_page("文件太大 Too large", f"照片太大（最多 {p.MAX_PHOTO_BYTES // 1024 // 1024} MB）。 "
                                 f"The photos are too large: at most {p.MAX_PHOTO_BYTES // 1024 // 1024} MB each.",
                                 413, back)
        try:
            form = await request.form(max_files=2, max_fields=8, max_part_size=4096)
        except StarletteHTTPException as exc:
            return _message_page("请求无效 Bad request", f"表单无法读取。 The form could not be read: {exc.detail}",
                                 400, back)
        try:
            if not br.form_token_ok(form_key(request), token, _field(form, "csrf_token", 100), now(request)):
                return _message_page("页面已过期 Page expired", "请重新打开退货页面再提交。 The form has expired or "
                                     "was not this page's: reload the return page and send it again.", 403, back)
            fields = {"item_code": _field(form, "item_code", 100), "reason": _field(form, "reason", 40),
                      "details": _field(form, "details", br.MAX_DETAILS + 100)}
            photo = await _file_bytes(form, "photo")
            photo_type = _ctype(form.get("photo"))
            code_photo = await _file_bytes(form, "code_photo")
            code_type = _ctype(form.get("code_photo"))
        finally:
            await form.close()

        def work():
            try:
                clean = [photos.reencode(photo, photo_type)] if photo is not None else []
                code = fields["item_code"].strip()
                if not code and code_photo is not None:
                    found = br.read_codes(photos.reencode(code_photo, code_type))
                    with request.app.state.engine.begin() as conn:
                        matches = br.own_units(conn, buyer.id, found)
                    if not matches:
                        raise p.ApiError(422, "no_code_in_photo", "no item code of your orders was found in the "
                                         "photo of the code: take it again closer, or type the code")
                    code = fields["item_code"] = matches[0]["item_code"]
                with request.app.state.engine.begin() as conn:
                    view = br.file_return(conn, buyer.id, code, fields["reason"], fields["details"], clean,
                                          now(request), request.app.state.policy)
                return view, None
            except p.ApiError as exc:
                return None, exc

        view, refused = await run_in_threadpool(work)
        if refused is None:
            return RedirectResponse(f"/my/{token}?filed={view['request_id']}", status_code=303,
                                    headers={"Cache-Control": "no-store", "Referrer-Policy": "same-origin"})
        csrf = br.form_token(form_key(request), token, now(request))
        body = return_form_html(token, csrf, item_code=fields["item_code"][:br.MAX_CODE_LENGTH],
                                reason=fields["reason"] if fields["reason"] in br.REASONS else "defective",
                                details=fields["details"][:br.MAX_DETAILS], error=(refused.code, refused.message))
        return _page("申请退货 Return", body, refused.status, script=True)

    return r
