"""cash control (drops, pay-outs, no-sale, count by denomination, over/short), business days
(Z report, reconciliation), the hash-chained audit trail, split refund payouts

Revision ID: 0005
Revises: 0004
"""
from alembic import op
import sqlalchemy as sa
import pos_terminal.storage.orm


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_log',
    sa.Column('seq', sa.Integer(), sa.Identity(always=False), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('terminal_id', sa.String(length=64), nullable=False),
    sa.Column('at', pos_terminal.storage.orm.UTCDateTime(timezone=True), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=True),
    sa.Column('username', sa.String(length=64), nullable=True),
    sa.Column('action', sa.String(length=32), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=True),
    sa.Column('outcome', sa.String(length=32), nullable=False),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_audit_log')),
    sa.UniqueConstraint('hash', name=op.f('uq_audit_log_hash')),
    sa.UniqueConstraint('id', name=op.f('uq_audit_log_id')),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index('ix_audit_log_terminal_seq', ['terminal_id', 'seq'], unique=False)

    op.create_table('business_days',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('terminal_id', sa.String(length=64), nullable=False),
    sa.Column('business_date', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('z_no', sa.Integer(), nullable=False),
    sa.Column('closed_at', pos_terminal.storage.orm.UTCDateTime(timezone=True), nullable=False),
    sa.Column('closed_by', sa.Uuid(), nullable=False),
    sa.Column('report', sa.JSON(), nullable=False),
    sa.Column('batch_result', sa.JSON(), nullable=True),
    sa.Column('card_report', sa.JSON(), nullable=True),
    sa.Column('reconciled_at', pos_terminal.storage.orm.UTCDateTime(timezone=True), nullable=True),
    sa.Column('reconciled_by', sa.Uuid(), nullable=True),
    sa.Column('reconcile_override_by', sa.Uuid(), nullable=True),
    sa.Column('reconcile_note', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_business_days')),
    sa.UniqueConstraint('terminal_id', 'business_date', name=op.f('uq_business_days_terminal_id_business_date')),
    sa.UniqueConstraint('terminal_id', 'z_no', name=op.f('uq_business_days_terminal_id_z_no'))
    )
    op.create_table('cash_movements',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('shift_id', sa.Uuid(), nullable=False),
    sa.Column('terminal_id', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('amount_minor', sa.Integer(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('approved_by', sa.Uuid(), nullable=True),
    sa.Column('created_at', pos_terminal.storage.orm.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('amount_minor >= 0', name=op.f('ck_cash_movements_amount_not_negative')),
    sa.ForeignKeyConstraint(['shift_id'], ['shifts.id'], name=op.f('fk_cash_movements_shift_id_shifts')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_cash_movements_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cash_movements'))
    )
    with op.batch_alter_table('cash_movements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cash_movements_shift_id'), ['shift_id'], unique=False)

    with op.batch_alter_table('refund_cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('payout_legs', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('cash_out_minor', sa.Integer(), nullable=True))

    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('terminal_id', sa.String(length=64), nullable=True))
        batch_op.create_index('ix_outbox_terminal_pending', ['terminal_id', 'sent_at', 'seq'], unique=False)
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("UPDATE outbox SET terminal_id = payload->>'terminal_id'")
    else:
        op.execute("UPDATE outbox SET terminal_id = json_extract(payload, '$.terminal_id')")

    with op.batch_alter_table('settlements', schema=None) as batch_op:
        batch_op.add_column(sa.Column('tender_amounts', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('voucher_id', sa.String(length=64), nullable=True))

    with op.batch_alter_table('shifts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('business_date', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('counted_denominations', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('expected_cash_minor', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('over_short_minor', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('close_note', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('close_approved_by', sa.Uuid(), nullable=True))

    # The audit trail is append-only in the database too: an UPDATE or DELETE is refused. (Someone
    # with the database file can drop the trigger; the hash chain still shows what they changed.)
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS "
                   "$$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$")
        op.execute("CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log "
                   "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()")
    else:
        for verb in ('UPDATE', 'DELETE'):
            op.execute(f"CREATE TRIGGER audit_log_no_{verb.lower()} BEFORE {verb} ON audit_log "
                       "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END")



def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_change ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS audit_log_append_only()")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    with op.batch_alter_table('shifts', schema=None) as batch_op:
        batch_op.drop_column('close_approved_by')
        batch_op.drop_column('close_note')
        batch_op.drop_column('over_short_minor')
        batch_op.drop_column('expected_cash_minor')
        batch_op.drop_column('counted_denominations')
        batch_op.drop_column('business_date')

    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_terminal_pending')
        batch_op.drop_column('terminal_id')

    with op.batch_alter_table('settlements', schema=None) as batch_op:
        batch_op.drop_column('voucher_id')
        batch_op.drop_column('tender_amounts')

    with op.batch_alter_table('refund_cases', schema=None) as batch_op:
        batch_op.drop_column('cash_out_minor')
        batch_op.drop_column('payout_legs')

    with op.batch_alter_table('cash_movements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cash_movements_shift_id'))

    op.drop_table('cash_movements')
    op.drop_table('business_days')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_log_terminal_seq')

    op.drop_table('audit_log')
