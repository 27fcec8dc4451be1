"""The platform client of a counter with no platform configured answers every call of the
platform contract as "unavailable" (the caller's offline path), never with an AttributeError that
reached the manager's Settlement page as "'OfflinePlatform' object has no attribute ...")."""

from __future__ import annotations

import inspect

import pytest

from pos_terminal.ports import PlatformUnavailable
from pos_terminal.ports.platform import PlatformClient
from sync.offline import OfflinePlatform

CALLS = sorted(n for n, v in vars(PlatformClient).items() if not n.startswith("_") and callable(v) and n != "status")


@pytest.mark.parametrize("name", CALLS)
def test_every_platform_call_is_unavailable(name):
    method = getattr(OfflinePlatform("not configured"), name)
    args = [None] * sum(1 for p in inspect.signature(getattr(PlatformClient, name)).parameters.values()
                        if p.name != "self" and p.default is inspect.Parameter.empty
                        and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD))
    with pytest.raises(PlatformUnavailable, match="not configured"):
        method(*args)


def test_status_says_offline():
    assert OfflinePlatform("not configured").status().online is False
