"""Schema of the review database, as an ordered list of migrations.

`PRAGMA user_version` holds the number of migrations applied. A database from a
newer version of the tool is refused with a message rather than misread; one
that is not ours (another application id) is refused too. Add a migration by
appending a list of statements; never edit an old one.
"""

from __future__ import annotations

import sqlite3

from ..errors import FactcheckError

APPLICATION_ID = 0x46434B52  # "FCKR": marks the file as a faktasjekk review database

_VERDICT_CHECK = "IN ('supported', 'contradicted', 'not_enough_info')"

MIGRATIONS: list[list[str]] = [
    # v1: runs, their claims, and an append-only decision history
    [
        f"PRAGMA application_id = {APPLICATION_ID}",
        """CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,                 -- check | batch
            source TEXT NOT NULL,               -- the checked file, or 'stdin'
            created_at TEXT NOT NULL,           -- ISO 8601, UTC
            text TEXT,                          -- the checked text, for context
            tool_version TEXT NOT NULL,
            settings TEXT NOT NULL DEFAULT '{}' -- JSON: index, model, top_k
        )""",
        f"""CREATE TABLE claims (
            id INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            text TEXT NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            speaker TEXT,
            document TEXT NOT NULL,             -- the source document the claim was made in
            verdict TEXT NOT NULL CHECK (verdict {_VERDICT_CHECK}),
            confidence REAL NOT NULL,
            reason_nb TEXT NOT NULL,
            reason_en TEXT NOT NULL,
            evidence TEXT NOT NULL,             -- JSON list of Evidence fields, lossless
            flags TEXT NOT NULL DEFAULT '[]',   -- JSON list of flag codes
            flagged INTEGER NOT NULL
        )""",
        f"""CREATE TABLE decisions (
            id INTEGER PRIMARY KEY,
            claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
            status TEXT NOT NULL CHECK (status IN ('open', 'confirmed', 'overruled', 'needs_expert')),
            reviewer_verdict TEXT CHECK (reviewer_verdict IS NULL OR reviewer_verdict {_VERDICT_CHECK}),
            note TEXT,
            reviewer TEXT NOT NULL,
            decided_at TEXT NOT NULL
        )""",
        "CREATE INDEX claims_by_run ON claims(run_id)",
        "CREATE INDEX decisions_by_claim ON decisions(claim_id, id)",
        # the current state of a claim is its latest decision; the latest note survives status changes
        """CREATE VIEW claim_state AS
           SELECT c.*, r.source AS source, r.kind AS run_kind, r.created_at AS run_at,
                  COALESCE(d.status, 'open') AS status, d.reviewer_verdict AS reviewer_verdict,
                  d.reviewer AS reviewer, d.decided_at AS decided_at,
                  (SELECT n.note FROM decisions n WHERE n.claim_id = c.id AND COALESCE(n.note, '') != ''
                   ORDER BY n.id DESC LIMIT 1) AS note
           FROM claims c
           JOIN runs r ON r.id = c.run_id
           LEFT JOIN decisions d ON d.id = (SELECT MAX(id) FROM decisions WHERE claim_id = c.id)""",
    ],
    # v2: which transcript of which batch run a review run records, so that a batch resumed
    # after a kill records each finished transcript exactly once (the key is written in the
    # same transaction as the run and its claims)
    [
        """CREATE TABLE batch_transcripts (
            batch_id TEXT NOT NULL,             -- the batch run (kept in its progress file across --resume)
            transcript_id TEXT NOT NULL,
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            PRIMARY KEY (batch_id, transcript_id)
        )""",
    ],
]

SCHEMA_VERSION = len(MIGRATIONS)


def check_compatible(conn: sqlite3.Connection, where: str) -> int:
    """The database's schema version; a clear error if it is newer than ours or not ours at all."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise FactcheckError(
            f"{where}: the review database has schema version {version}, this faktasjekk reads up to "
            f"{SCHEMA_VERSION}; upgrade faktasjekk (pip install -U factcheck) to open it"
        )
    has_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
    if has_tables and app_id != APPLICATION_ID:
        raise FactcheckError(f"{where}: this SQLite file is not a faktasjekk review database")
    return version


def migrate(conn: sqlite3.Connection, where: str) -> None:
    """Bring the schema up to date; safe when several processes open a new database at once."""
    if check_compatible(conn, where) == SCHEMA_VERSION:
        return
    conn.execute("BEGIN IMMEDIATE")  # one writer migrates, the others wait and then see it done
    try:
        version = check_compatible(conn, where)
        for number in range(version, SCHEMA_VERSION):
            for statement in MIGRATIONS[number]:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number + 1}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
