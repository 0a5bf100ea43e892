"""Multi-agency case work's shared core: governance rules, matching, retention and synthetic people.

Nothing here imports Django; the web app (`cspkit.web.cases`) keeps the records.
"""
