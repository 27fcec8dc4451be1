import json
import logging

from pos_terminal.logging_setup import configure, redact


def test_card_numbers_are_masked_to_last_four():
    assert redact("paid with 4111 1111 1111 1111 ok") == "paid with [card ****1111] ok"
    assert redact("pan=4111111111111111") == "pan=[card ****1111]"


def test_numbers_that_are_not_cards_stay():
    # order numbers and item codes are long digit runs too; only Luhn-valid card lengths go
    assert redact("order 2026112200012345") == "order 2026112200012345"


def test_track_data_and_vouchers_are_removed():
    assert "4111" not in redact("%B4111111111111111^DOE/JOHN^2812101?")
    assert "=" not in redact(";4111111111111111=28121010000000000000?")
    jws = "eyJhbGciOiJFZERTQSIsImtpZCI6ImsxIn0.eyJvcmRlcl9ubyI6Ik8xIiwiYW1vdW50IjoxfQ.c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJl"
    out = redact(f"scanned {jws}")
    assert jws not in out and "[voucher eyJhbGciOiJF" in out


def test_log_file_is_json_lines_without_secrets(tmp_path):
    path = configure(tmp_path / "logs")
    log = logging.getLogger("test.redaction")
    log.warning("card 4111111111111111 declined", extra={"pin": "1357", "secret": "s3cr3t", "order_no": "O-1"})
    for handler in logging.getLogger().handlers:
        handler.flush()
    lines = path.read_text(encoding="utf-8").strip().splitlines()
    entry = json.loads(lines[-1])
    assert entry["msg"] == "card [card ****1111] declined"
    assert entry["pin"] == "***" and entry["secret"] == "***" and entry["order_no"] == "O-1"
    assert "1357" not in lines[-1] and "s3cr3t" not in lines[-1]
    # detach so other tests do not log into this temporary folder
    for handler in list(logging.getLogger().handlers):
        if getattr(handler, "_pos_terminal", False):
            logging.getLogger().removeHandler(handler)
            handler.close()
