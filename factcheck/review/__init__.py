"""Reviewing flagged claims: a persisted, auditable workflow.

store.py (SQLite, WAL, migrations) records runs and decisions; flags.py says
which claims need a reviewer; cli.py (terminal) and web.py (local browser page)
show and decide them; export.py writes CSV and schema.org ClaimReview;
recalibrate.py turns decisions into training data for the stance combiner.
"""
