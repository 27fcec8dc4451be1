"""Issue 11, section 6: a bank card number keyed into the refund screen's item-code field is
refused on the screen with its own text and cleared from the field; the platform (the sandbox on
loopback, behind a recording proxy) is never asked for IC<number>."""

from __future__ import annotations

import pytest

from tests.platform_helpers import FaultProxy, open_shift, settings_for
from tests.ui.conftest import settle, sign_in


@pytest.fixture
def proxy(server):
    with FaultProxy(server.url) as p:
        yield p


@pytest.fixture
def terminal(terminal_factory, proxy):
    return terminal_factory(settings_for(proxy.url))


@pytest.mark.parametrize("typed", ["4111111111111111", "4111 1111 1111 1111"])
def test_a_card_number_in_the_item_code_field_is_refused_and_cleared(qtbot, window, terminal, proxy, typed):
    sign_in(qtbot, window, "1001", "1357")
    open_shift(terminal)
    window.workspace.show_page("refunds")
    page = window.workspace.pages["refunds"]
    settle(qtbot)
    page.code_edit.setText(typed)
    page.look_up_typed()
    qtbot.waitUntil(lambda: page.message.isVisible(), timeout=5000)
    assert "bank card number" in page.message.text() and "4111" not in page.message.text()
    assert page.code_edit.text() == ""
    assert not [r for r in proxy.plan.log if "/items/" in r[1]], proxy.plan.log
