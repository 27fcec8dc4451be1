"""`pos-terminal clearing-house`: the clearing house (issue 16, route 2) in the foreground, on its
own database, with its own members and their secrets."""

from __future__ import annotations

from pathlib import Path

from pos_terminal.cli.common import EXIT_OK, CliError


def cmd_clearing_house(args) -> int:
    from pos_terminal.clock import SystemClock
    from sync.clearing_house import db as ch_db
    from sync.clearing_house.credentials import ClearingCredentials, CredentialsFileError, default_path
    from sync.clearing_house.server import serve
    from sync.clearing_house.service import published_keys, seed_demo, signing_key

    path = Path(args.credentials) if args.credentials else default_path(args.db)
    if path is None:
        raise CliError(f"the clearing house keeps its members' secrets in a file: with --db {args.db} name one "
                       "with --credentials FILE")
    try:
        creds = ClearingCredentials(path)
        engine = ch_db.make_engine(args.db)
        ch_db.metadata.create_all(engine)
        signing_key(engine, SystemClock().now())
        members = seed_demo(engine, creds) if args.seed_demo else []
        with engine.connect() as conn:
            key = next(k for k in published_keys(conn) if k["state"] == "active")
        engine.dispose()
    except CredentialsFileError as exc:
        raise CliError(f"the clearing house's credentials file: {exc}") from None
    except Exception as exc:  # a database URL that does not open
        raise CliError(f"the clearing house's database {args.db}: {exc}") from None
    print(f"Clearing house on http://{args.host}:{args.port}/api/v1 (database: {args.db}). Stop with Ctrl+C.",
          flush=True)
    if members:
        print("Demo members: " + ", ".join(f"{m} ({kind})" for m, kind in members), flush=True)
    print(f"Members' secrets: {path} (secret_<member id>; send X-Member-Id and Authorization: Bearer <secret>)",
          flush=True)
    print(f"Reports are signed with key {key['kid']}: public_key = \"{key['public_key']}\" "
          "(pin it as [settlement.clearing_house] public_key)", flush=True)
    serve(args.host, args.port, args.db, clock=SystemClock(), credentials_file=path)
    return EXIT_OK


def add_parser(sub) -> None:
    p = sub.add_parser("clearing-house", help="run the clearing house between stores and platforms in the foreground")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, required=True, help="port")
    p.add_argument("--db", metavar="URL", required=True, help="sqlite:///PATH or postgresql+psycopg://...")
    p.add_argument("--credentials", metavar="FILE",
                   help="the members' secrets file (default: clearing-house-credentials.toml beside a SQLite --db)")
    p.add_argument("--seed-demo", action="store_true",
                   help="add the demo's members: stores demo-store, demo-store-2; platforms demo-shop, tea-house")
    p.set_defaults(func=cmd_clearing_house)
