"""Money as an integer count of the currency's minor unit. No float ever holds money.

Parsing and formatting for people, and every rounding rule, live here and nowhere else.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# Minor units per major unit (ISO 4217 exponent). Extend when a new currency is served.
_EXPONENT = {"CNY": 2, "HKD": 2, "USD": 2, "EUR": 2, "JPY": 0, "KRW": 0}
_SYMBOL = {"CNY": "¥", "HKD": "HK$", "USD": "$", "EUR": "€", "JPY": "¥", "KRW": "₩"}
_AMOUNT_RE = re.compile(r"^\s*([+-]?)(\d{1,12})(?:[.](\d*))?\s*$")


class MoneyError(ValueError):
    """An amount or currency that cannot be money (names the text and the rule broken)."""


class CurrencyMismatch(MoneyError):
    pass


def exponent(currency: str) -> int:
    try:
        return _EXPONENT[currency]
    except KeyError:
        raise MoneyError(
            f"currency {currency!r} is not supported; supported: {', '.join(sorted(_EXPONENT))}"
        ) from None


@dataclass(frozen=True, slots=True)
class Money:
    minor: int
    currency: str = "CNY"

    def __post_init__(self) -> None:
        if not isinstance(self.minor, int) or isinstance(self.minor, bool):
            raise MoneyError(f"money must be an integer count of minor units, got {self.minor!r}")
        exponent(self.currency)

    @classmethod
    def zero(cls, currency: str = "CNY") -> Money:
        return cls(0, currency)

    @classmethod
    def parse(cls, text: str, currency: str = "CNY") -> Money:
        """Parses what a person types ("12", "12.5", "12.50") into exact minor units.

        More decimals than the currency has are refused, never rounded: a cashier who typed
        12.345 made a mistake that must be shown, not guessed at.
        """
        digits = exponent(currency)
        m = _AMOUNT_RE.match(text.replace(",", "").replace("¥", "").replace("￥", ""))
        if not m:
            raise MoneyError(f"{text!r} is not an amount: type digits, optionally with a decimal point")
        sign, whole, frac = m.group(1), m.group(2), m.group(3) or ""
        if len(frac) > digits:
            raise MoneyError(f"{text!r} has {len(frac)} decimals; {currency} has {digits}")
        minor = int(whole) * 10**digits + int(frac.ljust(digits, "0") or "0")
        return cls(-minor if sign == "-" else minor, currency)

    @classmethod
    def from_decimal(cls, value: Decimal, currency: str = "CNY") -> Money:
        """Converts a decimal major-unit amount, rounding half up (the one rounding rule)."""
        try:
            scaled = (value * (10 ** exponent(currency))).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        except InvalidOperation as exc:
            raise MoneyError(f"{value!r} is not an amount") from exc
        return cls(int(scaled), currency)

    def _check(self, other: Money) -> None:
        if not isinstance(other, Money):
            raise TypeError(f"cannot combine Money with {type(other).__name__}")
        if other.currency != self.currency:
            raise CurrencyMismatch(f"cannot combine {self.currency} with {other.currency}")

    def __add__(self, other: Money) -> Money:
        self._check(other)
        return Money(self.minor + other.minor, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._check(other)
        return Money(self.minor - other.minor, self.currency)

    def __mul__(self, factor: int) -> Money:
        if not isinstance(factor, int) or isinstance(factor, bool):
            raise TypeError("money can only be multiplied by an integer quantity")
        return Money(self.minor * factor, self.currency)

    __rmul__ = __mul__

    def __neg__(self) -> Money:
        return Money(-self.minor, self.currency)

    def __lt__(self, other: Money) -> bool:
        self._check(other)
        return self.minor < other.minor

    def __le__(self, other: Money) -> bool:
        self._check(other)
        return self.minor <= other.minor

    def __gt__(self, other: Money) -> bool:
        self._check(other)
        return self.minor > other.minor

    def __ge__(self, other: Money) -> bool:
        self._check(other)
        return self.minor >= other.minor

    def __bool__(self) -> bool:
        return self.minor != 0

    @property
    def is_negative(self) -> bool:
        return self.minor < 0

    def to_decimal(self) -> Decimal:
        return Decimal(self.minor).scaleb(-exponent(self.currency))

    def format(self, symbol: bool = True) -> str:
        """'¥12.50', '-¥0.05', '¥1,234.00' (grouping for readability at the counter)."""
        digits = exponent(self.currency)
        whole, frac = divmod(abs(self.minor), 10**digits)
        text = f"{whole:,}" + (f".{frac:0{digits}d}" if digits else "")
        prefix = _SYMBOL.get(self.currency, self.currency + " ") if symbol else ""
        return ("-" if self.minor < 0 else "") + prefix + text

    def __str__(self) -> str:
        return self.format()


def total(amounts: Iterable[Money], currency: str = "CNY") -> Money:
    result = Money.zero(currency)
    for amount in amounts:
        result = result + amount
    return result


def format_money(minor: int, currency: str = "CNY") -> str:
    """An amount for people, e.g. "¥12.50": the one formatting rule of messages and screens."""
    return Money(minor, currency).format()
