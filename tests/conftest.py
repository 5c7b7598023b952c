"""Suite-wide settings: no test reads a developer's own users file (the app runs in open mode unless a
test configures users)."""

import os
import tempfile
from pathlib import Path


def pytest_configure(config):
    os.environ["TTHC_USERS_FILE"] = str(Path(tempfile.mkdtemp(prefix="tthc-users-")) / "users.toml")
