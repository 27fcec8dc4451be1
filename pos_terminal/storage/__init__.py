"""Storage: SQLAlchemy 2.x mapping, unit of work, engines and migrations (adapters of the core)."""
