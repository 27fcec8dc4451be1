import pytest

from pos_terminal.storage import orm


@pytest.fixture(autouse=True)
def plain_domain_classes():
    """Unit tests run on plain domain classes, whatever integration or UI tests mapped before."""
    orm.stop_mappers()
    yield
