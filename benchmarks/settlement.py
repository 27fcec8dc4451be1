"""The day's settlement statement (issue 16) computed from the terminal's database, beside a bare
SQL aggregate of the same day measured in the same run on the same file.

The data: one terminal (demo settings, SQLite with WAL and synchronous=FULL) with a past business
day of N sales written through the real storage (benchmarks.reports._write_day: the real tender
mix, every tenth split, every seventh offline, a settlement and its outbox message each), plus
REFUNDS refund cases paid out at the counter that day (a third of them split between a bank card
and cash, the rest in cash) and VOIDS voids with money given back (audit entries as the checkout
writes them), and the day closed (its business_days row).

- Statement of a day of N sales: services.statements.compute (every terminal of the store, its
  business-day window, the settlements with their tender amounts and platforms, the refund legs,
  the voids from the audit trail, the double payments known from the outbox, then the domain's
  compute_statement with the contract's per-order commission and the digest), median of REPEATS.
- Baseline: the bare sqlite3 `SELECT kind, COUNT(*), SUM(amount_minor)` of that day's paid sales
  joined to their tenders on the same file (what a GROUP BY alone costs), median of REPEATS.

POS_BENCH_SETTLEMENT_N sets a smaller size for a quick look; the row says which size was measured."""

from __future__ import annotations

import os
import shutil
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from benchmarks.goals import Goal
from benchmarks.stats import median, row

N = int(os.environ.get("POS_BENCH_SETTLEMENT_N", "5000"))
REFUNDS = 250
VOIDS = 100
REPEATS = 7


def _refunds_and_voids(terminal, day_start: datetime, cashier_id: uuid.UUID, n_refunds: int, n_voids: int) -> None:
    """Refund cases paid out at the counter (refund_cases rows as services.refunds leaves them)
    and voids with money given back (audit entries as services.checkout writes them)."""
    from sqlalchemy import insert

    from pos_terminal.services import audit
    from pos_terminal.storage import orm

    ids = terminal.settings.terminal
    with terminal.uow() as uow:
        rows = []
        for i in range(n_refunds):
            at = day_start + timedelta(hours=9, seconds=40 * i)
            amount = 880 + (i * 13) % 700
            split = i % 3 == 0
            legs = ([{"route": "bank_card", "amount_minor": amount - 300, "done": True},
                     {"route": "cash", "amount_minor": 300, "done": True}] if split
                    else [{"route": "cash", "amount_minor": amount, "done": True}])
            rows.append({"id": uuid.uuid4(), "order_no": f"R-{i * 17:08d}", "item_codes": [f"R-{i * 17:08d}-2"],
                         "reason": "defective", "amount_minor": amount, "currency": ids.currency,
                         "requested_by": cashier_id, "terminal_id": ids.terminal_id, "created_at": at,
                         "status": "paid_out", "paid_out_at": at, "paid_out_by": cashier_id,
                         "paid_out_route": "split" if split else "cash", "payout_legs": legs,
                         "cash_out_minor": 300 if split else amount})
        uow.session.execute(insert(orm.refund_cases), rows)
        uow.commit()
    with terminal.uow() as uow:
        for i in range(n_voids):
            at = day_start + timedelta(hours=10, seconds=60 * i)
            audit.record(uow, at=at, terminal_id=ids.terminal_id, action=audit.VOID, user=None,
                         subject=f"V-{i:06d}", details={
                             "order_no": f"V-{i:06d}", "reason": "buyer changed mind", "amount_minor": 500,
                             "currency": ids.currency, "given_back": [{"kind": "cash", "amount_minor": 500}],
                             "ref": uuid.uuid4().hex})
        uow.commit()


def run(out_dir: Path, n: int = N) -> list[dict]:
    from benchmarks.reports import _bare_day_sum, _Clock, _terminal, _write_day
    from pos_terminal.app.facades import App
    from pos_terminal.clock import day_bounds
    from pos_terminal.services import cash, statements

    folder = out_dir / "settlement"
    shutil.rmtree(folder, ignore_errors=True)
    tz = ZoneInfo("Asia/Shanghai")
    day = datetime.now(tz).date() - timedelta(days=1)
    day_start = datetime.combine(day, datetime.min.time(), tzinfo=tz)
    clock = _Clock(day_start + timedelta(hours=7, minutes=30))
    terminal = _terminal(folder, clock)
    try:
        ids = terminal.settings.terminal
        app = App.of(terminal)
        cashier, manager = app.users.sign_in("1001", "1357"), app.users.sign_in("8001", "8642")
        shift = cash.open_shift(terminal.day_context(), user=cashier, opening_float_minor=20000)
        t0 = time.perf_counter()
        _write_day(terminal, uuid.UUID(shift.shift_id), cashier.user_id, n)
        _refunds_and_voids(terminal, day_start, cashier.user_id, REFUNDS, VOIDS)
        write_s = time.perf_counter() - t0
        clock.set(day_start + timedelta(hours=23))
        with terminal.uow() as uow:
            uow.days.add_closed(terminal_id=ids.terminal_id, business_date=day, z_no=uow.days.next_z_no(
                ids.terminal_id), closed_at=clock.now(), closed_by=manager.user_id, report={})
            uow.commit()

        ctx = app.settlement.context()
        platform_id = ctx.platforms[0].id
        runs, st = [], None
        for _ in range(REPEATS):
            t0 = time.perf_counter()
            with ctx.uow() as uow:
                st, _active = statements.compute(uow, ctx, day, platform_id)
            _ = st.digest
            runs.append((time.perf_counter() - t0) * 1000)
        assert st is not None
        sales = sum(1 for m in st.movements if m.kind == "sale")
        assert sales == n, (sales, n)
        start, end = day_bounds(day, ids.timezone)
        bare = []
        for _ in range(REPEATS):
            elapsed, total = _bare_day_sum(terminal.paths.database, ids.terminal_id, start, end)
            bare.append(elapsed)
        assert total == sum(ln.amount_minor for ln in st.lines if ln.code == "collected"), total
    finally:
        terminal.close()
    return [
        row(f"Settlement statement of a day of {n} sales (+{REFUNDS} refunds, {VOIDS} voids), median of {REPEATS}",
            median(runs), median(bare), "ms",
            "bare sqlite3 SELECT kind, COUNT(*), SUM(amount_minor) GROUP BY kind of the day's paid sales joined to "
            "their tenders, same database",
            goal=Goal(max_value=1000.0, text="≤ 1 s (the Settlement page shows it at once)"),
            n=n, refunds=REFUNDS, voids=VOIDS, movements=len(st.movements), net_minor=st.net_minor,
            runs_ms=[round(v, 1) for v in runs], baseline_runs_ms=[round(v, 2) for v in bare],
            day_written_in_s=round(write_s, 1)),
    ]


if __name__ == "__main__":
    import json
    import sys

    out = Path(__file__).resolve().parent / "out"
    out.mkdir(exist_ok=True)
    print(json.dumps(run(out, int(sys.argv[1]) if len(sys.argv) > 1 else N), indent=2, ensure_ascii=False))
