"""settlement: accepted day settlement statements (numbered, immutable), their gap-free counter,
remittances, imported clearing-house reports, and which issuer (platform) an order/settlement is of

Revision ID: 0010
Revises: 0009
"""
from alembic import op
import sqlalchemy as sa
import pos_terminal.storage.orm


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('settlement_statements',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('store_id', sa.String(length=64), nullable=False),
    sa.Column('platform_id', sa.String(length=64), nullable=False),
    sa.Column('business_date', sa.Date(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('number', sa.String(length=35), nullable=True),
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('body', sa.JSON(), nullable=False),
    sa.Column('computed_at', pos_terminal.storage.orm.UTCDateTime(timezone=True), nullable=False),
    sa.Column('accepted_at', pos_terminal.storage.orm.UTCDateTime(timezone=True), nullable=True),
    sa.Column('accepted_by', sa.Uuid(), nullable=True),
    sa.Column('route', sa.String(length=16), nullable=False),
    sa.Column('sent_at', pos_terminal.storage.orm.UTCDateTime(timezone=True), nullable=True),
    sa.Column('sent_state', sa.String(length=16), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_settlement_statements')),
    sa.UniqueConstraint('number', name=op.f('uq_settlement_statements_number')),
    sa.UniqueConstraint('store_id', 'platform_id', 'business_date',
                        name=op.f('uq_settlement_statements_store_id_platform_id_business_date')),
    )
    op.create_table('statement_counters',
    sa.Column('store_id', sa.String(length=64), nullable=False),
    sa.Column('last_no', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('store_id', name=op.f('pk_statement_counters')),
    )
    op.create_table('remittances',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('statement_number', sa.String(length=35), nullable=False),
    sa.Column('platform_id', sa.String(length=64), nullable=False),
    sa.Column('amount_minor', sa.Integer(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('exported_at', pos_terminal.storage.orm.UTCDateTime(timezone=True), nullable=True),
    sa.Column('file_digest', sa.String(length=64), nullable=True),
    sa.Column('sent_at', pos_terminal.storage.orm.UTCDateTime(timezone=True), nullable=True),
    sa.Column('reference', sa.String(length=140), nullable=True),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('reported_at', pos_terminal.storage.orm.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_remittances')),
    sa.UniqueConstraint('statement_number', name=op.f('uq_remittances_statement_number')),
    )
    op.create_table('clearing_reports',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('store_id', sa.String(length=64), nullable=False),
    sa.Column('business_date', sa.Date(), nullable=False),
    sa.Column('report_id', sa.String(length=64), nullable=False),
    sa.Column('body', sa.JSON(), nullable=False),
    sa.Column('signature', sa.Text(), nullable=False),
    sa.Column('key_id', sa.String(length=64), nullable=True),
    sa.Column('imported_at', pos_terminal.storage.orm.UTCDateTime(timezone=True), nullable=False),
    sa.Column('imported_by', sa.Uuid(), nullable=True),
    sa.Column('net_minor', sa.Integer(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('differences', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_clearing_reports')),
    sa.UniqueConstraint('report_id', name=op.f('uq_clearing_reports_report_id')),
    )
    with op.batch_alter_table('settlements', schema=None) as batch_op:
        batch_op.add_column(sa.Column('platform_id', sa.String(length=64), nullable=True))
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.add_column(sa.Column('platform_id', sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('orders', schema=None) as batch_op:
        batch_op.drop_column('platform_id')
    with op.batch_alter_table('settlements', schema=None) as batch_op:
        batch_op.drop_column('platform_id')
    op.drop_table('clearing_reports')
    op.drop_table('remittances')
    op.drop_table('statement_counters')
    op.drop_table('settlement_statements')
