"""Signing the clearing house's reports: Ed25519 over the canonical JSON of the report (keys
sorted, no spaces, ASCII), published at GET /keys as base64url raw public keys with their key id.
The terminal verifies with `verify_report` against the key it pinned."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

from pos_terminal.vouchers import b64url_decode, b64url_encode

ALG = "Ed25519"


def canonical(obj: Any) -> bytes:
    """The bytes a signature covers: JSON with sorted keys, no whitespace, ASCII only."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("ascii")


def new_key() -> tuple[str, bytes, bytes]:
    """(key id, private raw 32 bytes, public raw 32 bytes); the key id derives from the public key."""
    key = Ed25519PrivateKey.generate()
    private = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    public = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return key_id(public), private, public


def key_id(public_raw: bytes) -> str:
    return "ch-" + hashlib.sha256(public_raw).hexdigest()[:12]


def sign(private_raw: bytes, body: dict[str, Any]) -> str:
    return b64url_encode(Ed25519PrivateKey.from_private_bytes(private_raw).sign(canonical(body)))


def verify(public_key_b64: str, body: dict[str, Any], signature_b64: str) -> bool:
    """True when `signature_b64` is the signature of `body` by the key (base64url raw public key)."""
    try:
        public = Ed25519PublicKey.from_public_bytes(b64url_decode(public_key_b64))
        public.verify(b64url_decode(signature_b64), canonical(body))
    except (InvalidSignature, ValueError):
        return False
    return True
