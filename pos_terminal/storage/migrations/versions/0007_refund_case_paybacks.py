"""refund_case_paybacks: a double payment (the platform's refund case) paid back at this counter,
written with the cash leaving the drawer and resent to the platform by its own key until it answers

Revision ID: 0007
Revises: 0006
"""
from alembic import op
import sqlalchemy as sa
import pos_terminal.storage.orm


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('refund_case_paybacks',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('platform_case_id', sa.String(length=64), nullable=False),
    sa.Column('terminal_id', sa.String(length=64), nullable=False),
    sa.Column('store_id', sa.String(length=64), nullable=False),
    sa.Column('order_no', sa.String(length=64), nullable=False),
    sa.Column('settlement_id', sa.String(length=64), nullable=True),
    sa.Column('amount_minor', sa.Integer(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('route', sa.String(length=16), nullable=False),
    sa.Column('shift_id', sa.Uuid(), nullable=True),
    sa.Column('receipt_no', sa.Integer(), nullable=False),
    sa.Column('cashier_id', sa.Uuid(), nullable=False),
    sa.Column('approved_by', sa.Uuid(), nullable=False),
    sa.Column('paid_at', pos_terminal.storage.orm.UTCDateTime(timezone=True), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', pos_terminal.storage.orm.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('reported_at', pos_terminal.storage.orm.UTCDateTime(timezone=True), nullable=True),
    sa.CheckConstraint('amount_minor > 0', name=op.f('ck_refund_case_paybacks_amount_positive')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_refund_case_paybacks')),
    sa.UniqueConstraint('platform_case_id', name=op.f('uq_refund_case_paybacks_platform_case_id'))
    )
    with op.batch_alter_table('refund_case_paybacks', schema=None) as batch_op:
        batch_op.create_index('ix_refund_case_paybacks_terminal_state', ['terminal_id', 'state'], unique=False)
        batch_op.create_index(batch_op.f('ix_refund_case_paybacks_shift_id'), ['shift_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('refund_case_paybacks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_refund_case_paybacks_shift_id'))
        batch_op.drop_index('ix_refund_case_paybacks_terminal_state')
    op.drop_table('refund_case_paybacks')
