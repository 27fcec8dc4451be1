"""refund_acknowledged: a rejected or refused refund case stays on the counter's list, with the
seller's note, until a cashier acknowledges it (the unit given back to the buyer)

Revision ID: 0008
Revises: 0007
"""
from alembic import op
import sqlalchemy as sa
import pos_terminal.storage.orm


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('refund_cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('acknowledged_at', pos_terminal.storage.orm.UTCDateTime(timezone=True),
                                      nullable=True))
        batch_op.add_column(sa.Column('acknowledged_by', sa.Uuid(), nullable=True))
    # cases decided before this version: only those still waiting on the counter are listed
    op.execute("UPDATE refund_cases SET acknowledged_at = decided_at "
               "WHERE status IN ('rejected', 'refused') AND decided_at IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table('refund_cases', schema=None) as batch_op:
        batch_op.drop_column('acknowledged_by')
        batch_op.drop_column('acknowledged_at')
