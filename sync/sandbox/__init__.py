"""The sandbox platform: a runnable stand-in for the shop's platform (FastAPI on uvicorn,
SQLAlchemy storage of its own). Entry points: sync.sandbox.server.create_app / SandboxServer /
serve; seed facts in sync.sandbox.seed."""
