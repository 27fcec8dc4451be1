"""refund_case_platform: the platform that answered for a refund case's units, kept with the case,
so every later call of a case whose order this database does not hold goes to that platform after
a restart too (issue 16, more than one platform at a counter)

Revision ID: 0011
Revises: 0010
"""
from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('refund_cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('platform_id', sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('refund_cases', schema=None) as batch_op:
        batch_op.drop_column('platform_id')
