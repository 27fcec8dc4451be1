"""`pos-terminal sandbox`: the reference platform in the foreground, with its sellers' sign-in,
the buyer's message channels and (--standins) the merchants' webhook receiver."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from pos_terminal.cli.common import EXIT_OK, CliError


def cmd_sandbox(args) -> int:
    from pos_terminal.clock import SystemClock
    from sync.sandbox.server import serve

    from sync.sandbox.issuer import PlatformIdError, check_platform_id

    try:
        check_platform_id(args.platform_id)
    except PlatformIdError as exc:
        raise CliError(str(exc)) from None
    print(f"Sandbox platform {args.platform_id!r} on http://{args.host}:{args.port} (database: {args.db or 'temporary'}). "
          "Stop with Ctrl+C.", flush=True)
    smtp, sms, standins = _buyer_message_channels(args)
    credentials_file, scratch = _sandbox_sellers(args)
    receiver = _webhook_receiver(args, credentials_file) if args.standins else None
    standins += [receiver] if receiver is not None else []
    try:
        serve(args.host, args.port, args.db, clock=SystemClock(), smtp=smtp, sms=sms, credentials_file=credentials_file,
              webhook_receiver=receiver.base_url if receiver is not None else None, platform_id=args.platform_id)
    finally:
        for standin in standins:
            standin.stop()
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
    return EXIT_OK


def _sandbox_sellers(args) -> tuple[Path, Path | None]:
    """Prints how to sign in to the seller portal of `pos-terminal sandbox`: the seeded sellers'
    passwords, made at random in the sandbox's credentials file (beside a SQLite --db; for a
    temporary or PostgreSQL sandbox a scratch file that goes at exit, the accounts then take the
    new passwords at the next start). Returns (the file, the scratch folder to remove or None)."""
    import tempfile

    from sync.sandbox.credentials import FILE_NAME, CredentialsFileError, SandboxCredentials, default_path
    from sync.sandbox.seed import SELLERS

    path = default_path(args.db, None) if args.db else None
    scratch = None
    if path is None:
        scratch = Path(tempfile.mkdtemp(prefix="pos-sandbox-"))
        path = scratch / FILE_NAME
    try:
        creds = SandboxCredentials(path)
        logins = ", or ".join(f"{user} / {creds.get_or_create(f'seller_password_{user}')} ({merchant})"
                              for user, merchant in SELLERS.items())
    except (CredentialsFileError, OSError) as exc:
        raise CliError(f"the sandbox's credentials file: {exc}") from None
    print(f"Seller portal: http://{args.host}:{args.port}/seller  sign in as {logins} (kept in {path})", flush=True)
    return path, scratch


def _webhook_receiver(args, credentials_file: Path):
    """With --standins: a loopback receiver of every merchant's webhooks (FOLDER/webhooks), that
    checks each with the merchant's secret from the sandbox's credentials file."""
    from pos_terminal.clock import SystemClock
    from sync.sandbox.credentials import SandboxCredentials
    from sync.sandbox.webhook_receiver import WebhookReceiver

    receiver = WebhookReceiver(Path(args.standins).expanduser().resolve() / "webhooks",
                               lambda mid: SandboxCredentials(credentials_file).get(f"webhook_secret_{mid}"),
                               SystemClock()).start()
    print(f"Merchant webhooks: signed POSTs to {receiver.base_url}/<merchant id> land, verified, in {receiver.path}",
          flush=True)
    return receiver


def _buyer_message_channels(args):
    """Where `pos-terminal sandbox` sends the buyer's e-mails and SMS: --standins FOLDER starts
    the loopback SMTP server and SMS gateway stand-in; otherwise --smtp-host/--sms-url (the
    gateway's token from POS_SANDBOX_SMS_TOKEN, never the command line). Neither: the messages
    wait in the platform's outbox."""
    from sync.sandbox.notify import SmsSettings, SmtpSettings

    smtp = sms = None
    standins = []
    if args.standins:
        from sync.sandbox.mailbox import Mailbox
        from sync.sandbox.sms import SmsStandIn

        folder = Path(args.standins).expanduser().resolve()
        box = Mailbox(folder / "mail", port=args.smtp_port or 0).start()
        gateway = SmsStandIn(folder / "sms").start()
        standins = [box, gateway]
        smtp, sms = SmtpSettings("127.0.0.1", box.port), SmsSettings(gateway.url)
        print(f"Buyer messages: e-mails (SMTP 127.0.0.1:{box.port}) land in {box.folder} as .eml files, "
              f"SMS (gateway {gateway.url}) in {gateway.folder} as .json files", flush=True)
    if args.smtp_host:
        smtp = SmtpSettings(args.smtp_host, args.smtp_port or 25, starttls=args.smtp_starttls,
                            **({"sender": args.mail_from} if args.mail_from else {}))
    if args.sms_url:
        sms = SmsSettings(args.sms_url, token=os.environ.get("POS_SANDBOX_SMS_TOKEN") or None)
    return smtp, sms, standins
