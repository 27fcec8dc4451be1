"""`pos-terminal audit`: verify the hash chains, list the newest entries."""

from __future__ import annotations

import json

from pos_terminal.cli.common import EXIT_FOUND, EXIT_OK, CliError, _err, _maintenance_terminal


def cmd_audit_verify(args) -> int:
    """Exit 0 when every chain checked is whole (and every --anchor is in it), 1 when not."""
    from pos_terminal.services import audit, reports

    with _maintenance_terminal(args) as terminal:
        # the hashes printed on the Z reports stored here count as anchors too
        anchors = list(dict.fromkeys([*(args.anchor or ()), *reports.audit_anchors(terminal.uow, args.terminal)]))
        result = audit.verify(terminal.uow, args.terminal, anchors=anchors)
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False))
        return EXIT_OK if result.ok else EXIT_FOUND
    if not result.chains:
        print("no audit entries" + (f" for terminal {args.terminal}" if args.terminal else ""))
    for chain in result.chains:
        if chain.ok:
            print(f"terminal {chain.terminal_id}: whole, {chain.rows} entries (last seq {chain.last_seq}, "
                  f"hash {chain.last_hash})")
            continue
        first = chain.first
        print(f"terminal {chain.terminal_id}: BROKEN at seq {first.seq} ({first.kind}), {chain.rows} entries checked")
        for b in chain.breaks[:20]:
            print(f"  {b.kind}: {b.detail}")
        if len(chain.breaks) > 20:
            print(f"  ... and {len(chain.breaks) - 20} more")
    for missing in result.anchors_missing:
        print(f"anchor {missing} is in no chain: entries up to it were cut off (or it is from another database)")
    if not result.ok:
        _err("the audit trail is not whole: see above")
        return EXIT_FOUND
    return EXIT_OK


def cmd_audit_list(args) -> int:
    from pos_terminal.services import audit

    if args.limit < 1:
        raise CliError("--limit must be at least 1")
    with _maintenance_terminal(args) as terminal:
        terminal_id = None if args.all_terminals else (args.terminal or terminal.settings.terminal.terminal_id)
        rows = audit.entries(terminal.uow, terminal_id, limit=args.limit)
    if args.json:
        print(json.dumps([e.to_dict() for e in rows], ensure_ascii=False))
        return EXIT_OK
    if not rows:
        print("no audit entries")
    for e in rows:
        who = e.username or "-"
        details = json.dumps(e.details, ensure_ascii=False, sort_keys=True) if e.details else ""
        print(f"#{e.seq} {e.at.isoformat(timespec='seconds')} {e.terminal_id} {who} {e.action} {e.outcome}"
              + (f" {e.subject}" if e.subject else "") + (f" {details}" if details else ""))
    return EXIT_OK
