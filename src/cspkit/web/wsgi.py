"""The WSGI application gunicorn serves.

In production it refuses to load while demo accounts exist, however it is started (not only
through `cspkit serve`, whose own checks say so first).
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ["DJANGO_SETTINGS_MODULE"] = "cspkit.web.settings"  # settings come only from CSPKIT_* (DESIGN.md)
application = get_wsgi_application()

from cspkit.web.accounts.checks import no_demo_users  # noqa: E402  (needs the app registry loaded above)

_refusals = no_demo_users()
if _refusals:
    raise ImproperlyConfigured("; ".join(str(error.msg) for error in _refusals))
