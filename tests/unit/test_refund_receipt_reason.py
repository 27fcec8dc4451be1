"""The refund receipt prints the reason in its own language: a stored code ("defective", or
"other: the buyer's words") never reaches the paper as it is stored."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from pos_terminal.domain.model import PayoutRoute
from pos_terminal.services.refunds import RefundReceiptInfo
from pos_terminal.services.refunds.common import REASONS
from receipts.refund_receipt import build_refund_receipt, reason_label

NOW = datetime(2026, 3, 14, 10, 30, tzinfo=timezone.utc)


def _receipt(reason: str, language: str) -> str:
    info = RefundReceiptInfo("Demo Store", "T01", "Zhang", 12, NOW, "好物商城", "PO000000001001", "CNY",
                             (("乌龙茶 500ml", "IC0000000010010001", 1250),), 1250, PayoutRoute.CASH, reason, "req-1")
    return "\n".join(build_refund_receipt(info, language=language, paper_width_mm=80).text_lines())


def _reason_line(text: str, label: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(label))


def test_the_chinese_receipt_prints_the_reason_label_not_its_code():
    text = _receipt("defective", "zh_CN")
    line = _reason_line(text, "原因")
    assert "质量问题" in line and "defective" not in text


def test_the_persons_own_words_follow_the_label():
    line = _reason_line(_receipt("other: 盖子松了", "zh_CN"), "原因")
    assert "其他: 盖子松了" in line and "other" not in line
    assert "Wrong item" in _reason_line(_receipt("wrong_item", "en"), "Reason")


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_reason_code_has_a_label(language):
    for code in (*REASONS, "damaged_in_transport"):  # the counter's list and the buyer's return page
        label = reason_label(code, language)
        assert label != code and "_" not in label


def test_a_reason_that_is_not_a_code_is_printed_as_given():
    assert reason_label("盖子松了", "zh_CN") == "盖子松了"
    assert reason_label("", "zh_CN") == ""
