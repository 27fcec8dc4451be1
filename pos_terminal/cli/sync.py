"""`pos-terminal sync`: the outbox of settlements (status, run once, retry)."""

from __future__ import annotations

import json

from pos_terminal.cli.common import EXIT_FOUND, EXIT_OK, CliError, _err, _maintenance_terminal


def _state_dict(state, platform) -> dict:
    return {
        "pending": state.pending,
        "oldest_age_s": None if state.oldest_age_s is None else round(state.oldest_age_s, 1),
        "last_error": state.last_error,
        "last_success_at": state.last_success_at.isoformat() if state.last_success_at else None,
        "attention": state.attention,
        "platform": {"online": platform.online, "detail": platform.detail},
    }


def cmd_sync_status(args) -> int:
    """Exit 0 when nothing waits, 1 when something is pending or needs attention."""
    from pos_terminal.app.facades import App

    with _maintenance_terminal(args) as terminal:
        status = App.of(terminal).status
        state = status.sync()
        with terminal.uow() as uow:
            attention = [{"seq": m.seq, "order_no": m.payload.get("order_no"), "attempts": m.attempts,
                          "error": m.last_error, "set_aside_at": m.dead_at.isoformat()} for m in uow.outbox.attention()]
        info = _state_dict(state, status.platform())
    info["needs_attention"] = attention
    if args.json:
        print(json.dumps(info, ensure_ascii=False))
    else:
        p = info["platform"]
        print(f"platform        {'online' if p['online'] else 'offline'}: {p['detail']}")
        print(f"pending         {state.pending}" + (f" (oldest waiting {int(state.oldest_age_s)} s)" if state.oldest_age_s else ""))
        print(f"last sent       {info['last_success_at'] or 'never'}")
        print(f"last error      {state.last_error or '-'}")
        print(f"needs attention {state.attention}")
        for row in attention:
            print(f"  #{row['seq']} order {row['order_no']}: {row['error']}")
        if attention:
            print("  (fix the cause, then `pos-terminal sync retry --all`; the day's batch report lists them too)")
    return EXIT_OK if state.pending == 0 and state.attention == 0 else EXIT_FOUND


def cmd_sync_run(args) -> int:
    """Drains the outbox once: exit 0 when everything was sent, 1 when something is left."""
    from pos_terminal.app.demo import start_demo_platform
    from sync.outbox_worker import OutboxWorker

    with _maintenance_terminal(args) as terminal:
        start_demo_platform(terminal)  # the in-process sandbox, when the settings say so
        worker = OutboxWorker(terminal.uow, terminal.outbox_client(), terminal.clock)  # each row to its platform
        result = worker.drain_once(force=True)
    outcomes = ", ".join(f"{k} {v}" for k, v in sorted(result.outcomes.items()))
    line = f"sent {result.sent}" + (f" ({outcomes})" if outcomes else "") + f"; pending {result.left}; " \
           f"needs attention {result.attention}"
    if args.json:
        print(json.dumps({"sent": result.sent, "pending": result.left, "attention": result.attention,
                          "set_aside": result.set_aside, "outcomes": result.outcomes, "reason": result.blocked_by}))
    else:
        print(line)
    if not result.complete:
        if result.left:
            _err(f"{result.left} settlement(s) not sent: {result.blocked_by or 'stopped'}")
        if result.attention:
            _err(f"{result.attention} settlement(s) refused by the platform need attention: see `pos-terminal sync status`")
        return EXIT_FOUND
    return EXIT_OK


def cmd_sync_retry(args) -> int:
    from sync.outbox_worker import requeue

    if not args.all and not args.seq:
        raise CliError("name the rows to retry (their # in `pos-terminal sync status`) or pass --all")
    with _maintenance_terminal(args) as terminal:
        count = requeue(terminal.uow, None if args.all else args.seq)
    print(f"{count} settlement(s) back in the queue; `pos-terminal sync run` sends them")
    return EXIT_OK
