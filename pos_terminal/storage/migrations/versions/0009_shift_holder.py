"""shift_holder: who sells in an open shift since an explicit take-over (NULL: who opened it), so a
manager's sale never lands silently in a cashier's shift

Revision ID: 0009
Revises: 0008
"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('shifts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('held_by', sa.Uuid(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('shifts', schema=None) as batch_op:
        batch_op.drop_column('held_by')
