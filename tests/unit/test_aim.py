import pytest

from drivers.aim import parse_aim


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("]Q1https://shop.example/o/A123", ("qr", "https://shop.example/o/A123")),
        ("]Q0model-one", ("qr", "model-one")),
        ("]Q3010401234567890", ("qr", "010401234567890")),
        ("]E04006381333931", ("ean13", "4006381333931")),
        ("]E0036000291452", ("upca", "036000291452")),
        ("]E001234565", ("upce", "01234565")),
        ("]E496385074", ("ean8", "96385074")),
        ("]E1" + "12", ("ean-addon", "12")),
        ("]E3" + "4006381333931" + "12345", ("ean13", "400638133393112345")),
        ("]E3" + "036000291452" + "12", ("upca", "03600029145212")),
        ("]C0ORDER-2024-000123", ("code128", "ORDER-2024-000123")),
        ("]C1010401234567890810ABC\x1d21XYZ", ("gs1-128", "010401234567890810ABC\x1d21XYZ")),
        ("]C2AIM", ("code128", "AIM")),
        ("]d1datamatrix", ("datamatrix", "datamatrix")),
        ("]d2010401234567890", ("datamatrix", "010401234567890")),
        ("]A0CODE39", ("code39", "CODE39")),
        ("]A4FULL ascii", ("code39", "FULL ascii")),
        ("]I012345678", ("itf", "12345678")),
        ("]L2pdf", ("pdf417", "pdf")),
        ("]e0010401234567890", ("databar", "010401234567890")),
        ("]z0aztec", ("aztec", "aztec")),
        ("]F0A123B", ("codabar", "A123B")),
        ("]G0CODE93", ("code93", "CODE93")),
        ("]X0anything", ("unknown", "anything")),
        ("]Y9unassigned letter", ("unknown", "unassigned letter")),
    ],
)
def test_identifier_gives_symbology_and_is_removed(text, expected):
    assert parse_aim(text) == expected


@pytest.mark.parametrize("text", ["4006381333931", "", "]", "]Q", "]Q-", "Q1abc", " ]Q1abc", "]1Qabc"])
def test_text_without_a_wellformed_identifier_comes_back_whole(text):
    assert parse_aim(text) == ("unknown", text)


def test_identifier_alone_leaves_empty_data():
    assert parse_aim("]Q1") == ("qr", "")


def test_chinese_data_after_identifier():
    assert parse_aim("]Q1订单号：A-001") == ("qr", "订单号：A-001")
