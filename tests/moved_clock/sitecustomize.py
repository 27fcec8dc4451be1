"""Moves the clock of a process that a clock-moved test session starts (a CLI run, the card
simulator, a terminal killed and restarted): tests/conftest.py puts this folder on PYTHONPATH
and POS_TEST_CLOCK_OFFSET_S in the environment only while POS_TEST_NOW moves the session, so
that parent and child agree on "now". Python imports `sitecustomize` at start-up by itself;
nothing else here runs, and no production code knows about it."""

import os

_offset = os.environ.get("POS_TEST_CLOCK_OFFSET_S")
if _offset:
    try:
        import time
        from datetime import datetime, timezone

        import time_machine
    except ImportError:  # another interpreter without the dev extra: it keeps the real clock
        pass
    else:
        time_machine.travel(datetime.fromtimestamp(time.time() + float(_offset), timezone.utc), tick=True).start()
