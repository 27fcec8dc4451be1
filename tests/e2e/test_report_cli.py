"""`pos-terminal report x|z` as a person runs it: a real process on a demo database holding a day of
sales, its text, JSON, CSV and PDF, the Z closing the day once (and showing the stored one after),
the manager and the PIN a Z needs, and the exit codes."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from pos_terminal.app.facades import App
from pos_terminal.clock import SystemClock
from pos_terminal.domain.model import TenderKind
from pos_terminal.services import audit, cash, sales
from tests.e2e.test_cli import run
from tests.fakes import FakeClock

pytestmark = pytest.mark.clock_sensitive  # run again with the clock moved (tests/conftest.py)

TZ = ZoneInfo("Asia/Shanghai")  # the demo store's time zone


@pytest.fixture
def day(terminal_factory, data_dir):
    """Yesterday (in the store's time zone) on the demo terminal: a shift, three sales, a drop,
    the shift closed. Returns the date as YYYY-MM-DD. "Yesterday" on the system clock, which the
    CLI's process reads too (moved with this session's: tests/moved_clock)."""
    yesterday = SystemClock().now().astimezone(TZ).date() - timedelta(days=1)
    clock = FakeClock(datetime.combine(yesterday, time(10, 0), tzinfo=TZ).astimezone(timezone.utc))
    terminal = terminal_factory(clock=clock)
    ctx = terminal.day_context()
    cashier = App.of(terminal).users.sign_in("1001", "1357")
    cash.open_shift(ctx, user=cashier, counts={5000: 2})
    for i, tenders in enumerate(((TenderKind.CASH, 1250), (TenderKind.BANK_CARD, 3000), (TenderKind.CASH, 880))):
        clock.advance(minutes=25)
        spec = sales.OrderSpec(f"PO-CLI-{i}", "m-tea", "好物商城", "CNY",
                               (sales.LineSpec(1, "TEA", "乌龙茶", tenders[1], 1, (f"PO-CLI-{i}-1",)),))
        sales.record_sale(sales.RecordSale("T01", "demo-store", cashier.user_id, spec,
                                           (sales.TenderSpec(tenders[0], tenders[1]),)), terminal.uow(), clock)
    cash.cash_drop(ctx, user=cashier, amount_minor=1000, reason="safe")
    cash.close_shift(ctx, user=cashier, counts={5000: 2, 1000: 1, 100: 1, 10: 3})  # 111.30 of 111.30
    return yesterday.isoformat(), terminal


def test_x_prints_a_summary_json_and_csv_and_changes_nothing(day, data_dir, tmp_path):
    date, terminal = day
    r = run("report", "x", "--demo", "--date", date, "--csv", str(tmp_path / "x.csv"), data_dir=data_dir)
    assert r.returncode == 0, r.stderr
    assert "X report" in r.stdout and f"business day {date}" in r.stdout and "by cli" in r.stdout
    assert "3 / ¥51.30" in r.stdout and "2 / ¥21.30" in r.stdout  # all sales; the cash ones
    raw = (tmp_path / "x.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert ["sales", "51.30"] in rows and ["expected_cash", "111.30"] in rows and ["over_short", "0.00"] in rows
    r = run("report", "x", "--demo", "--date", date, "--json", data_dir=data_dir)
    data = json.loads(r.stdout)
    assert (data["kind"], data["z_no"], data["sales_count"], data["sales_minor"]) == ("X", None, 3, 5130)
    assert {t["kind"]: t["amount_minor"] for t in data["sales_by_tender"]} == {"cash": 2130, "bank_card": 3000}
    assert (data["drops_minor"], data["counted_cash_minor"]) == (1000, 11_130)
    assert [e.action for e in audit.entries(terminal.uow, "T01")].count("day_close") == 0


def test_z_needs_a_manager_and_closes_the_day_once(day, data_dir, tmp_path):
    date, terminal = day
    r = run("report", "z", "--demo", "--date", date, data_dir=data_dir)
    assert r.returncode == 2 and "--user" in r.stderr and "Traceback" not in r.stderr
    r = run("report", "z", "--demo", "--date", date, "--user", "8001", "--pin-stdin", input="0000\n", data_dir=data_dir)
    assert r.returncode == 2 and "wrong PIN" in r.stderr
    r = run("report", "z", "--demo", "--date", date, "--user", "1001", "--pin-stdin", input="1357\n", data_dir=data_dir)
    assert r.returncode == 2 and "may not close the day" in r.stderr

    r = run("report", "z", "--demo", "--date", date, "--user", "8001", "--pin-stdin", "--json",
            "--pdf", str(tmp_path / "z.pdf"), "--print", input="8642\n", data_dir=data_dir)
    assert r.returncode == 0, r.stderr
    first = json.loads(r.stdout)
    assert (first["kind"], first["z_no"], first["generated_by"], first["sales_minor"]) == ("Z", 1, "8001", 5130)
    assert (first["expected_cash_minor"], first["counted_cash_minor"], first["over_short_minor"]) == (11_130, 11_130, 0)
    assert (first["first_receipt_no"], first["last_receipt_no"]) == (1, 3)
    assert (tmp_path / "z.pdf").read_bytes().startswith(b"%PDF")
    closes = [e for e in audit.entries(terminal.uow, "T01") if e.action == "day_close"]
    assert len(closes) == 1 and closes[0].details["z_no"] == 1 and closes[0].username == "8001"

    r = run("report", "z", "--demo", "--date", date, "--user", "8001", "--pin-stdin", "--json", input="8642\n",
            data_dir=data_dir)
    assert r.returncode == 0 and "closed already (Z 1)" in r.stderr
    assert json.loads(r.stdout) == first  # the stored report, as it was
    assert [e.action for e in audit.entries(terminal.uow, "T01")].count("day_close") == 1


def test_bad_input_exits_2(day, data_dir):
    date, _ = day
    # the day after tomorrow (of the fixture's "yesterday"): not begun even if midnight passes meanwhile
    later = (datetime.strptime(date, "%Y-%m-%d") + timedelta(days=3)).date().isoformat()
    for args, says in ((("--date", "2026-02-30"), "not a date"), (("--date", later), "has not begun")):
        r = run("report", "x", "--demo", *args, data_dir=data_dir)
        assert r.returncode == 2 and says in r.stderr and "Traceback" not in r.stderr, r.stderr
    r = run("report", "q", "--demo", data_dir=data_dir)
    assert r.returncode == 2
