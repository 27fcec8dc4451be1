"""Schema migrations (Alembic), run programmatically at start-up and by `pos-terminal db upgrade`."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(connection=None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Brings the schema to `revision` in one transaction (on SQLite and PostgreSQL both DDL
    is transactional, so a failed migration leaves the old schema whole)."""
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), revision)


def autogenerate(engine: Engine, message: str) -> None:
    """Developer helper: writes a new revision from the difference between models and schema."""
    with engine.begin() as conn:
        command.revision(alembic_config(conn), message=message, autogenerate=True)
