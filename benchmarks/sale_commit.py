"""Commit of one cash sale (sale, tenders, receipt number, settlement, outbox row) on SQLite with
WAL and synchronous=FULL, as the checkout screen makes it: CheckoutSession.complete (cash taken,
no printer or drawer configured), the real unit of work; beside a bare sqlite3 INSERT+COMMIT with
the same pragmas in the same folder (same disk)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from pathlib import Path

from benchmarks.stats import median, p95, row

N = 1000


def _terminal(folder: Path):
    from config.schema import Settings
    from pos_terminal.bootstrap import DATA_DIR_ENV, build_terminal
    from pos_terminal.security import ScryptPinHasher

    os.environ[DATA_DIR_ENV] = str(folder)
    return build_terminal(Settings(), demo=True, hasher=ScryptPinHasher(n=2**10), configure_logs=False)


def run(out_dir: Path) -> list[dict]:
    from pos_terminal.scan_codes import ScanKind
    from pos_terminal.services import cash, sales, users
    from pos_terminal.services.checkout import CheckoutContext, CheckoutSession
    from pos_terminal.services.orders import PaymentTarget

    folder = out_dir / "sale-commit"
    shutil.rmtree(folder, ignore_errors=True)
    terminal = _terminal(folder)
    try:
        cashier = users.sign_in(terminal.uow(), terminal.hasher, terminal.clock, terminal.lockout, username="1001", pin="1357")
        cash.open_shift(terminal.day_context(), user=cashier, opening_float_minor=0)
        ids = terminal.settings.terminal
        ctx = CheckoutContext(terminal.uow, terminal.clock, ids.terminal_id, ids.store_id, ids.store_name, ids.timezone,
                              cashier.user_id, cashier.display_name)
        sale_ms = []
        for i in range(N):
            no = f"B-{i:05d}"
            spec = sales.OrderSpec(
                no, "m1", "好物商城", "CNY",
                (sales.LineSpec(1, "SKU-1", "乌龙茶 500ml", 1250, 2, (f"{no}-1", f"{no}-2")),
                 sales.LineSpec(2, "SKU-2", "饼干", 880, 1, (f"{no}-3",))),
            )
            session = CheckoutSession(PaymentTarget(spec, ScanKind.ORDER_NUMBER, None, False), ctx)
            session.take_cash(5000)  # pure: no I/O
            t0 = time.perf_counter()
            session.complete()
            sale_ms.append((time.perf_counter() - t0) * 1000)
    finally:
        terminal.close()

    conn = sqlite3.connect(folder / "bare.sqlite3", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, order_no TEXT, amount INTEGER)")
    bare_ms = []
    for i in range(N):
        t0 = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO t (order_no, amount) VALUES (?, ?)", (f"B-{i:05d}", 3380))
        conn.execute("COMMIT")
        bare_ms.append((time.perf_counter() - t0) * 1000)
    conn.close()
    base = "bare sqlite3 INSERT+COMMIT, WAL, synchronous=FULL, same disk"
    return [
        row(f"cash sale commit, median of {N}", median(sale_ms), median(bare_ms), "ms", base),
        row(f"cash sale commit, p95 of {N}", p95(sale_ms), p95(bare_ms), "ms", base),
    ]
