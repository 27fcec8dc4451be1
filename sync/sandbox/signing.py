"""The platform's side of vouchers: Ed25519 signing keys and minting. Private keys live here
(the sandbox's database), never on a terminal."""

from __future__ import annotations

import math
from datetime import datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

from pos_terminal.vouchers import ALG, MAX_VOUCHER_CHARS, VOUCHER_TYP, b64url_encode, claims_payload, compact_json

ELLIPSIS = "…"
MAX_MERCHANT_NAME = 8
_SIGNATURE_CHARS = 86  # 64 bytes in base64url without padding


def new_private_key() -> tuple[bytes, bytes]:
    """(private raw 32 bytes, public raw 32 bytes)."""
    key = Ed25519PrivateKey.generate()
    return (
        key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption()),
        key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw),
    )


def summarize(lines: list[tuple[str, int]]) -> str:
    """'乌龙茶 500ml×2、饼干' from (name, quantity) pairs, in order."""
    return "、".join(f"{name}×{qty}" if qty != 1 else name for name, qty in lines)


def _shorten(text: str, max_chars: int) -> str:
    return text if len(text) <= max_chars else text[: max_chars - 1] + ELLIPSIS


def mint_voucher(
    private_raw: bytes,
    kid: str,
    *,
    voucher_id: str,
    order_no: str,
    merchant_id: str,
    merchant_name: str,
    amount_minor: int,
    currency: str,
    summary: str,
    issued_at: datetime,
    expires_at: datetime,
    issuer: str | None = None,
) -> str:
    """A signed voucher of at most MAX_VOUCHER_CHARS characters: the item summary (and a
    merchant name over MAX_MERCHANT_NAME characters) is cut with an ellipsis to fit. Raises
    ValueError when even an empty summary does not fit (ids far too long). `issuer`: the signing
    platform's id, the "iss" claim (issue 16; none: a voucher of the counter's own [platform])."""
    header = b64url_encode(compact_json({"alg": ALG, "kid": kid, "typ": VOUCHER_TYP}))
    budget_chars = MAX_VOUCHER_CHARS - len(header) - 2 - _SIGNATURE_CHARS
    budget_bytes = (budget_chars * 3) // 4

    def payload(s: str) -> bytes:
        return compact_json(
            claims_payload(
                voucher_id=voucher_id, order_no=order_no, merchant_id=merchant_id,
                merchant_name=_shorten(merchant_name, MAX_MERCHANT_NAME), amount_minor=amount_minor,
                currency=currency, summary=s, issued_at=issued_at, expires_at=expires_at, issuer=issuer,
            )
        )

    body = payload(summary)
    if len(body) > budget_bytes:
        lo, hi = 0, len(summary)  # longest prefix length that fits, with the ellipsis
        if len(payload(ELLIPSIS)) > budget_bytes:
            raise ValueError(f"voucher for {order_no}: the claims alone exceed {MAX_VOUCHER_CHARS} characters")
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if len(payload(summary[:mid].rstrip() + ELLIPSIS)) <= budget_bytes:
                lo = mid
            else:
                hi = mid - 1
        body = payload(summary[:lo].rstrip() + ELLIPSIS)
    signing_input = header + "." + b64url_encode(body)
    signature = Ed25519PrivateKey.from_private_bytes(private_raw).sign(signing_input.encode("ascii"))
    text = signing_input + "." + b64url_encode(signature)
    assert len(text) <= MAX_VOUCHER_CHARS, (len(text), math.ceil(len(body) * 4 / 3))
    return text
