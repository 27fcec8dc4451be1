"""Payment vouchers: the terminal's offline verification.

A voucher is a JWS in compact serialization (RFC 7515) signed with EdDSA over Ed25519
(RFC 8037). The protected header is {"alg":"EdDSA","kid":KID,"typ":"pos-voucher-v1"}; the
payload is compact JSON in UTF-8 (not \\u-escaped: a Chinese character costs 3 bytes raw, 6
escaped) with short claim names:

    vid  voucher id          ono  order number      mid  merchant id     mnm  merchant name
    amt  amount, minor units cur  ISO 4217 code     sum  item summary    iat  issued at (s)
    exp  expires at (s, Unix time)  iss  issuer: the platform's id (optional; issue 16)

A voucher without "iss" belongs to the counter's own [platform]. With several platforms at one
counter (config.issuers), the terminal verifies a voucher with its issuer's keys only: the issuer
is read from the payload before the signature (`peek_issuer`), and since "iss" is signed, a key of
platform A never verifies a voucher that claims platform B.

The whole text is at most MAX_VOUCHER_CHARS characters; the platform shortens the summary (and a
long merchant name) with an ellipsis to stay inside it. Terminals hold public keys only: minting
lives with the platform (sync/sandbox), never here.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from pos_terminal.ports.files import FileUnreadable, KeyCache

MAX_VOUCHER_CHARS = 400
VOUCHER_TYP = "pos-voucher-v1"
ALG = "EdDSA"
DEFAULT_CLOCK_SKEW = timedelta(minutes=5)

# Every reason a voucher is refused; the CLI and the UI translate by these codes.
REASONS = ("expired", "bad_signature", "unknown_key", "malformed", "too_long", "not_yet_valid", "unknown_issuer")

_B64URL = re.compile(r"\A[A-Za-z0-9_-]+\Z")
_KID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")
_ISSUER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")  # config.schema Ident
_MAX_TS = 253402300799  # 9999-12-31T23:59:59Z


def b64url_encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    """Strict base64url without padding; raises ValueError on anything else.

    Only the canonical encoding is accepted (RFC 7515 section 2, RFC 4648 section 3.5): the
    base64url alphabet, no '=', no whitespace, and the unused bits of the last character zero.
    Otherwise several texts decode to the same bytes, and a voucher whose signature's last
    character was changed would still verify."""
    if not isinstance(text, str) or not _B64URL.fullmatch(text) or len(text) % 4 == 1:
        raise ValueError("not base64url")
    try:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as exc:
        raise ValueError("not base64url") from exc
    if b64url_encode(data) != text:
        raise ValueError("not canonical base64url (the unused bits of the last character are not zero)")
    return data


def _refuse_duplicates(pairs: list[tuple[str, object]]) -> dict:
    obj: dict = {}
    for key, value in pairs:
        if key in obj:
            raise ValueError(f"duplicate member {key!r}")
        obj[key] = value
    return obj


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not JSON")


def strict_json(data: bytes) -> dict:
    """A JWS header or payload: UTF-8 JSON, one object, no member twice (RFC 7515 section 5.2:
    otherwise two readers may see different claims), no NaN or Infinity. Raises ValueError."""
    text = data.decode("utf-8")  # UnicodeDecodeError is a ValueError; json would guess UTF-16/32 from bytes
    obj = json.loads(text, object_pairs_hook=_refuse_duplicates, parse_constant=_refuse_constant)
    if not isinstance(obj, dict):
        raise ValueError("not a JSON object")
    return obj


def compact_json(obj) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


# ----------------------------------------------------------------------------------- keys


@dataclass(frozen=True)
class PublicKey:
    kid: str
    raw: bytes  # the 32-byte Ed25519 public key
    not_after: datetime | None = None  # the platform stops publishing it then (informative)

    def to_jwk(self) -> dict:
        jwk = {"kty": "OKP", "crv": "Ed25519", "alg": ALG, "use": "sig", "kid": self.kid, "x": b64url_encode(self.raw)}
        if self.not_after is not None:
            jwk["not_after"] = self.not_after.astimezone(timezone.utc).isoformat()
        return jwk


class KeyRingError(ValueError):
    """A key set that cannot be used (names the key and what is wrong)."""


class KeyRing:
    """The platform's voucher public keys by kid, as last fetched (a JWK set, RFC 7517/8037)."""

    def __init__(self, keys: list[PublicKey] | None = None) -> None:
        self._keys: dict[str, PublicKey] = {}
        self._verifiers: dict[str, Ed25519PublicKey] = {}
        for key in keys or []:
            self.add(key)

    def add(self, key: PublicKey) -> None:
        if not _KID.match(key.kid):
            raise KeyRingError(f"key id {key.kid!r} is not 1-64 letters, digits, '.', '_' or '-'")
        if len(key.raw) != 32:
            raise KeyRingError(f"key {key.kid}: an Ed25519 public key has 32 bytes, got {len(key.raw)}")
        self._keys[key.kid] = key
        self._verifiers[key.kid] = Ed25519PublicKey.from_public_bytes(key.raw)

    def get(self, kid: str) -> Ed25519PublicKey | None:
        return self._verifiers.get(kid)

    @property
    def kids(self) -> list[str]:
        return sorted(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, kid: object) -> bool:
        return kid in self._keys

    @classmethod
    def from_jwks(cls, doc: dict) -> KeyRing:
        """Reads {"keys": [JWK, ...]}; refuses keys that are not Ed25519 signing keys."""
        if not isinstance(doc, dict) or not isinstance(doc.get("keys"), list):
            raise KeyRingError('a key set is a JSON object {"keys": [...]}')
        ring = cls()
        for i, jwk in enumerate(doc["keys"]):
            if not isinstance(jwk, dict):
                raise KeyRingError(f"keys[{i}] is not an object")
            kid = jwk.get("kid")
            if jwk.get("kty") != "OKP" or jwk.get("crv") != "Ed25519":
                raise KeyRingError(f"keys[{i}] ({kid}): only kty OKP / crv Ed25519 keys are accepted")
            if not isinstance(kid, str) or not isinstance(jwk.get("x"), str):
                raise KeyRingError(f"keys[{i}]: needs string members kid and x")
            try:
                raw = b64url_decode(jwk["x"])
            except ValueError:
                raise KeyRingError(f"keys[{i}] ({kid}): x is not base64url") from None
            not_after = None
            if isinstance(jwk.get("not_after"), str):
                try:
                    not_after = datetime.fromisoformat(jwk["not_after"])
                except ValueError:
                    not_after = None
            ring.add(PublicKey(kid, raw, not_after))
        return ring

    def to_jwks(self) -> dict:
        return {"keys": [self._keys[k].to_jwk() for k in self.kids]}

    def to_json(self) -> str:
        return json.dumps(self.to_jwks(), indent=2, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> KeyRing:
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as exc:
            raise KeyRingError(f"the key set is not JSON: {exc}") from None
        except RecursionError:
            raise KeyRingError("the key set is nested too deeply to be a key set") from None
        return cls.from_jwks(doc)

    @classmethod
    def load(cls, cache: KeyCache) -> KeyRing:
        """The terminal's cached key set (pos_terminal.storage.files.FileKeyCache: keys.json);
        nothing cached is an empty ring. An unusable cache is a KeyRingError naming it."""
        try:
            text = cache.read()
        except FileUnreadable as exc:
            raise KeyRingError(exc.message) from None
        if text is None:
            return cls()
        try:
            return cls.from_json(text)
        except KeyRingError as exc:
            raise KeyRingError(f"{cache.location}: {exc}") from None

    def save(self, cache: KeyCache) -> None:
        """Replaces the cache whole (atomically: a crash leaves the old cache whole)."""
        cache.write(self.to_json() + "\n")

    def merged(self, newer: KeyRing) -> KeyRing:
        """This ring with the keys of `newer` added (a fetched set wins for a kid in both)."""
        ring = KeyRing(list(self._keys.values()))
        for kid in newer.kids:
            ring.add(newer._keys[kid])
        return ring


# ------------------------------------------------------------------------------ verifying


@dataclass(frozen=True)
class VoucherClaims:
    voucher_id: str
    order_no: str
    merchant_id: str
    merchant_name: str
    amount_minor: int
    currency: str
    summary: str
    issued_at: datetime
    expires_at: datetime
    kid: str
    issuer: str | None = None  # the "iss" claim; None: the counter's own [platform]


@dataclass(frozen=True)
class VoucherCheck:
    """The outcome of a verification. `claims` is set only when the signature verified (an
    expired or not-yet-valid voucher still shows what it was for); `reason` is one of REASONS
    when not valid, None when valid; `detail` is English text for logs and technicians."""

    valid: bool
    reason: str | None
    detail: str = ""
    claims: VoucherClaims | None = None
    kid: str | None = field(default=None)

    def _claim(self, name: str):
        return getattr(self.claims, name) if self.claims else None

    @property
    def order_no(self) -> str | None:
        return self._claim("order_no")

    @property
    def amount_minor(self) -> int | None:
        return self._claim("amount_minor")

    @property
    def currency(self) -> str | None:
        return self._claim("currency")

    @property
    def expires_at(self) -> datetime | None:
        return self._claim("expires_at")

    def to_dict(self) -> dict:
        """What `pos-terminal voucher inspect --json` prints."""
        c = self.claims
        return {
            "valid": self.valid,
            "reason": self.reason,
            "detail": self.detail,
            "order_no": c.order_no if c else None,
            "merchant": {"id": c.merchant_id, "name": c.merchant_name} if c else None,
            "amount_minor": c.amount_minor if c else None,
            "currency": c.currency if c else None,
            "summary": c.summary if c else None,
            "issued_at": c.issued_at.isoformat() if c else None,
            "expires_at": c.expires_at.isoformat() if c else None,
            "voucher_id": c.voucher_id if c else None,
            "issuer": c.issuer if c else None,
            "kid": self.kid,
        }


def _refuse(reason: str, detail: str, kid: str | None = None, claims: VoucherClaims | None = None) -> VoucherCheck:
    return VoucherCheck(False, reason, detail, claims, kid)


def _parse_header(part: str) -> dict:
    return strict_json(b64url_decode(part))


def _ts(value, name: str) -> datetime:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= _MAX_TS:
        raise ValueError(f"claim {name} must be a Unix time in whole seconds")
    return datetime.fromtimestamp(value, timezone.utc)


def _str(payload: dict, name: str, max_len: int, *, allow_empty: bool = False) -> str:
    value = payload.get(name)
    if not isinstance(value, str) or len(value) > max_len or (not value and not allow_empty):
        raise ValueError(f"claim {name} must be a {'' if allow_empty else 'non-empty '}string of at most {max_len}")
    return value


def _claims(payload, kid: str) -> VoucherClaims:
    if not isinstance(payload, dict):
        raise ValueError("payload is not a JSON object")
    amount = payload.get("amt")
    if not isinstance(amount, int) or isinstance(amount, bool) or not 0 < amount < 10**15:
        raise ValueError("claim amt must be a positive integer count of minor units")
    currency = _str(payload, "cur", 3)
    if not _CURRENCY.match(currency):
        raise ValueError("claim cur must be an ISO 4217 code")
    issued, expires = _ts(payload.get("iat"), "iat"), _ts(payload.get("exp"), "exp")
    if expires <= issued:
        raise ValueError("claim exp is not after iat")
    issuer = payload.get("iss")
    if issuer is not None and (not isinstance(issuer, str) or not _ISSUER.match(issuer)):
        raise ValueError("claim iss must be a platform id (1-64 letters, digits, '.', '_' or '-')")
    return VoucherClaims(
        voucher_id=_str(payload, "vid", 64),
        order_no=_str(payload, "ono", 64),
        merchant_id=_str(payload, "mid", 64),
        merchant_name=_str(payload, "mnm", 100),
        amount_minor=amount,
        currency=currency,
        summary=_str(payload, "sum", 400, allow_empty=True),
        issued_at=issued,
        expires_at=expires,
        kid=kid,
        issuer=issuer,
    )


def verify_voucher(
    text, keyring: KeyRing, now: datetime, *, clock_skew: timedelta = DEFAULT_CLOCK_SKEW
) -> VoucherCheck:
    """Verifies a scanned voucher offline. Never raises, whatever `text` holds.

    Order of checks: length, structure and header (too_long / malformed), key (unknown_key),
    signature (bad_signature), claims (malformed), then time: issued more than `clock_skew`
    in the future is not_yet_valid; at or after `exp` is expired (no allowance: a voucher is
    never stretched). A naive `now` is taken as UTC."""
    try:
        return _verify(text, keyring, now, clock_skew)
    except Exception as exc:  # the contract is "never raises": anything unforeseen is malformed
        return _refuse("malformed", f"unreadable voucher ({type(exc).__name__})")


def _verify(text, keyring: KeyRing, now: datetime, clock_skew: timedelta) -> VoucherCheck:
    if isinstance(text, bytes):
        try:
            text = text.decode("ascii")
        except UnicodeDecodeError:
            return _refuse("malformed", "a voucher is ASCII text")
    if not isinstance(text, str):
        return _refuse("malformed", f"a voucher is text, got {type(text).__name__}")
    text = text.strip()
    if len(text) > MAX_VOUCHER_CHARS:
        return _refuse("too_long", f"{len(text)} characters; a voucher has at most {MAX_VOUCHER_CHARS}")
    parts = text.split(".")
    if len(parts) != 3 or not all(parts):
        return _refuse("malformed", "not a JWS in compact serialization (three base64url parts)")
    try:
        header = _parse_header(parts[0])
    except (ValueError, RecursionError) as exc:  # includes json.JSONDecodeError and UnicodeDecodeError
        return _refuse("malformed", f"the header is not canonical base64url JSON: {exc}")
    kid = header.get("kid")
    if header.get("alg") != ALG:
        return _refuse("malformed", f"alg must be {ALG}, got {header.get('alg')!r}")
    if header.get("typ") != VOUCHER_TYP:
        return _refuse("malformed", f"typ must be {VOUCHER_TYP}, got {header.get('typ')!r} (unknown voucher version)")
    if "crit" in header:
        return _refuse("malformed", "critical header extensions are not supported")
    if not isinstance(kid, str) or not _KID.match(kid):
        return _refuse("malformed", "the header has no usable kid")
    verifier = keyring.get(kid)
    if verifier is None:
        return _refuse("unknown_key", f"key {kid} is not among the {len(keyring)} cached platform keys; refresh the keys", kid)
    if not _B64URL.fullmatch(parts[2]) or len(parts[2]) % 4 == 1:
        return _refuse("malformed", "the signature is not base64url", kid)
    try:
        signature = b64url_decode(parts[2])
    except ValueError:  # the right alphabet but not the platform's encoding: the text was changed
        return _refuse("bad_signature", "the signature is not in canonical base64url: altered", kid)
    if len(signature) != 64:
        return _refuse("bad_signature", "an Ed25519 signature has 64 bytes", kid)
    try:
        verifier.verify(signature, (parts[0] + "." + parts[1]).encode("ascii"))
    except InvalidSignature:
        return _refuse("bad_signature", "the signature does not match: altered or not from the platform", kid)
    try:
        claims = _claims(strict_json(b64url_decode(parts[1])), kid)
    except (ValueError, RecursionError) as exc:
        return _refuse("malformed", f"signed, but the payload is unusable: {exc}", kid)
    if now.tzinfo is None or now.utcoffset() is None:
        now = now.replace(tzinfo=timezone.utc)
    if claims.issued_at > now + clock_skew:
        return _refuse("not_yet_valid", f"issued {claims.issued_at.isoformat()}, after this terminal's clock; check the clock", kid, claims)
    if now >= claims.expires_at:
        return _refuse("expired", f"expired at {claims.expires_at.isoformat()}", kid, claims)
    return VoucherCheck(True, None, "", claims, kid)


def peek_issuer(text) -> str | None:
    """The "iss" claim of a voucher's payload, read WITHOUT verifying anything: only to choose
    whose keys verify it (the signature check that follows covers "iss"). None when the voucher
    names no issuer or cannot be read (verify_voucher then says what is wrong)."""
    try:
        if isinstance(text, bytes):
            text = text.decode("ascii")
        parts = text.strip().split(".")
        if len(parts) != 3 or len(text) > 4 * MAX_VOUCHER_CHARS:
            return None
        issuer = strict_json(b64url_decode(parts[1])).get("iss")
    except Exception:
        return None
    return issuer if isinstance(issuer, str) else None


def looks_like_voucher(text) -> bool:
    """Cheap structural test for the scan classifier: three base64url parts whose header
    names this voucher type. Says nothing about validity; a too-long JWS of the voucher type
    still looks like one (so that it is refused as a voucher, with a reason)."""
    if not isinstance(text, str):
        return False
    text = text.strip()
    if not text.startswith("eyJ") or len(text) > 4 * MAX_VOUCHER_CHARS or text.count(".") != 2:
        return False
    head = text.split(".", 1)[0]
    try:
        header = _parse_header(head)
    except Exception:
        return False
    typ = header.get("typ")
    return isinstance(typ, str) and typ.startswith("pos-voucher")


def claims_payload(
    *,
    voucher_id: str,
    order_no: str,
    merchant_id: str,
    merchant_name: str,
    amount_minor: int,
    currency: str,
    summary: str,
    issued_at: datetime,
    expires_at: datetime,
    issuer: str | None = None,
) -> dict:
    """The payload object for the given claims (used by the platform's minting); "iss" only when
    `issuer` is given."""
    return {
        "vid": voucher_id,
        "ono": order_no,
        "mid": merchant_id,
        "mnm": merchant_name,
        "amt": amount_minor,
        "cur": currency,
        "sum": summary,
        "iat": int(issued_at.timestamp()),
        "exp": int(expires_at.timestamp()),
        **({"iss": issuer} if issuer else {}),
    }
