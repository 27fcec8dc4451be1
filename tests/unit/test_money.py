import pytest

from pos_terminal.money import CurrencyMismatch, Money, MoneyError, total


def test_parse_exact_minor_units():
    assert Money.parse("12") == Money(1200)
    assert Money.parse("12.5") == Money(1250)
    assert Money.parse("0.05") == Money(5)
    assert Money.parse("1,234.00") == Money(123400)
    assert Money.parse("¥3.10") == Money(310)
    assert Money.parse("-2.30") == Money(-230)
    assert Money.parse("500", "JPY") == Money(500, "JPY")


@pytest.mark.parametrize("text", ["", "abc", "1.2.3", "12.345", "1e3", "nan", "--1"])
def test_parse_refuses_what_is_not_an_amount(text):
    with pytest.raises(MoneyError):
        Money.parse(text)


def test_parse_refuses_more_decimals_than_the_currency_has():
    with pytest.raises(MoneyError, match="JPY has 0"):
        Money.parse("1.5", "JPY")


def test_no_float_ever_becomes_money():
    with pytest.raises(MoneyError):
        Money(12.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Money(100) * 1.5  # type: ignore[operator]


def test_arithmetic_and_currency_mismatch():
    assert Money(100) + Money(250) == Money(350)
    assert Money(100) - Money(250) == Money(-150)
    assert Money(125) * 3 == Money(375)
    assert total([Money(1), Money(2), Money(3)]) == Money(6)
    with pytest.raises(CurrencyMismatch):
        Money(1, "CNY") + Money(1, "USD")
    with pytest.raises(CurrencyMismatch):
        Money(1, "CNY") < Money(1, "USD")


def test_format_for_people():
    assert Money(123456).format() == "¥1,234.56"
    assert Money(-5).format() == "-¥0.05"
    assert Money(0).format(symbol=False) == "0.00"
    assert Money(500, "JPY").format() == "¥500"


def test_unknown_currency_is_refused_with_the_list():
    with pytest.raises(MoneyError, match="supported"):
        Money(1, "XYZ")


def test_from_decimal_rounds_half_up_once():
    from decimal import Decimal

    assert Money.from_decimal(Decimal("0.005")) == Money(1)
    assert Money.from_decimal(Decimal("0.0049")) == Money(0)
    assert Money.from_decimal(Decimal("-0.005")) == Money(-1)
