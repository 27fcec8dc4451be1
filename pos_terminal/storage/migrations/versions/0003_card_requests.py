"""card_requests: bank-card charges written before they are sent, so that one whose outcome is
unknown survives a restart and is resolved with the card terminal

Revision ID: 0003
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa
import pos_terminal.storage.orm


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('card_requests',
    sa.Column('request_id', sa.String(length=64), nullable=False),
    sa.Column('terminal_id', sa.String(length=64), nullable=False),
    sa.Column('order_no', sa.String(length=64), nullable=False),
    sa.Column('amount_minor', sa.Integer(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('reference', sa.String(length=64), nullable=False),
    sa.Column('state', sa.Enum('sent', 'approved', 'settled', 'not_charged', 'refunded', name='card_request_state', native_enum=False, length=20), nullable=False),
    sa.Column('approval_code', sa.String(length=32), nullable=True),
    sa.Column('card_last4', sa.String(length=4), nullable=True),
    sa.Column('card_reference', sa.String(length=64), nullable=True),
    sa.Column('created_at', pos_terminal.storage.orm.UTCDateTime(timezone=True), nullable=False),
    sa.Column('resolved_at', pos_terminal.storage.orm.UTCDateTime(timezone=True), nullable=True),
    sa.CheckConstraint('amount_minor > 0', name=op.f('ck_card_requests_amount_positive')),
    sa.CheckConstraint('card_last4 IS NULL OR length(card_last4) = 4', name=op.f('ck_card_requests_card_last4_only')),
    sa.PrimaryKeyConstraint('request_id', name=op.f('pk_card_requests'))
    )
    with op.batch_alter_table('card_requests', schema=None) as batch_op:
        batch_op.create_index('ix_card_requests_terminal_state', ['terminal_id', 'state'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('card_requests', schema=None) as batch_op:
        batch_op.drop_index('ix_card_requests_terminal_state')
    op.drop_table('card_requests')
