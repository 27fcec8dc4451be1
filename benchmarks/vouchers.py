"""Offline voucher verification (pos_terminal.vouchers.verify_voucher: parse, key lookup,
Ed25519 verify, claims, time checks), beside the bare Ed25519 verify call of cryptography on the
same signing input and signature, in the same run."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from benchmarks.stats import median, p95, row

N = 5000


def run(out_dir: Path) -> list[dict]:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    from pos_terminal.vouchers import KeyRing, PublicKey, b64url_decode, verify_voucher
    from sync.sandbox.signing import mint_voucher, new_private_key, summarize

    private_raw, public_raw = new_private_key()
    now = datetime.now(timezone.utc)
    text = mint_voucher(private_raw, "K0001", voucher_id="bench-v1", order_no="PO000000001001", merchant_id="m-tea",
                        merchant_name="好物商城", amount_minor=3380, currency="CNY",
                        summary=summarize([("乌龙茶 500ml", 2), ("饼干", 1)] * 20), issued_at=now,
                        expires_at=now + timedelta(days=3))
    ring = KeyRing([PublicKey("K0001", public_raw)])
    head, payload, sig = text.split(".")
    message, signature = f"{head}.{payload}".encode("ascii"), b64url_decode(sig)
    bare_key = Ed25519PublicKey.from_public_bytes(public_raw)
    assert verify_voucher(text, ring, now).valid

    full_us, bare_us = [], []
    for _ in range(200):  # warm-up
        verify_voucher(text, ring, now)
        bare_key.verify(signature, message)
    for _ in range(N):  # interleaved, so that both see the same machine state
        t0 = time.perf_counter()
        verify_voucher(text, ring, now)
        t1 = time.perf_counter()
        bare_key.verify(signature, message)
        t2 = time.perf_counter()
        full_us.append((t1 - t0) * 1e6)
        bare_us.append((t2 - t1) * 1e6)
    base = "bare Ed25519 verify (cryptography) of the same signature and message"
    return [
        row(f"voucher verification, median of {N} ({len(text)} chars)", median(full_us), median(bare_us), "us", base),
        row(f"voucher verification, p95 of {N}", p95(full_us), p95(bare_us), "us", base),
    ]
