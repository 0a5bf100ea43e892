"""The public API against its own OpenAPI document: schemathesis generates requests for every
operation (paths, forces, ward codes and query strings) and checks each answer is documented:
no server error, a documented status, a body that matches its schema. Driven through
hypothesis directly (schemathesis's pytest plugin does not yet run under pytest 9)."""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings

pytestmark = pytest.mark.web
EXAMPLES = 12  # per operation: every operation, its error paths, within the CI budget


def test_every_operation_answers_as_documented(db, settings, web_demo: Path) -> None:  # type: ignore[no-untyped-def]
    from django.core.signals import request_finished, request_started
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    settings.HOME = web_demo
    # As Django's test client does: a request must not close the test database's connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) == 7
        for operation in operations:

            @given(case=operation.as_strategy())
            @hypothesis_settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
            def answers_as_documented(case) -> None:  # type: ignore[no-untyped-def]
                case.call_and_validate()

            answers_as_documented()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_the_document_lists_every_api_url(client) -> None:  # type: ignore[no-untyped-def]
    from django.urls import get_resolver

    from cspkit.web.public.openapi import document

    paths = set(document()["paths"])
    api = next(p for p in get_resolver().url_patterns if str(p.pattern) == "api/")
    routes = {
        "/api/" + str(p.pattern).replace("<slug:force>", "{force}").replace("<ward:ward>", "{neighbourhood}")
        for p in api.url_patterns  # type: ignore[attr-defined]
        if p.name not in ("openapi", "not-found")
    }
    assert routes == paths
    assert client.get("/api/openapi.json").json()["openapi"].startswith("3.0")
