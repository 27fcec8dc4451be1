"""The audit trail's table (orm.audit_log), read and appended in the caller's unit of work."""

from __future__ import annotations

from sqlalchemy.orm import Session


class AuditRepository:
    def __init__(self, session: Session) -> None:
        self.session = session
