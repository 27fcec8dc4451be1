"""PIN hashing with a slow, memory-hard KDF (scrypt, from the standard library's OpenSSL), and
the masking of card numbers keyed where they do not belong.

Encoded form: ``scrypt$n$r$p$salt_b64$hash_b64``; the parameters travel with each hash so
they can be raised later without invalidating stored PINs.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
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


# ------------------------------------------------------------------------------ card numbers
#
# No card number is stored, logged or sent (DESIGN.md, Storage). A number keyed into a free-text
# field (a refund reason, a note, a pay-out reason) is masked before anything else sees it, the
# PCI DSS way that keeps least: only the last four digits, as "[card ****1111]". A card number is
# 13 to 19 digits not starting with 0, with a valid Luhn check digit, written together or in groups split by one space
# or dash ("4111 1111 1111 1111", "4111-1111-1111-1111"). The platform's item codes (IC and 16
# digits) are not card numbers even when their digits pass Luhn (one in ten does), and stay.

PAN_MIN_DIGITS, PAN_MAX_DIGITS = 13, 19
_RUN = re.compile(r"\d+(?:[ -]\d+)*")
_GROUP = re.compile(r"\d+")
_ITEM_CODE_BEFORE = re.compile(r"(?<![A-Za-z])IC\Z", re.I)


def luhn_ok(digits: str) -> bool:
    """The Luhn (mod 10) check of a string of decimal digits (full-width ones from an input
    method count as digits)."""
    if not digits or not digits.isdecimal():
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _is_pan(digits: str) -> bool:
    # ISO/IEC 7812: the first digit (the major industry identifier) of a card number is never 0
    return PAN_MIN_DIGITS <= len(digits) <= PAN_MAX_DIGITS and digits[0] not in "0０" and luhn_ok(digits)


def looks_like_card_number(text: str) -> bool:
    """True when the whole text (surrounding blanks aside) is one card number: 13-19 digits
    passing Luhn, together or in groups split by single spaces or dashes."""
    s = (text or "").strip() if isinstance(text, str) else ""
    return bool(s) and _RUN.fullmatch(s) is not None and _is_pan(re.sub(r"[ -]", "", s))


def _masked(digits: str) -> str:
    return f"[card ****{digits[-4:]}]"


def _mask_run(run: str) -> str:
    """A run of digit groups with every card number in it masked: the whole run when it is one,
    else the leftmost spans of whole groups that are (a number followed by an expiry date or a
    CVV in the same run)."""
    digits = run.replace(" ", "").replace("-", "")
    if _is_pan(digits):
        return _masked(digits)
    groups = list(_GROUP.finditer(run))
    if len(groups) < 2:
        return run
    out, pos, i = [], 0, 0
    while i < len(groups):
        found = None
        for j in range(len(groups) - 1, i - 1, -1):
            span = "".join(g.group(0) for g in groups[i:j + 1])
            if _is_pan(span):
                found = (j, span)
                break
        if found is None:
            i += 1
            continue
        j, span = found
        out.append(run[pos:groups[i].start()])
        out.append(_masked(span))
        pos = groups[j].end()
        i = j + 1
    out.append(run[pos:])
    return "".join(out)


def mask_card_numbers(text: str | None) -> str | None:
    """`text` with every card number in it replaced by "[card ****LAST4]"; anything else is left
    as typed. None stays None. Apply it to free text before it is stored, logged or sent."""
    if not text:
        return text

    def repl(m: re.Match) -> str:
        run = m.group(0)
        if _ITEM_CODE_BEFORE.search(text, 0, m.start()) and len(run) == 16 and run.isdigit():
            return run  # IC + 16 digits: an item code
        return _mask_run(run)

    return _RUN.sub(repl, text)
