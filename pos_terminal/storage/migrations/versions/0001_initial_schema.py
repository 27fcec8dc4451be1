"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-22 07:43:25.480168
"""
from alembic import op
import sqlalchemy as sa
import pos_terminal.storage.orm


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('orders',
    sa.Column('order_no', sa.String(length=64), nullable=False),
    sa.Column('merchant_id', sa.String(length=64), nullable=False),
    sa.Column('merchant_name', sa.String(length=200), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('status', sa.Enum('open', 'paid', 'cancelled', name='order_status', native_enum=False, length=20), nullable=False),
    sa.Column('expires_at', pos_terminal.storage.orm.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('order_no', name=op.f('pk_orders'))
    )
    op.create_table('outbox',
    sa.Column('seq', sa.Integer(), sa.Identity(always=False), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('topic', sa.String(length=32), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('created_at', pos_terminal.storage.orm.UTCDateTime(timezone=True), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', pos_terminal.storage.orm.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('sent_at', pos_terminal.storage.orm.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_outbox')),
    sa.UniqueConstraint('id', name=op.f('uq_outbox_id')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.create_index('ix_outbox_pending', ['sent_at', 'seq'], unique=False)

    op.create_table('receipt_counters',
    sa.Column('terminal_id', sa.String(length=64), nullable=False),
    sa.Column('last_no', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('terminal_id', name=op.f('pk_receipt_counters'))
    )
    op.create_table('users',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('display_name', sa.String(length=128), nullable=False),
    sa.Column('role', sa.Enum('cashier', 'manager', 'technician', name='role', native_enum=False, length=20), nullable=False),
    sa.Column('pin_hash', sa.String(length=255), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('failed_attempts', sa.Integer(), nullable=False),
    sa.Column('locked_until', pos_terminal.storage.orm.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_sign_in_at', pos_terminal.storage.orm.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', pos_terminal.storage.orm.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('username', name=op.f('uq_users_username'))
    )
    op.create_table('order_lines',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('order_no', sa.String(length=64), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('sku', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('unit_price_minor', sa.Integer(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_order_lines_quantity_positive')),
    sa.ForeignKeyConstraint(['order_no'], ['orders.order_no'], name=op.f('fk_order_lines_order_no_orders'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_order_lines')),
    sa.UniqueConstraint('order_no', 'line_no', name=op.f('uq_order_lines_order_no_line_no'))
    )
    with op.batch_alter_table('order_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_order_lines_order_no'), ['order_no'], unique=False)

    op.create_table('refund_cases',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('order_no', sa.String(length=64), nullable=False),
    sa.Column('item_codes', sa.JSON(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('amount_minor', sa.Integer(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('requested_by', sa.Uuid(), nullable=False),
    sa.Column('terminal_id', sa.String(length=64), nullable=False),
    sa.Column('created_at', pos_terminal.storage.orm.UTCDateTime(timezone=True), nullable=False),
    sa.Column('status', sa.Enum('draft', 'requested', 'approved', 'rejected', 'paid_out', name='refund_status', native_enum=False, length=20), nullable=False),
    sa.Column('platform_case_id', sa.String(length=64), nullable=True),
    sa.Column('decided_at', pos_terminal.storage.orm.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['requested_by'], ['users.id'], name=op.f('fk_refund_cases_requested_by_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_refund_cases'))
    )
    with op.batch_alter_table('refund_cases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_refund_cases_order_no'), ['order_no'], unique=False)

    op.create_table('shifts',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('terminal_id', sa.String(length=64), nullable=False),
    sa.Column('opened_by', sa.Uuid(), nullable=False),
    sa.Column('opening_float_minor', sa.Integer(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('opened_at', pos_terminal.storage.orm.UTCDateTime(timezone=True), nullable=False),
    sa.Column('status', sa.Enum('open', 'closed', name='shift_status', native_enum=False, length=20), nullable=False),
    sa.Column('closed_by', sa.Uuid(), nullable=True),
    sa.Column('closed_at', pos_terminal.storage.orm.UTCDateTime(timezone=True), nullable=True),
    sa.Column('counted_cash_minor', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['closed_by'], ['users.id'], name=op.f('fk_shifts_closed_by_users')),
    sa.ForeignKeyConstraint(['opened_by'], ['users.id'], name=op.f('fk_shifts_opened_by_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shifts'))
    )
    with op.batch_alter_table('shifts', schema=None) as batch_op:
        batch_op.create_index('uq_shifts_one_open_per_terminal', ['terminal_id'], unique=True, sqlite_where=sa.text("status = 'open'"), postgresql_where=sa.text("status = 'open'"))

    op.create_table('item_units',
    sa.Column('item_code', sa.String(length=64), nullable=False),
    sa.Column('line_id', sa.Uuid(), nullable=False),
    sa.Column('refunded', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['line_id'], ['order_lines.id'], name=op.f('fk_item_units_line_id_order_lines'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('item_code', name=op.f('pk_item_units'))
    )
    with op.batch_alter_table('item_units', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_item_units_line_id'), ['line_id'], unique=False)

    op.create_table('sales',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('terminal_id', sa.String(length=64), nullable=False),
    sa.Column('shift_id', sa.Uuid(), nullable=False),
    sa.Column('cashier_id', sa.Uuid(), nullable=False),
    sa.Column('order_no', sa.String(length=64), nullable=False),
    sa.Column('merchant_id', sa.String(length=64), nullable=False),
    sa.Column('total_minor', sa.Integer(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('voucher_id', sa.String(length=64), nullable=True),
    sa.Column('offline', sa.Boolean(), nullable=False),
    sa.Column('status', sa.Enum('open', 'paid', 'voided', name='sale_status', native_enum=False, length=20), nullable=False),
    sa.Column('receipt_no', sa.Integer(), nullable=True),
    sa.Column('created_at', pos_terminal.storage.orm.UTCDateTime(timezone=True), nullable=False),
    sa.Column('paid_at', pos_terminal.storage.orm.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['cashier_id'], ['users.id'], name=op.f('fk_sales_cashier_id_users')),
    sa.ForeignKeyConstraint(['order_no'], ['orders.order_no'], name=op.f('fk_sales_order_no_orders')),
    sa.ForeignKeyConstraint(['shift_id'], ['shifts.id'], name=op.f('fk_sales_shift_id_shifts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sales')),
    sa.UniqueConstraint('terminal_id', 'receipt_no', name=op.f('uq_sales_terminal_id_receipt_no'))
    )
    with op.batch_alter_table('sales', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sales_order_no'), ['order_no'], unique=False)
        batch_op.create_index(batch_op.f('ix_sales_shift_id'), ['shift_id'], unique=False)
        batch_op.create_index('uq_sales_one_paid_per_order', ['order_no'], unique=True, sqlite_where=sa.text("status = 'paid'"), postgresql_where=sa.text("status = 'paid'"))

    op.create_table('receipts',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('terminal_id', sa.String(length=64), nullable=False),
    sa.Column('receipt_no', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('sale', 'refund', 'report', name='receipt_kind', native_enum=False, length=20), nullable=False),
    sa.Column('sale_id', sa.Uuid(), nullable=True),
    sa.Column('created_at', pos_terminal.storage.orm.UTCDateTime(timezone=True), nullable=False),
    sa.Column('print_state', sa.Enum('pending', 'printed', 'failed', name='print_state', native_enum=False, length=20), nullable=False),
    sa.Column('copies_printed', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['sale_id'], ['sales.id'], name=op.f('fk_receipts_sale_id_sales')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_receipts')),
    sa.UniqueConstraint('terminal_id', 'receipt_no', name=op.f('uq_receipts_terminal_id_receipt_no'))
    )
    op.create_table('settlements',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('sale_id', sa.Uuid(), nullable=False),
    sa.Column('order_no', sa.String(length=64), nullable=False),
    sa.Column('merchant_id', sa.String(length=64), nullable=False),
    sa.Column('store_id', sa.String(length=64), nullable=False),
    sa.Column('terminal_id', sa.String(length=64), nullable=False),
    sa.Column('receipt_no', sa.Integer(), nullable=False),
    sa.Column('amount_minor', sa.Integer(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('tender_kinds', sa.String(length=64), nullable=False),
    sa.Column('offline', sa.Boolean(), nullable=False),
    sa.Column('paid_at', pos_terminal.storage.orm.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['sale_id'], ['sales.id'], name=op.f('fk_settlements_sale_id_sales')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_settlements')),
    sa.UniqueConstraint('sale_id', name=op.f('uq_settlements_sale_id'))
    )
    op.create_table('tenders',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('sale_id', sa.Uuid(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('cash', 'prepaid_card', 'bank_card', name='tender_kind', native_enum=False, length=20), nullable=False),
    sa.Column('amount_minor', sa.Integer(), nullable=False),
    sa.Column('tendered_minor', sa.Integer(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('reference', sa.String(length=64), nullable=True),
    sa.Column('approval_code', sa.String(length=32), nullable=True),
    sa.Column('card_last4', sa.String(length=4), nullable=True),
    sa.CheckConstraint('amount_minor > 0', name=op.f('ck_tenders_amount_positive')),
    sa.CheckConstraint('card_last4 IS NULL OR length(card_last4) = 4', name=op.f('ck_tenders_card_last4_only')),
    sa.CheckConstraint('tendered_minor >= amount_minor', name=op.f('ck_tenders_tendered_covers_amount')),
    sa.ForeignKeyConstraint(['sale_id'], ['sales.id'], name=op.f('fk_tenders_sale_id_sales'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tenders'))
    )
    with op.batch_alter_table('tenders', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tenders_sale_id'), ['sale_id'], unique=False)




def downgrade() -> None:

    with op.batch_alter_table('tenders', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tenders_sale_id'))

    op.drop_table('tenders')
    op.drop_table('settlements')
    op.drop_table('receipts')
    with op.batch_alter_table('sales', schema=None) as batch_op:
        batch_op.drop_index('uq_sales_one_paid_per_order', sqlite_where=sa.text("status = 'paid'"), postgresql_where=sa.text("status = 'paid'"))
        batch_op.drop_index(batch_op.f('ix_sales_shift_id'))
        batch_op.drop_index(batch_op.f('ix_sales_order_no'))

    op.drop_table('sales')
    with op.batch_alter_table('item_units', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_item_units_line_id'))

    op.drop_table('item_units')
    with op.batch_alter_table('shifts', schema=None) as batch_op:
        batch_op.drop_index('uq_shifts_one_open_per_terminal', sqlite_where=sa.text("status = 'open'"), postgresql_where=sa.text("status = 'open'"))

    op.drop_table('shifts')
    with op.batch_alter_table('refund_cases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_refund_cases_order_no'))

    op.drop_table('refund_cases')
    with op.batch_alter_table('order_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_order_lines_order_no'))

    op.drop_table('order_lines')
    op.drop_table('users')
    op.drop_table('receipt_counters')
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_pending')

    op.drop_table('outbox')
    op.drop_table('orders')

