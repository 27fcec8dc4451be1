"""`make bench`: every figure beside a baseline measured in the same run, printed as a table and
written to benchmarks/results.json. Run with QT_QPA_PLATFORM=offscreen (the Makefile sets it)."""

from __future__ import annotations

import json
import os
import platform
import sys
from datetime import datetime, timezone
from pathlib import Path

from benchmarks import decoding, outbox_drain, receipts, refunds, sale_commit, serial_latency, startup, vouchers, wedge_latency
from benchmarks import reports as report_bench
from benchmarks import buyer_email
from benchmarks.goals import MET, NO_GOAL, NOT_MET, judge
from benchmarks import seller_portal
from benchmarks import memory
from benchmarks import clearing as clearing_bench
from benchmarks import settlement as settlement_bench

HERE = Path(__file__).resolve().parent


def main() -> int:
    out_dir = HERE / "out"
    out_dir.mkdir(exist_ok=True)
    rows = []
    rows += startup.run(out_dir)
    rows += sale_commit.run(out_dir)
    rows += decoding.run(out_dir)
    rows += serial_latency.run(out_dir)
    rows += wedge_latency.run(out_dir)
    rows += vouchers.run(out_dir)
    rows += outbox_drain.run(out_dir)
    rows += receipts.run(out_dir)
    rows += isolated("checkout", out_dir)
    rows += refunds.run(out_dir)
    rows += report_bench.run(out_dir)
    rows += buyer_email.run(out_dir)
    rows += seller_portal.run(out_dir)
    rows += settlement_bench.run(out_dir)
    rows += clearing_bench.run(out_dir)
    rows += memory.run(out_dir)
    for r in rows:  # goal and met in results.json too, judged the same way as the table
        r.setdefault("goal", None)
        r["met"] = judge(r)
    result = {
        "measured_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": {"python": sys.version.split()[0], "platform": platform.platform(), "cpus": os.cpu_count()},
        "rows": rows,
    }
    (HERE / "results.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print_table(rows)
    print(f"\nwritten to {HERE / 'results.json'}")
    return 0


def isolated(module: str, out_dir: Path) -> list[dict]:
    """`benchmarks.<module>.run(out_dir)` in a new interpreter: a latency figure of the counter is
    measured in a process that holds a terminal and nothing else, as the counter's does, not in
    one that also holds the threads, sockets and heap the benchmarks before it left behind (their
    garbage collections and leftover threads took the GIL from the scan being timed). Its
    baselines are measured in that same process."""
    import subprocess

    code = ("import json, sys\nfrom pathlib import Path\nfrom benchmarks import " + module + " as m\n"
            "rows = m.run(Path(sys.argv[1]))\nsys.stdout.write('\\nROWS ' + json.dumps(rows) + '\\n')\n")
    done = subprocess.run([sys.executable, "-c", code, str(out_dir)], cwd=HERE.parent, stdout=subprocess.PIPE,
                          text=True, check=True)
    line = next(x for x in reversed(done.stdout.splitlines()) if x.startswith("ROWS "))
    return json.loads(line[len("ROWS "):])


def print_table(rows: list[dict]) -> None:
    """The table, with each figure's goal and whether it is met ("met", "NOT met", "no goal")."""
    headers = ("figure", "measured", "baseline", "baseline is", "ratio", "goal", "met")
    table = []
    for r in rows:
        r.setdefault("goal", None)
        r["met"] = judge(r)  # from the spec, so a row made without stats.row still says "no goal"
        table.append((
            r["figure"],
            r["value_text"],
            r["baseline_text"],
            r["baseline"],
            f"{r['value'] / r['baseline_value']:.2f}x" if r["baseline_value"] else "-",
            r["goal"] or "-",
            r["met"],
        ))
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *table)]
    line = "| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths)) + " |"
    print(line)
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in table:
        print("| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths)) + " |")
    counts = {k: sum(1 for r in rows if r["met"] == k) for k in (MET, NOT_MET, NO_GOAL)}
    print(f"\ngoals: {counts[MET]} met, {counts[NOT_MET]} NOT met, {counts[NO_GOAL]} rows without a goal")

if __name__ == "__main__":
    raise SystemExit(main())
