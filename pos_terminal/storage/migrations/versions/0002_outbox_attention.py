"""outbox: dead_at (refused for good, needs attention) and the platform's outcome

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa
import pos_terminal.storage.orm


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('dead_at', pos_terminal.storage.orm.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('outcome', sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_column('outcome')
        batch_op.drop_column('dead_at')
