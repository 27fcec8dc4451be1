"""Offline voucher verification (pos_terminal.vouchers) against vouchers minted the platform's
way (sync.sandbox.signing)."""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta, timezone

import pytest

from pos_terminal.storage.files import FileKeyCache
from pos_terminal.vouchers import (
    MAX_VOUCHER_CHARS,
    REASONS,
    KeyRing,
    KeyRingError,
    PublicKey,
    b64url_decode,
    b64url_encode,
    looks_like_voucher,
    verify_voucher,
)
from sync.sandbox.signing import mint_voucher, new_private_key, summarize

NOW = datetime(2026, 11, 22, 2, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def key():
    return new_private_key()


@pytest.fixture(scope="module")
def ring(key):
    return KeyRing([PublicKey("k1", key[1])])


def mint(key, kid="k1", *, summary="乌龙茶 500ml×2、饼干", issued=NOW - timedelta(minutes=1), ttl=timedelta(days=3), **kw):
    claims = dict(voucher_id="v-1", order_no="PO000000001001", merchant_id="m-tea", merchant_name="好物商城",
                  amount_minor=3380, currency="CNY")
    claims.update(kw)
    return mint_voucher(key[0], kid, summary=summary, issued_at=issued, expires_at=issued + ttl, **claims)


def test_valid_voucher_gives_its_claims(key, ring):
    text = mint(key)
    check = verify_voucher(text, ring, NOW)
    assert check.valid and check.reason is None
    c = check.claims
    assert (c.order_no, c.merchant_id, c.merchant_name, c.amount_minor, c.currency) == (
        "PO000000001001", "m-tea", "好物商城", 3380, "CNY")
    assert c.summary == "乌龙茶 500ml×2、饼干" and c.voucher_id == "v-1" and c.kid == "k1"
    assert c.expires_at == (NOW - timedelta(minutes=1) + timedelta(days=3)).replace(microsecond=0)
    assert check.to_dict()["merchant"] == {"id": "m-tea", "name": "好物商城"}
    assert looks_like_voucher(text)


def test_header_is_versioned_jws(key):
    header = json.loads(b64url_decode(mint(key).split(".")[0]))
    assert header == {"alg": "EdDSA", "kid": "k1", "typ": "pos-voucher-v1"}


def test_two_hundred_lines_of_long_chinese_names_fit_in_400_chars(key, ring):
    names = [(f"特级福建安溪铁观音乌龙茶礼盒装第{i}号（限量版）高山云雾有机认证", i % 3 + 1) for i in range(200)]
    text = mint(key, summary=summarize(names), merchant_name="好物商城旗舰店官方自营超级长的商户名称示例有限公司")
    assert len(text) <= MAX_VOUCHER_CHARS
    check = verify_voucher(text, ring, NOW)
    assert check.valid
    assert check.claims.summary.endswith("…") and check.claims.summary.startswith("特级福建安溪")
    assert check.claims.merchant_name.endswith("…") and len(check.claims.merchant_name) == 8
    # raw UTF-8 (3 bytes a character), not \u escapes (6 bytes): the payload carries Chinese as is
    assert "\\u" not in b64url_decode(text.split(".")[1]).decode("utf-8")


def test_summary_uses_the_room_it_has(key):
    short = mint(key, summary="饼干")
    assert len(short) < MAX_VOUCHER_CHARS
    long = mint(key, summary="饼" * 500)
    assert MAX_VOUCHER_CHARS - 4 <= len(long) <= MAX_VOUCHER_CHARS


def test_expired_and_skew(key, ring):
    text = mint(key, ttl=timedelta(hours=1))
    exp = NOW - timedelta(minutes=1) + timedelta(hours=1)
    assert verify_voucher(text, ring, exp - timedelta(seconds=1)).valid
    check = verify_voucher(text, ring, exp)
    assert (check.valid, check.reason) == (False, "expired")
    assert check.claims.order_no == "PO000000001001"  # still says what it was for
    future = mint(key, issued=NOW + timedelta(minutes=3))
    assert verify_voucher(future, ring, NOW).valid  # inside the 5 minute clock-skew allowance
    far = mint(key, issued=NOW + timedelta(minutes=30))
    assert verify_voucher(far, ring, NOW).reason == "not_yet_valid"


def test_unknown_key_and_bad_signature(key, ring):
    other = new_private_key()
    assert verify_voucher(mint(other, kid="k9"), ring, NOW).reason == "unknown_key"
    forged = mint(other, kid="k1")  # a key the platform never had, claiming kid k1
    check = verify_voucher(forged, ring, NOW)
    assert check.reason == "bad_signature" and check.claims is None
    h, p, s = mint(key).split(".")
    payload = json.loads(b64url_decode(p))
    payload["amt"] = 1
    tampered = ".".join([h, b64url_encode(json.dumps(payload, ensure_ascii=False).encode()), s])
    assert verify_voucher(tampered, ring, NOW).reason == "bad_signature"


def test_too_long_and_malformed(key, ring):
    assert verify_voucher("eyJ" + "a" * 500, ring, NOW).reason == "too_long"
    text = mint(key)
    for bad in ["", "abc", "a.b", "a.b.c.d", "PO000000001001", "https://x/o/abc", text.replace(".", "!", 1),
                "eyJhbGciOiJub25lIn0.e30.", text[:-3] + "***"]:
        assert verify_voucher(bad, ring, NOW).reason == "malformed", bad
    h = b64url_encode(json.dumps({"alg": "none", "kid": "k1", "typ": "pos-voucher-v1"}).encode())
    assert verify_voucher(".".join([h] + text.split(".")[1:]), ring, NOW).reason == "malformed"
    h = b64url_encode(json.dumps({"alg": "EdDSA", "kid": "k1", "typ": "pos-voucher-v9"}).encode())
    assert verify_voucher(".".join([h] + text.split(".")[1:]), ring, NOW).reason == "malformed"
    # surrounding whitespace from a scanner's suffix is tolerated
    assert verify_voucher(text + "\r\n", ring, NOW).valid


def test_signed_but_unusable_claims_are_malformed(key, ring):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    h = b64url_encode(json.dumps({"alg": "EdDSA", "kid": "k1", "typ": "pos-voucher-v1"}).encode())
    for payload in [[1], {"vid": "v"}, {"vid": "v", "ono": "o", "mid": "m", "mnm": "n", "amt": 1.5, "cur": "CNY",
                                      "sum": "", "iat": 1, "exp": 2}]:
        p = b64url_encode(json.dumps(payload).encode())
        sig = Ed25519PrivateKey.from_private_bytes(key[0]).sign(f"{h}.{p}".encode())
        check = verify_voucher(f"{h}.{p}.{b64url_encode(sig)}", ring, NOW)
        assert check.reason == "malformed" and check.claims is None


def test_never_raises_on_any_input(key, ring):
    rng = random.Random(7)
    text = mint(key)
    samples = [None, 12, b"\xff\xfe", object(), "\x00", "..", "eyJ.eyJ.eyJ", "é" * 50, "eyJ" + "\ud800" + ".a.b"]
    for _ in range(3000):
        chars = list(text)
        for _ in range(rng.randint(1, 5)):
            chars[rng.randrange(len(chars))] = chr(rng.choice([rng.randrange(32, 127), rng.randrange(0x80, 0x3000)]))
        samples.append("".join(chars))
        samples.append(text[: rng.randrange(len(text))])
    for sample in samples:
        check = verify_voucher(sample, ring, NOW)
        assert check.reason in REASONS or check.valid
        looks_like_voucher(sample)
    assert verify_voucher(text, ring, NOW.replace(tzinfo=None)).valid  # naive "now" taken as UTC


def test_looks_like_voucher():
    assert not looks_like_voucher("PO000000001001")
    assert not looks_like_voucher("https://platform/o/abc")
    assert not looks_like_voucher("eyJhbGciOiJIUzI1NiJ9.e30.abc")  # some other JWT
    assert not looks_like_voucher(None)


def test_keyring_json_round_trip_and_rotation(tmp_path, key):
    k2 = new_private_key()
    ring = KeyRing([PublicKey("k1", key[1])])
    path = tmp_path / "keys" / "voucher-keys.json"
    ring.save(FileKeyCache(path))
    assert KeyRing.load(FileKeyCache(path)).kids == ["k1"]
    assert len(KeyRing.load(FileKeyCache(tmp_path / "missing.json"))) == 0
    fetched = KeyRing.from_jwks({"keys": [PublicKey("k2", k2[1]).to_jwk()]})
    both = KeyRing.load(FileKeyCache(path)).merged(fetched)
    assert both.kids == ["k1", "k2"]
    assert verify_voucher(mint(key), both, NOW).valid and verify_voucher(mint(k2, kid="k2"), both, NOW).valid
    with pytest.raises(KeyRingError):
        KeyRing.from_jwks({"keys": [{"kty": "RSA", "kid": "x"}]})
    (tmp_path / "bad.json").write_text("{nope")
    with pytest.raises(KeyRingError, match="bad.json"):
        KeyRing.load(FileKeyCache(tmp_path / "bad.json"))
