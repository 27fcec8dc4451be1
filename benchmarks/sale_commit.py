"""Commit of one cash sale as the checkout screen makes it: `CheckoutSession.complete` (cash taken,
no printer or drawer configured, so no receipt printing) through `sales.record_sale` and the real
unit of work, on SQLite with WAL and synchronous=FULL.

The baseline is the same work without the Python above the driver: every SQL statement the
production path sent to the driver for a sale (captured with SQLAlchemy's `before_cursor_execute`,
with its parameters exactly as the driver received them) is replayed with plain `sqlite3`, one
transaction per sale (the captured BEGIN IMMEDIATE, the statements, COMMIT), on a copy of the
terminal's database taken before the first sale, in the same folder (same disk), with the same
pragmas (WAL, synchronous=FULL, foreign_keys=ON). Each sale's statements carry that sale's own keys
(order number, item codes, ids, receipt number), so every replayed INSERT is a real insert against
the same schema, indexes and constraints. Sales and replays alternate in blocks of BLOCK, so both
see the same machine (this one is shared) while each commits in a row on its own file as a
terminal does (alternating at every commit slows both fsyncs down and flatters the ratio). The
statements are captured in this run, so the baseline follows whatever the production path
executes today; capturing costs the production side about 1 µs a statement. At the end the two
files must hold the same number of rows in every table, or the benchmark fails."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from pathlib import Path

from benchmarks.goals import Goal
from benchmarks.stats import median, p95, row

N = 1000
WARM_UP = 20  # sales before timing (statement caches, first counter row); replayed untimed too
BLOCK = 50  # sales, then their replays, then the next sales ...


def _terminal(folder: Path):
    from config.schema import Settings
    from pos_terminal.app.container import build_terminal
    from pos_terminal.app.paths import DATA_DIR_ENV
    from pos_terminal.security import ScryptPinHasher

    os.environ[DATA_DIR_ENV] = str(folder)
    return build_terminal(Settings(), demo=True, hasher=ScryptPinHasher(n=2**10), configure_logs=False)


def _sqlite(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    return conn


def replica_of(source: Path, path: Path) -> sqlite3.Connection:
    """A copy of the database `source` as it is now, at `path`, opened as the baseline replays on it."""
    src, dst = sqlite3.connect(source), sqlite3.connect(path)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    return _sqlite(path)


def row_counts(path: Path) -> dict[str, int]:
    """Rows in every table of the SQLite file (a replay must end with the same as what it replays)."""
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                             "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        conn.close()


def check_replayed(source: Path, replica: Path, what: str) -> None:
    """Raises when the replica does not hold the rows `source` holds: the baseline must have done
    the same writes as the production path it stands beside (`what`: "sales")."""
    wrote, replayed = row_counts(source), row_counts(replica)
    if wrote != replayed:
        raise RuntimeError(f"the replay did not write the rows the {what} wrote: {wrote} != {replayed}")


def replay(conn: sqlite3.Connection, statements: list[tuple]) -> float:
    """One transaction's captured statements (BEGIN IMMEDIATE first) and COMMIT; milliseconds
    taken (also the clearing-house import's baseline)."""
    t0 = time.perf_counter()
    try:
        for statement, parameters, many in statements:
            if many:
                conn.executemany(statement, parameters)
            else:
                conn.execute(statement, parameters).fetchall()
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return (time.perf_counter() - t0) * 1000


def run(out_dir: Path) -> list[dict]:
    from sqlalchemy import event

    from pos_terminal.scan_codes import ScanKind
    from pos_terminal.services import cash, sales, users
    from pos_terminal.services.checkout import CheckoutContext, CheckoutSession
    from pos_terminal.services.orders import PaymentTarget

    folder = out_dir / "sale-commit"
    shutil.rmtree(folder, ignore_errors=True)
    terminal = _terminal(folder)
    production = Path(terminal.engine.url.database)
    replica = folder / "replay.sqlite3"
    replica_conn = None
    statements_per_sale: set[int] = set()
    shapes: list[str] = []
    try:
        cashier = users.sign_in(terminal.uow(), terminal.hasher, terminal.clock, terminal.lockout, username="1001", pin="1357")
        cash.open_shift(terminal.day_context(), user=cashier, opening_float_minor=0)
        ids = terminal.settings.terminal
        ctx = CheckoutContext(terminal.uow, terminal.clock, ids.terminal_id, ids.store_id, ids.store_name, ids.timezone,
                              cashier.user_id, cashier.display_name)
        # The baseline's database: this one as it is before the first sale (same schema, users, shift).
        replica_conn = replica_of(production, replica)

        current: list[tuple] = []
        block: list[tuple[int, list[tuple]]] = []  # (sale index, its statements) not replayed yet

        def capture(_conn, _cursor, statement, parameters, _context, executemany):
            current.append((statement, parameters, executemany))
            return statement, parameters  # retval=True: no wrapper call per statement

        def replay_block() -> None:
            for k, statements in block:
                replayed_ms = replay(replica_conn, statements)
                if k >= WARM_UP:
                    bare_ms.append(replayed_ms)
            block.clear()

        event.listen(terminal.engine, "before_cursor_execute", capture, retval=True)
        sale_ms, bare_ms = [], []
        try:
            for i in range(WARM_UP + N):
                no = f"B-{i:05d}"
                spec = sales.OrderSpec(
                    no, "m1", "好物商城", "CNY",
                    (sales.LineSpec(1, "SKU-1", "乌龙茶 500ml", 1250, 2, (f"{no}-1", f"{no}-2")),
                     sales.LineSpec(2, "SKU-2", "饼干", 880, 1, (f"{no}-3",))),
                )
                session = CheckoutSession(PaymentTarget(spec, ScanKind.ORDER_NUMBER, None, False), ctx)
                session.take_cash(5000)  # pure: no I/O
                current = []
                t0 = time.perf_counter()
                done = session.complete()
                elapsed = (time.perf_counter() - t0) * 1000
                if done.sale.receipt_no is None:
                    raise RuntimeError(f"sale {no} was not recorded")
                block.append((i, current))
                if i >= WARM_UP:
                    sale_ms.append(elapsed)
                    statements_per_sale.add(len(current))
                if len(block) == BLOCK or i == WARM_UP - 1 or i == WARM_UP + N - 1:
                    replay_block()
            shapes = sorted({" ".join(st.split()[:3]) + (" (executemany)" if many else "") for st, _, many in current})
        finally:
            event.remove(terminal.engine, "before_cursor_execute", capture)
    finally:
        if replica_conn is not None:
            replica_conn.close()
        terminal.close()

    check_replayed(production, replica, "sales")
    per = "/".join(str(c) for c in sorted(statements_per_sale))
    base = (f"the same {per} statements per sale replayed with plain sqlite3 (one transaction each, fresh keys), "
            f"WAL, synchronous=FULL, same folder")
    extra = {"statements_per_sale": per, "statements": shapes}
    goal = Goal(max_ratio=3)
    return [
        row(f"cash sale commit (CheckoutSession.complete), median of {N}", median(sale_ms), median(bare_ms), "ms",
            base, goal=goal, **extra),
        row(f"cash sale commit (CheckoutSession.complete), p95 of {N}", p95(sale_ms), p95(bare_ms), "ms", base,
            goal=goal, **extra),
    ]


if __name__ == "__main__":
    import json
    import tempfile

    for r in run(Path(tempfile.mkdtemp(prefix="sale-commit-"))):
        print(json.dumps(r, ensure_ascii=False))
