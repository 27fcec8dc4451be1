"""The `pos-terminal` command as a person runs it: real processes, real files, real exit codes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[2]
EXE = [sys.executable, "-m", "pos_terminal"]


def run(*args, data_dir: Path | None = None, input: str | None = None, timeout: int = 120, env_extra=None):
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    if data_dir is not None:
        env["POS_TERMINAL_DATA_DIR"] = str(data_dir)
    env.update(env_extra or {})
    return subprocess.run([*EXE, *args], capture_output=True, text=True, input=input, timeout=timeout, env=env, cwd=ROOT)


def test_help_lists_the_subcommands():
    r = run("--help")
    assert r.returncode == 0
    for sub in ("demo", "run", "config", "version", "user", "db"):
        assert sub in r.stdout


def test_version():
    from pos_terminal import __version__

    r = run("version")
    assert (r.returncode, r.stdout.strip()) == (0, f"pos-terminal {__version__}")


def test_config_check_accepts_an_example_and_summarises_it():
    r = run("config", "check", "config/examples/counter-serial-scanner.toml")
    assert r.returncode == 0, r.stderr
    assert "valid" in r.stdout and "serial /dev/ttyACM0 9600 8N1" in r.stdout and "58 mm" in r.stdout


def test_config_check_json():
    r = run("config", "check", "config/examples/counter-webcam.toml", "--json")
    data = json.loads(r.stdout)
    assert data["valid"] and data["settings"]["scanner"]["kind"] == "camera"


def test_config_check_reports_file_key_value_and_allowed_with_exit_2(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[printer]\npaper_width_mm = 72\n[scanner.serial]\nbaud = 9601\n")
    r = run("config", "check", str(bad))
    assert r.returncode == 2 and r.stdout == ""
    assert f"pos-terminal: {bad}: printer.paper_width_mm = 72: Input should be 58 or 80" in r.stderr
    assert "scanner.serial.baud = 9601" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize(
    "content, expected",
    [
        (None, "no such file"),
        ("[printer\n", "not valid TOML"),
        ("[terminal]\nterminal_id = ''\n", "terminal.terminal_id = ''"),
    ],
)
def test_run_with_a_bad_settings_file_says_why_and_exits_2(tmp_path, content, expected):
    path = tmp_path / "settings.toml"
    if content is not None:
        path.write_text(content)
    r = run("run", "--config", str(path), data_dir=tmp_path / "data")
    assert r.returncode == 2 and expected in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "data" / "pos-terminal.sqlite3").exists()  # nothing half-made


def test_unreachable_database_is_one_clear_message(tmp_path):
    cfg = tmp_path / "settings.toml"
    cfg.write_text('[database]\nurl = "postgresql+psycopg://pos@127.0.0.1:9/store"\nbusy_timeout_ms = 2000\n')
    r = run("db", "status", "--config", str(cfg), data_dir=tmp_path / "data")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "cannot reach postgresql+psycopg://pos@127.0.0.1:9/store" in r.stderr
    assert "Check that the server runs" in r.stderr


def test_user_add_list_and_sign_in_data_in_the_database(tmp_path):
    data = tmp_path / "data"
    r = run("user", "add", "2001", "--role", "manager", "--name", "赵敏", "--pin-stdin", input="4826\n", data_dir=data)
    assert r.returncode == 0, r.stderr
    r = run("user", "list", "--json", data_dir=data)
    assert {"username": "2001", "name": "赵敏", "role": "manager"} in json.loads(r.stdout)
    r = run("user", "add", "2002", "--role", "cashier", "--pin-stdin", input="1111\n", data_dir=data)
    assert r.returncode == 2 and "one repeated digit" in r.stderr
    r = run("user", "add", "2001", "--role", "cashier", "--pin-stdin", input="3579\n", data_dir=data)
    assert r.returncode == 2 and "exists already" in r.stderr


def test_db_status_reports_schema_and_backlog(tmp_path):
    r = run("db", "status", "--demo", "--json", data_dir=tmp_path / "data")
    assert r.returncode == 0, r.stderr
    info = json.loads(r.stdout)
    assert info["schema"] == info["head"] and info["outbox_pending"] == 0
    assert info["database"].endswith("demo/pos-terminal.sqlite3")


def _mount_tmpfs(path: Path, options: str) -> None:
    path.mkdir(parents=True, exist_ok=True)
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)], capture_output=True, text=True)
    if r.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {r.stderr.strip()}")


def test_read_only_data_folder(tmp_path):
    mnt = tmp_path / "ro"
    _mount_tmpfs(mnt, "ro,size=1m")
    try:
        r = run("db", "status", "--demo", data_dir=mnt)
    finally:
        subprocess.run(["umount", str(mnt)], check=False)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert f"the data folder {mnt}/demo" in r.stderr or f"the data folder {mnt}" in r.stderr
    assert "read-only" in r.stderr


def test_full_data_folder(tmp_path):
    mnt = tmp_path / "full"
    _mount_tmpfs(mnt, "size=256k")
    try:
        (mnt / "demo").mkdir()
        fd = os.open(mnt / "filler", os.O_WRONLY | os.O_CREAT)
        try:
            while True:
                os.write(fd, b"\0" * 4096)
        except OSError:
            pass
        finally:
            os.close(fd)
        r = run("db", "status", "--demo", data_dir=mnt)
    finally:
        subprocess.run(["umount", str(mnt)], check=False)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "full disk" in r.stderr


def test_disk_full_during_a_sale_saves_nothing_and_says_so(terminal):
    """SQLite's own 'database or disk is full' error, provoked with max_page_count, goes
    through the real commit path."""
    from pos_terminal.domain.errors import StorageError
    from pos_terminal.services import sales, users
    from tests.sale_helpers import open_shift, sell_cash, terminal_checkout

    cashier = users.sign_in(terminal.uow(), terminal.hasher, terminal.clock, terminal.lockout, username="1001", pin="1357")
    open_shift(terminal.day_context(), cashier)

    @sa.event.listens_for(terminal.engine, "connect")
    def _cap(dbapi_conn, _rec):
        page_count = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count={page_count}")

    terminal.engine.dispose()  # new connections get the cap
    big = sales.OrderSpec("FULL-1", "m1", "Shop", "CNY",
                          tuple(sales.LineSpec(i, f"s{i}", "x" * 190, 100, 1, (f"F-{i}-" + "y" * 50,)) for i in range(1, 200)))
    with pytest.raises(StorageError, match="is full; nothing was saved"):
        sell_cash(terminal_checkout(terminal, cashier), big, 10**6)
    sa.event.remove(terminal.engine, "connect", _cap)
    terminal.engine.dispose()
    with terminal.uow() as uow:
        assert uow.sales.paid_for_order("FULL-1") is None and uow.outbox.pending_count() == 0


def test_acknowledged_sales_survive_kill_9(tmp_path):
    """A power cut (SIGKILL) in the middle of a stream of sales: every sale that was
    acknowledged is there after restart, and the receipt numbers have no gap."""
    env = dict(os.environ, POS_TERMINAL_DATA_DIR=str(tmp_path / "data"), PYTHONPATH=str(ROOT))
    acked: list[tuple[int, str]] = []
    for round_no in range(2):
        proc = subprocess.Popen([sys.executable, "-m", "tests.e2e.sale_writer", f"R{round_no}"], stdout=subprocess.PIPE, text=True, env=env,
                                cwd=ROOT)
        assert proc.stdout.readline().strip() == "READY"
        for _ in range(60):
            kind, no, order_no = proc.stdout.readline().split()
            acked.append((int(no), order_no))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'data' / 'demo' / 'pos-terminal.sqlite3'}")
    with engine.connect() as conn:
        rows = dict(conn.execute(sa.text("SELECT receipt_no, order_no FROM sales")).all())
        outbox = conn.execute(sa.text("SELECT count(*) FROM outbox")).scalar()
    engine.dispose()
    for no, order_no in acked:
        assert rows.get(no) == order_no
    assert sorted(rows) == list(range(1, len(rows) + 1))
    assert outbox == len(rows)
