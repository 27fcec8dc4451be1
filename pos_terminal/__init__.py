"""Store counter terminal: the core (domain, services, storage, composition root, CLI)."""

__version__ = "0.1.0"
