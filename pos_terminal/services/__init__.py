"""Use cases: plain functions taking a command (or plain values), a unit of work and the ports
they need. Each opens one unit of work, commits explicitly, and rolls back on any error."""
