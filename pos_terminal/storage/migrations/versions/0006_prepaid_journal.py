"""card_requests journal prepaid-card debits and credits too (kind, parent_id): a prepaid movement
is written before it is sent, survives kill -9, and is resolved with the platform by its
Idempotency-Key after a restart

Revision ID: 0006
Revises: 0005
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('card_requests', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.Enum('bank_card', 'prepaid_debit', 'prepaid_credit',
                                                      name='card_request_kind', native_enum=False, length=20),
                                      server_default='bank_card', nullable=False))
        batch_op.add_column(sa.Column('parent_id', sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('card_requests', schema=None) as batch_op:
        batch_op.drop_column('parent_id')
        batch_op.drop_column('kind')
