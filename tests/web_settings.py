"""Django settings for the test session: the app's own settings, on a private scratch workspace.

The web tests point `settings.HOME` at the workspace each test needs; this one only holds the
secret key and the SQLite test database. DATABASE_URL (set by scripts/test for the second pass)
moves the web tests to PostgreSQL, where each session creates and drops its own database.
"""

from __future__ import annotations

import os
import tempfile

_previous = os.environ.get("CSPKIT_HOME")
os.environ["CSPKIT_HOME"] = tempfile.mkdtemp(prefix="cspkit-web-tests-")
os.environ["CSPKIT_WEB_TESTING"] = "1"
try:
    from cspkit.web.settings import *  # noqa: F403
finally:
    if _previous is None:
        os.environ.pop("CSPKIT_HOME", None)
    else:
        os.environ["CSPKIT_HOME"] = _previous

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, for tests only
