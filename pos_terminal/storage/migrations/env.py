"""Alembic environment. Runs only through pos_terminal.storage.migrate, which hands in the
connection; there is no alembic.ini and no URL here."""

from alembic import context

from pos_terminal.storage.orm import metadata

config = context.config
connection = config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
