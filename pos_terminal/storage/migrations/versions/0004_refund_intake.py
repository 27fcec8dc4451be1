"""refund intake: refund_cases keep the whole intake (items, reason, photos with checksums) until
the platform has it, the platform's decision, and the payout (route, shift, receipt, override)

Revision ID: 0004
Revises: 0003
"""
from alembic import op
import sqlalchemy as sa
import pos_terminal.storage.orm


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

_ROUTES = ('cash', 'prepaid_card', 'bank_card', 'online')


def upgrade() -> None:
    with op.batch_alter_table('refund_cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('merchant_name', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('payout_route', sa.Enum(*_ROUTES, name='payout_route', native_enum=False, length=20), nullable=True))
        batch_op.add_column(sa.Column('item_names', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('photos', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('offline', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('attempts', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('last_error', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('next_attempt_at', pos_terminal.storage.orm.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('decided_by', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('note', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('paid_out_at', pos_terminal.storage.orm.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('paid_out_by', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('paid_out_route', sa.Enum(*_ROUTES, name='paid_out_route', native_enum=False, length=20), nullable=True))
        batch_op.add_column(sa.Column('payout_reference', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('override_by', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('shift_id', sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column('receipt_no', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_refund_cases_shift_id'), ['shift_id'], unique=False)
        batch_op.create_index('ix_refund_cases_status', ['status'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('refund_cases', schema=None) as batch_op:
        batch_op.drop_index('ix_refund_cases_status')
        batch_op.drop_index(batch_op.f('ix_refund_cases_shift_id'))
        for name in ('receipt_no', 'shift_id', 'override_by', 'payout_reference', 'paid_out_route', 'paid_out_by',
                     'paid_out_at', 'note', 'decided_by', 'next_attempt_at', 'last_error', 'attempts', 'offline',
                     'photos', 'item_names', 'payout_route', 'merchant_name'):
            batch_op.drop_column(name)
