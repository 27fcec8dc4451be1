"""Schema migrations (Alembic), run at every start.

Alembic is imported only when the schema is behind: on an everyday start the one check is a
SELECT of the stored revision against HEAD, which keeps a quarter of a second of imports out of
the cold start. HEAD must name the newest file in migrations/versions (a test checks it).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, inspect, text

MIGRATIONS = Path(__file__).with_name("migrations")
HEAD = "0011"


def alembic_config(connection=None):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Brings the schema to `revision` in one transaction (on SQLite and PostgreSQL both DDL
    is transactional, so a failed migration leaves the old schema whole)."""
    if revision == "head" and current_revision(engine) == HEAD:
        return
    from alembic import command

    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), revision)


def autogenerate(engine: Engine, message: str) -> None:
    """Developer helper: writes a new revision from the difference between models and schema."""
    from alembic import command

    with engine.begin() as conn:
        command.revision(alembic_config(conn), message=message, autogenerate=True)
