"""The old home of the composition root, kept as re-exports while issue 13's wave moves its callers:
the container is pos_terminal.app.container, the demo's parts pos_terminal.app.demo, and what the
window receives pos_terminal.app.facades.App."""

from __future__ import annotations

from pos_terminal.app.container import (
    DATA_DIR_ENV,
    DataPaths,
    SyncState,
    Terminal,
    build_devices,
    build_platform,
    build_scanner,
    build_terminal,
    data_paths,
    sandbox_secret,
)
from pos_terminal.app.demo import (
    DEMO_USERS,
    demo_message_folders,
    seed_demo_users,
    start_demo_platform,
    start_simulated_devices,
)

__all__ = [
    "DATA_DIR_ENV", "DEMO_USERS", "DataPaths", "SyncState", "Terminal", "build_devices", "build_platform",
    "build_scanner", "build_terminal", "data_paths", "demo_message_folders", "sandbox_secret", "seed_demo_users",
    "start_demo_platform", "start_simulated_devices",
]
