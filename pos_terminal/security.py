"""PIN hashing with a slow, memory-hard KDF (scrypt, from the standard library's OpenSSL).

Encoded form: ``scrypt$n$r$p$salt_b64$hash_b64``; the parameters travel with each hash so
they can be raised later without invalidating stored PINs.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from dataclasses import dataclass

from pos_terminal.domain.errors import DomainError


class WeakPin(DomainError):
    code = "weak_pin"


@dataclass(frozen=True)
class ScryptPinHasher:
    # n=2**15, r=8: about 32 MiB and some tens of milliseconds per check on a counter PC, which
    # makes brute-forcing a 4-6 digit PIN from a stolen database slow without making sign-in so.
    n: int = 2**15
    r: int = 8
    p: int = 1
    min_length: int = 4

    def check_policy(self, pin: str) -> None:
        if not pin.isdigit():
            raise WeakPin("a PIN is digits only")
        if len(pin) < self.min_length:
            raise WeakPin(f"a PIN needs at least {self.min_length} digits")
        if len(set(pin)) == 1:
            raise WeakPin("a PIN of one repeated digit is too easy to guess")

    def hash(self, pin: str) -> str:
        salt = os.urandom(16)
        digest = self._derive(pin, salt, self.n, self.r, self.p)
        b64 = lambda b: base64.b64encode(b).decode("ascii")  # noqa: E731
        return f"scrypt${self.n}${self.r}${self.p}${b64(salt)}${b64(digest)}"

    def verify(self, pin: str, encoded: str) -> bool:
        try:
            scheme, n, r, p, salt_b64, hash_b64 = encoded.split("$")
            if scheme != "scrypt":
                return False
            salt = base64.b64decode(salt_b64)
            expected = base64.b64decode(hash_b64)
            actual = self._derive(pin, salt, int(n), int(r), int(p))
        except (ValueError, TypeError):
            return False
        return hmac.compare_digest(actual, expected)

    @staticmethod
    def _derive(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
        return hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=256 * 1024 * 1024, dklen=32)
