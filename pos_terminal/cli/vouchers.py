"""`pos-terminal voucher inspect`: verify a payment voucher with the cached platform keys."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from pos_terminal.cli.common import EXIT_FOUND, EXIT_OK, _load_settings


def cmd_voucher_inspect(args) -> int:
    """Offline verification against the cached keys; exit 0 valid, 1 not."""
    from config import loader
    from config.credentials import load_credentials
    from pos_terminal.app.container import DATA_DIR_ENV, build_platform, data_paths
    from pos_terminal.clock import SystemClock
    from pos_terminal.storage.files import FileKeyCache
    from sync.keys import KeyStore, keys_file

    text = sys.stdin.read() if args.text == "-" else args.text
    if getattr(args, "data_dir", None):
        os.environ[DATA_DIR_ENV] = str(Path(args.data_dir).resolve())
    settings, _ = _load_settings(args.config)
    paths = data_paths(settings, args.demo)
    if args.demo and args.config is None and paths.settings.exists():
        settings = loader.load(paths.settings)
    if args.demo:  # the demo's second platform (issue 16), as the demo itself knows it
        from pos_terminal.app.demo import demo_settings

        settings = demo_settings(settings)
    clock = SystemClock()
    keys = KeyStore(FileKeyCache(paths.keys), None, clock)
    issuer = _issuer_of(settings, text)  # issue 16: a voucher is checked with its own platform's keys only
    if issuer is not None and not issuer.primary:
        keys = KeyStore(FileKeyCache(paths.keys.with_name(keys_file(issuer.id, False))), None, clock)
    check = keys.verify(text, online=False)
    if issuer is None:
        from pos_terminal.vouchers import VoucherCheck, peek_issuer

        check = VoucherCheck(False, "unknown_issuer", f"this counter does not take payment codes of platform "
                             f"{peek_issuer(text)}; ask the technician to add it (an [[issuers]] entry)")
    elif check.claims is not None and check.claims.issuer is None:
        from dataclasses import replace

        check = replace(check, claims=replace(check.claims, issuer=settings.platform.id))
    refreshed = None
    if check.reason == "unknown_key" and not args.offline and issuer is not None and issuer.primary:
        refreshed, check = _inspect_online(settings, paths, keys, text, load_credentials, build_platform)
    info = check.to_dict()
    info["keys"] = {"cached": keys.ring.kids, "refreshed": refreshed}
    if args.json:
        print(json.dumps(info, ensure_ascii=False))
    else:
        if check.valid:
            print(f"valid voucher for order {info['order_no']}: {info['amount_minor']} {info['currency']} minor units, "
                  f"{info['merchant']['name']} ({info['merchant']['id']}), expires {info['expires_at']}, key {info['kid']}")
        else:
            print(f"not valid: {check.reason}: {check.detail}")
            if info["order_no"]:
                print(f"  order {info['order_no']}, {info['amount_minor']} {info['currency']}, expires {info['expires_at']}")
        if refreshed is False:
            print(f"  (keys could not be refreshed: {keys.last_error})")
    return EXIT_OK if check.valid else EXIT_FOUND


def _issuer_of(settings, text):
    """The config.issuers.Issuer the voucher's "iss" names (none: [platform]); None when unknown here."""
    from config.issuers import issuer_by_id
    from pos_terminal.vouchers import peek_issuer

    return issuer_by_id(settings, peek_issuer(text))


def _inspect_online(settings, paths, keys, text, load_credentials, build_platform):
    """The voucher names a key the cache lacks: ask the platform for its keys once (starting the
    demo's sandbox when the settings say it runs in-process)."""
    from pathlib import Path as _P

    cred_path = _P(settings.platform.credentials_file).expanduser() if settings.platform.credentials_file else paths.credentials
    server = None
    try:
        url = None
        p = settings.platform
        if p.mode == "sandbox" and not p.base_url:
            from sync.sandbox.server import SandboxServer

            paths.root.mkdir(parents=True, exist_ok=True)
            server = SandboxServer("127.0.0.1", 0, f"sqlite:///{paths.sandbox_database}", clock=keys.clock).start()
            url = server.url
        client = build_platform(settings, load_credentials(cred_path), sandbox_url=url, credentials_file=cred_path)
        keys.client = client
        refreshed = keys.refresh() if hasattr(client, "voucher_keys") else False
        return refreshed, keys.verify(text, online=False)
    finally:
        if server is not None:
            server.stop()
