from __future__ import annotations

import cspkit
import cspkit.analysis
import cspkit.assessment
import cspkit.geography
import cspkit.sources.policeuk
import cspkit.store


def test_public_api_is_pinned() -> None:
    assert cspkit.__all__ == ["CspkitError", "InputError", "UsageError", "Where", "__version__"]
    assert cspkit.store.__all__ == [
        "DATASET_NAMES",
        "SCHEMAS",
        "Batch",
        "Catalogue",
        "Partition",
        "Snapshot",
        "StoreWriter",
        "connect",
        "connect_workspace",
        "open_snapshot",
    ]
    assert cspkit.geography.__all__ == [
        "AREA_TYPES",
        "AreaRef",
        "Force",
        "Geography",
        "assign_records",
        "force_by_name",
        "force_by_slug",
        "forces",
        "load_geography",
        "parse_area",
    ]
    assert cspkit.analysis.__all__ == [
        "Change",
        "Proportion",
        "Rate",
        "SpcChart",
        "SpcPoint",
        "TargetNode",
        "TargetStatus",
        "byar_interval",
        "c_chart",
        "compare_counts",
        "fytd_status",
        "monthly_profile",
        "monthly_targets",
        "poisson_interval",
        "rate",
        "round_half_up",
        "seasonal_expectation",
        "u_chart",
        "u_prime_chart",
        "wilson",
        "xmr",
        "yearly_targets",
    ]
    assert cspkit.assessment.__all__ == [
        "AssessmentRequest",
        "build_assessment",
        "keep_assessment",
        "previous_assessment",
    ]
    for module in (cspkit, cspkit.analysis, cspkit.assessment, cspkit.store, cspkit.geography, cspkit.sources.policeuk):
        for name in module.__all__:
            assert hasattr(module, name), f"{module.__name__}.{name}"
