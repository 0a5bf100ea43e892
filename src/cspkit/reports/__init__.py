"""Rendering only: the strategic assessment (and later the plan) as HTML, charts as SVG."""
