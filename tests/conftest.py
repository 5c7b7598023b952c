"""Suite-wide settings: no test reads a developer's own users file (the app runs in open mode unless a
test configures users); property tests have no time limit per example."""

import os
import tempfile
from pathlib import Path

from hypothesis import settings

# Property tests check results, not speed: on a loaded 2-core machine an example may take longer than
# hypothesis's default 200 ms deadline.
settings.register_profile("project", deadline=None)
settings.load_profile("project")


def pytest_configure(config):
    os.environ["TTHC_USERS_FILE"] = str(Path(tempfile.mkdtemp(prefix="tthc-users-")) / "users.toml")
