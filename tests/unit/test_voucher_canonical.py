"""Issue 11, section 6: a voucher is accepted only in the one encoding the platform produces.

Base64url that decodes to the same bytes from several texts (non-zero unused bits in the last
character, '=' padding, whitespace) and JSON whose meaning depends on the reader (a member twice,
NaN, UTF-16) are refused with a reason the counter already shows (pos_terminal.services.orders
maps every REASONS code to a cashier's text)."""

from __future__ import annotations

import json
import string
from datetime import datetime, timedelta, timezone

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from pos_terminal.services.orders import _VOUCHER_TEXT as VOUCHER_MESSAGES  # the cashier texts by reason
from pos_terminal.vouchers import (
    REASONS,
    KeyRing,
    PublicKey,
    b64url_decode,
    b64url_encode,
    strict_json,
    verify_voucher,
)
from sync.sandbox.signing import mint_voucher, new_private_key

# Verification takes `now` as an argument: this is the instant the vouchers below are checked at.
NOW = datetime(2026, 11, 22, 2, 0, tzinfo=timezone.utc)
B64URL_ALPHABET = string.ascii_letters + string.digits + "-_"


@pytest.fixture(scope="module")
def key():
    return new_private_key()


@pytest.fixture(scope="module")
def ring(key):
    return KeyRing([PublicKey("k1", key[1])])


@pytest.fixture(scope="module")
def voucher(key):
    return mint_voucher(key[0], "k1", voucher_id="v-1", order_no="PO000000001001", merchant_id="m-tea",
                        merchant_name="好物商城", amount_minor=3380, currency="CNY", summary="乌龙茶 500ml×2",
                        issued_at=NOW - timedelta(minutes=1), expires_at=NOW + timedelta(days=3))


def _signed(key, header: bytes, payload: bytes) -> str:
    h, p = b64url_encode(header), b64url_encode(payload)
    sig = Ed25519PrivateKey.from_private_bytes(key[0]).sign(f"{h}.{p}".encode())
    return f"{h}.{p}.{b64url_encode(sig)}"


HEADER = b'{"alg":"EdDSA","kid":"k1","typ":"pos-voucher-v1"}'


def _payload(**extra) -> dict:
    claims = {"vid": "v-1", "ono": "PO000000001001", "mid": "m-tea", "mnm": "shop", "amt": 3380, "cur": "CNY",
              "sum": "", "iat": int((NOW - timedelta(minutes=1)).timestamp()),
              "exp": int((NOW + timedelta(days=1)).timestamp())}
    claims.update(extra)
    return claims


def test_the_genuine_voucher_verifies(voucher, ring):
    assert verify_voucher(voucher, ring, NOW).valid


def test_a_changed_last_signature_character_is_refused(voucher, ring):
    """86 characters carry 516 bits for a 512-bit signature: 4 unused bits. Today any of the 15
    other characters that differ only there decode to the same signature and verify."""
    h, p, s = voucher.split(".")
    same_bytes = [c for c in B64URL_ALPHABET if c != s[-1] and b64url_encode(b64url_decode_loose(s[:-1] + c)) == s]
    assert same_bytes, "the test needs characters that differ only in the unused bits"
    for c in same_bytes:
        check = verify_voucher(f"{h}.{p}.{s[:-1]}{c}", ring, NOW)
        assert not check.valid and check.reason == "bad_signature", c


def b64url_decode_loose(text: str) -> bytes:
    import base64

    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def test_every_single_character_change_of_a_genuine_voucher_is_refused(voucher, ring):
    """Property, checked exhaustively: whatever one character of the voucher is replaced with
    (any base64url character, a separator, padding, whitespace, a look-alike), it no longer
    verifies, and the refusal is one the counter knows how to show."""
    replacements = B64URL_ALPHABET + ".=+/ \t\n\x00é０"
    tried = 0
    for i, original in enumerate(voucher):
        for c in replacements:
            if c == original:
                continue
            changed = voucher[:i] + c + voucher[i + 1:]
            check = verify_voucher(changed, ring, NOW)
            assert not check.valid, (i, original, c)
            assert check.reason in REASONS and check.reason in VOUCHER_MESSAGES, (i, c, check.reason)
            tried += 1
    assert tried > len(voucher) * 60


@pytest.mark.parametrize("where", [0, 1, 2])
def test_padding_and_inner_whitespace_are_refused(voucher, ring, where):
    parts = voucher.split(".")
    for bad in (parts[where] + "=", parts[where] + "==", parts[where][:5] + " " + parts[where][5:],
                parts[where][:5] + "\n" + parts[where][5:]):
        changed = ".".join(parts[:where] + [bad] + parts[where + 1:])
        check = verify_voucher(changed, ring, NOW)
        assert not check.valid and check.reason in ("malformed", "bad_signature"), repr(bad)


def test_a_duplicate_payload_member_is_malformed_even_when_signed(key, ring):
    """{"amt":1,...,"amt":3380}: one reader sees 1, another 3380. Signed or not, it is refused."""
    body = json.dumps(_payload(), separators=(",", ":"))
    payload = ('{"amt":1,' + body[1:]).encode()
    assert json.loads(payload)["amt"] == 3380
    check = verify_voucher(_signed(key, HEADER, payload), ring, NOW)
    assert not check.valid and check.reason == "malformed" and "duplicate" in check.detail


def test_a_duplicate_header_member_is_malformed(key, ring):
    header = b'{"alg":"none","alg":"EdDSA","kid":"k1","typ":"pos-voucher-v1"}'
    payload = json.dumps(_payload()).encode()
    check = verify_voucher(_signed(key, header, payload), ring, NOW)
    assert not check.valid and check.reason == "malformed" and "duplicate" in check.detail


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_malformed(key, ring, constant):
    body = json.dumps(_payload(), separators=(",", ":"))
    payload = (body[:-1] + f',"x":{constant}}}').encode()
    check = verify_voucher(_signed(key, HEADER, payload), ring, NOW)
    assert not check.valid and check.reason == "malformed"


def test_a_payload_not_in_utf8_is_refused():
    """json.loads(bytes) guesses UTF-16 or UTF-32 and accepts it; a JWS is UTF-8 (RFC 7515)."""
    claims = _payload()
    for encoding in ("utf-16-le", "utf-16", "utf-32"):
        payload = json.dumps(claims).encode(encoding)
        assert json.loads(payload) == claims  # what a lenient reader takes
        with pytest.raises(ValueError):
            strict_json(payload)


def test_a_non_object_payload_is_malformed(key, ring):
    for payload in (b"[1,2]", b'"text"', b"3380", b"null"):
        check = verify_voucher(_signed(key, HEADER, payload), ring, NOW)
        assert not check.valid and check.reason == "malformed", payload


def test_b64url_decode_accepts_only_the_canonical_text():
    assert b64url_decode("QQ") == b"A"
    for bad in ("QR", "QQ==", "QQ=", "Q Q", "QQ\n", "Q+", "Q/", "Q", ""):
        with pytest.raises(ValueError):
            b64url_decode(bad)


def test_strict_json_refuses_what_readers_could_read_differently():
    assert strict_json(b'{"a":1}') == {"a": 1}
    for bad in (b'{"a":1,"a":2}', b'{"a":{"b":1,"b":1}}', b'{"a":NaN}', b"[1]", b"\xff{}", b'{"a":1'):
        with pytest.raises(ValueError):
            strict_json(bad)


def test_the_key_cache_file_never_hangs_or_crashes_the_first_scan(tmp_path):
    """sync.keys reads the cache on the first scan and treats KeyRingError as an empty cache
    (refreshed from the platform). A FIFO there blocked that scan forever; deep JSON or bytes
    that are not UTF-8 raised past it."""
    import os

    from pos_terminal.storage.files import FileKeyCache
    from pos_terminal.vouchers import KeyRingError

    fifo = tmp_path / "keys-fifo.json"
    os.mkfifo(fifo)
    loop = tmp_path / "keys-loop.json"
    os.symlink(loop.name, loop)
    deep = tmp_path / "keys-deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    latin = tmp_path / "keys-latin.json"
    latin.write_bytes(b'{"keys": ["\xff"]}')
    big = tmp_path / "keys-big.json"
    big.write_bytes(b" " * (2 * 1024 * 1024) + b'{"keys": []}')
    for path in (fifo, loop, deep, latin, big, tmp_path):
        with pytest.raises(KeyRingError) as e:
            KeyRing.load(FileKeyCache(path))
        assert str(path) in str(e.value)
    assert len(KeyRing.load(FileKeyCache(tmp_path / "absent.json"))) == 0
