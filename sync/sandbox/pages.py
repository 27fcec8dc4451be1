"""The sandbox's web pages: the customer page that the SMS or e-mail link opens (the order and
its voucher as a QR). The seller portal (sign-in, refund requests, photos) is sync.sandbox.seller.
Plain HTML with inline CSS: no script, no CDN, UTF-8."""

from __future__ import annotations

from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from pos_terminal.money import format_money
from sync.sandbox import platform as p

DISPLAY_ZONE = ZoneInfo("Asia/Shanghai")

_CSS = """
*{box-sizing:border-box}body{margin:0;font-family:"WenQuanYi Micro Hei","Noto Sans CJK SC",sans-serif;
background:#f4f5f7;color:#1d1d1f}main{max-width:480px;margin:0 auto;padding:16px}
.card{background:#fff;border-radius:12px;padding:16px;margin-bottom:12px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
h1{font-size:20px;margin:0 0 4px}.muted{color:#666;font-size:14px}.amount{font-size:32px;font-weight:700;margin:8px 0}
.qr{background:#fff;padding:0;text-align:center}.qr svg{width:100%;max-width:360px;height:auto;display:block;margin:0 auto}
table{width:100%;border-collapse:collapse;font-size:14px}td{padding:4px 0;vertical-align:top}td.r{text-align:right;white-space:nowrap}
.banner{padding:12px;border-radius:8px;font-weight:600}.paid{background:#e3f6e8;color:#14672c}.expired{background:#fdecea;color:#8a1c12}
.req{border-top:1px solid #ddd;padding-top:12px;margin-top:12px}.req img{max-width:140px;max-height:140px;margin:4px;border-radius:6px}
button{font-size:16px;padding:8px 16px;margin-right:8px;border-radius:8px;border:0}.ok{background:#1a7f37;color:#fff}
.no{background:#c62828;color:#fff}input[type=text]{width:100%;padding:6px;margin:6px 0}
"""


def _page(title: str, body: str) -> HTMLResponse:
    html = (f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width,initial-scale=1">'
            f"<title>{escape(title)}</title><style>{_CSS}</style></head><body><main>{body}</main></body></html>")
    return HTMLResponse(html, headers={"Cache-Control": "no-store"})


def qr_svg(text: str) -> str:
    """The text as a QR code (zxing-cpp's writer, error correction M), as inline SVG: one path,
    one unit per module, with a 4-module quiet zone."""
    import numpy as np
    import zxingcpp

    barcode = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    modules = np.asarray(barcode.to_image(scale=1, add_quiet_zones=True))
    h, w = modules.shape
    runs = []
    for y in range(h):
        row = modules[y] < 128
        x = 0
        while x < w:
            if row[x]:
                start = x
                while x < w and row[x]:
                    x += 1
                runs.append(f"M{start} {y}h{x - start}v1h-{x - start}z")
            else:
                x += 1
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" shape-rendering="crispEdges" '
            f'role="img" aria-label="payment QR"><rect width="{w}" height="{h}" fill="#fff"/>'
            f'<path fill="#000" d="{"".join(runs)}"/></svg>')


def _local(ts: str | None) -> str:
    if not ts:
        return ""
    return datetime.fromisoformat(ts.replace("Z", "+00:00")).astimezone(DISPLAY_ZONE).strftime("%Y-%m-%d %H:%M")


def build_router() -> APIRouter:
    r = APIRouter(include_in_schema=False)

    @r.get("/o/{token}")
    def customer_page(token: str, request: Request):
        now = request.app.state.clock.now()
        with request.app.state.engine.begin() as conn:
            try:
                no = p.find_order_no(conn, url=token)
            except p.ApiError:
                page = _page("订单不存在 Order not found", '<div class="card"><h1>订单不存在</h1>'
                             '<p class="muted">Order not found. Check the link in your message.</p></div>')
                page.status_code = 404
                return page
            o = p.order_view(conn, no, request.app.state.base_url or str(request.base_url), now)
        rows = "".join(
            f"<tr><td>{escape(l['name'])} × {l['quantity']}</td><td class='r'>{format_money(l['amount_minor'], o['currency'])}</td></tr>"
            for l in o["lines"][:30])
        if len(o["lines"]) > 30:
            rows += f"<tr><td class='muted'>… 共 {len(o['lines'])} 项 ({len(o['lines'])} lines)</td><td></td></tr>"
        if o["status"] == "paid":
            code = '<div class="banner paid">已支付 Paid</div>'
        elif o["status"] in ("expired", "cancelled"):
            code = '<div class="banner expired">已过期或已取消 Expired or cancelled</div>'
        else:
            code = (f'<div class="qr" id="voucher-qr">{qr_svg(o["voucher"])}</div>'
                    '<p class="muted">到店出示此码付款 · Show this code at the store counter to pay</p>')
        body = (
            f'<div class="card"><div class="muted">{escape(o["merchant"]["name"])}</div>'
            f'<h1>订单 Order {escape(o["order_no"])}</h1>'
            f'<div class="amount">{format_money(o["total_minor"], o["currency"])}</div>'
            f'<div class="muted">有效期至 Valid until {_local(o["expires_at"])} (UTC+8)</div></div>'
            f'<div class="card">{code}</div>'
            f'<div class="card"><table>{rows}</table></div>'
        )
        return _page(f"订单 {o['order_no']}", body)

    return r
