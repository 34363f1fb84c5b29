"""The review store: one SQLite file (WAL) holding checked runs, their claims and every decision.

    from factcheck.review.store import ReviewStore
    with ReviewStore("review.db") as store:
        run = store.record_run(result, source="innlegg.txt", kind="check")
        store.decide(claim_id, "overruled", verdict="supported", note="...", reviewer="kari")

Decisions are appended, never updated: a claim's state is its latest decision,
and its history is all of them, so two reviewers deciding at once both stay on
record. Every database problem becomes a FactcheckError with a one-line message.
"""

from __future__ import annotations

import functools
import getpass
import json
import os
import sqlite3
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Sequence

from .. import __version__, config
from ..errors import FactcheckError
from ..results import VERDICTS, CheckResult, ClaimResult, Evidence
from .flags import flags_for
from .migrations import migrate

STATUSES = ("open", "confirmed", "overruled", "needs_expert")
DECIDED = ("confirmed", "overruled")  # a reviewer's verdict exists
DB_ENV = "FACTCHECK_REVIEW_DB"
REVIEWER_ENV = "FACTCHECK_REVIEWER"


def default_db_path() -> Path:
    """$FACTCHECK_REVIEW_DB, else review.db under FACTCHECK_HOME."""
    env = os.environ.get(DB_ENV)
    return Path(env).expanduser() if env else config.home() / "review.db"


def default_reviewer() -> str:
    """Who is deciding: $FACTCHECK_REVIEWER, else the login name."""
    name = os.environ.get(REVIEWER_ENV, "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except Exception:  # no login name (some containers): still record something honest
        return "ukjent"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass
class Decision:
    id: int
    claim_id: int
    status: str
    reviewer_verdict: str | None
    note: str | None
    reviewer: str
    decided_at: str

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class ReviewedClaim:
    """A recorded claim with its current review state."""

    id: int
    run_id: int
    position: int
    text: str
    start: int
    end: int
    speaker: str | None
    document: str
    source: str
    run_at: str
    verdict: str
    confidence: float
    reasons: dict[str, str]
    evidence: list[Evidence]
    flags: list[str]
    flagged: bool
    status: str
    reviewer_verdict: str | None
    note: str | None
    reviewer: str | None
    decided_at: str | None
    history: list[Decision] = field(default_factory=list)

    @property
    def final_verdict(self) -> str | None:
        """The verdict that stands after review; None while undecided."""
        return self.reviewer_verdict if self.status in DECIDED else None

    def as_claim_result(self) -> ClaimResult:
        return ClaimResult(self.text, self.start, self.end, self.verdict, self.confidence, self.reasons, self.evidence)

    def to_dict(self, lang: str = "nb", details: bool = False) -> dict:
        """The JSON of `review list` (and, with details, of `review show`): fields are only added, never renamed."""
        data = {
            "id": self.id, "text": self.text, "verdict": self.verdict, "confidence": round(self.confidence, 3),
            "status": self.status, "reviewer_verdict": self.reviewer_verdict, "note": self.note,
            "reviewer": self.reviewer, "decided_at": self.decided_at, "flags": self.flags,
            "reason": self.reasons.get(lang, self.reasons["nb"]), "run_id": self.run_id, "source": self.source,
            "document": self.document, "speaker": self.speaker, "start": self.start, "end": self.end,
        }
        if details:
            data["evidence"] = self.as_claim_result().to_dict(lang)["evidence"]
            data["history"] = [d.to_dict() for d in self.history]
        return data


@dataclass
class RecordedRun:
    id: int
    claims: int
    flagged: int


def _guarded(method):
    """Turn sqlite errors into one-line FactcheckErrors that name the file."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise FactcheckError(f"{self.path}: the review database is busy (another process is writing); try again") from exc
            raise FactcheckError(f"{self.path}: cannot use the review database ({exc})") from exc
        except sqlite3.DatabaseError as exc:
            raise FactcheckError(
                f"{self.path}: the review database is damaged or not an SQLite file ({exc}); keep a copy and give another --db"
            ) from exc

    return wrapper


class ReviewStore:
    """Open (and with `create`, make) a review database; migrate it to the current schema."""

    @_guarded
    def __init__(self, path: str | Path, create: bool = True, timeout: float = 30.0):
        self.path = Path(path)
        if self.path.is_dir():
            raise FactcheckError(f"{self.path} is a directory; give a database file, e.g. {self.path / 'review.db'}")
        if not self.path.exists():
            if not create:
                raise FactcheckError(
                    f"no review database at {self.path}; record a run first: factcheck check FILE --review-db {self.path}"
                )
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(self.path, timeout=timeout, isolation_level=None, check_same_thread=False)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        self.conn.execute("PRAGMA foreign_keys = ON")
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = NORMAL")
        migrate(self.conn, str(self.path))

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "ReviewStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @_guarded
    def journal_mode(self) -> str:
        return self.conn.execute("PRAGMA journal_mode").fetchone()[0]

    @_guarded
    def record_run(
        self,
        result: CheckResult,
        source: str,
        kind: str = "check",
        text: str | None = None,
        settings: dict | None = None,
        speakers: Sequence[str | None] | None = None,
        documents: Sequence[str] | None = None,
        batch_key: tuple[str, str] | None = None,
    ) -> RecordedRun:
        """Store one run's claims (all of them; flagged ones carry their reasons) in one transaction.

        `speakers`/`documents` (aligned with result.claims) are for batch runs over
        transcripts or several files; by default a claim's document is `source`.
        `batch_key` (batch id, transcript id) marks the run as that transcript's record.
        """
        claims = result.claims
        flagged = 0
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            run_id = self.conn.execute(
                "INSERT INTO runs (kind, source, created_at, text, tool_version, settings) VALUES (?, ?, ?, ?, ?, ?)",
                (kind, source, _now(), text, __version__, json.dumps(settings or {}, ensure_ascii=False)),
            ).lastrowid
            for n, claim in enumerate(claims):
                flags = flags_for(claim)
                flagged += bool(flags)
                speaker = (speakers[n] if speakers else None) or getattr(claim, "speaker", None)
                self.conn.execute(
                    "INSERT INTO claims (run_id, position, text, start_char, end_char, speaker, document, verdict, "
                    "confidence, reason_nb, reason_en, evidence, flags, flagged) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (run_id, n, claim.text, claim.start, claim.end, speaker, documents[n] if documents else source,
                     claim.verdict, float(claim.confidence), claim.reasons["nb"], claim.reasons.get("en", claim.reasons["nb"]),
                     json.dumps([asdict(e) for e in claim.evidence], ensure_ascii=False), json.dumps(flags), int(bool(flags))),
                )
            if batch_key is not None:
                self.conn.execute("INSERT INTO batch_transcripts (batch_id, transcript_id, run_id) VALUES (?, ?, ?)",
                                  (*batch_key, run_id))
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        return RecordedRun(run_id, len(claims), flagged)

    @_guarded
    def batch_transcripts(self, batch_id: str) -> set[str]:
        """The transcripts of batch run `batch_id` that are already recorded."""
        rows = self.conn.execute("SELECT transcript_id FROM batch_transcripts WHERE batch_id = ?", (batch_id,))
        return {row[0] for row in rows}

    @_guarded
    def claims(
        self,
        status: str | None = None,
        verdict: str | None = None,
        speaker: str | None = None,
        source: str | None = None,
        run: int | None = None,
        flagged_only: bool = True,
    ) -> list[ReviewedClaim]:
        """Claims in recording order, filtered; `source` matches part of the document name."""
        if status is not None and status not in STATUSES:
            raise FactcheckError(f"unknown status {status!r}; choose one of {', '.join(STATUSES)}")
        if verdict is not None and verdict not in VERDICTS:
            raise FactcheckError(f"unknown verdict {verdict!r}; choose one of {', '.join(VERDICTS)}")
        where, params = [], []
        for clause, value in (("status = ?", status), ("verdict = ?", verdict), ("speaker = ?", speaker),
                              ("run_id = ?", run), ("(document LIKE ? OR source LIKE ?)", source)):
            if value is not None:
                where.append(clause)
                params += [f"%{value}%"] * 2 if clause.startswith("(document") else [value]
        if flagged_only:
            where.append("flagged = 1")
        if run is not None and not 0 <= run < 2**63:
            return []
        sql = "SELECT * FROM claim_state" + (f" WHERE {' AND '.join(where)}" if where else "") + " ORDER BY id"
        return [self._claim(row) for row in self.conn.execute(sql, params)]

    @_guarded
    def claim(self, claim_id: int, with_history: bool = True) -> ReviewedClaim:
        if not 0 <= claim_id < 2**63:  # beyond SQLite's integers: no such claim, not an OverflowError
            raise FactcheckError(f"no claim with id {claim_id} in {self.path}; see `factcheck review list --all`")
        row = self.conn.execute("SELECT * FROM claim_state WHERE id = ?", (claim_id,)).fetchone()
        if row is None:
            raise FactcheckError(f"no claim with id {claim_id} in {self.path}; see `factcheck review list --all`")
        claim = self._claim(row)
        if with_history:
            claim.history = self.history(claim_id)
        return claim

    @_guarded
    def history(self, claim_id: int) -> list[Decision]:
        rows = self.conn.execute("SELECT * FROM decisions WHERE claim_id = ? ORDER BY id", (claim_id,))
        return [Decision(**dict(row)) for row in rows]

    @_guarded
    def decide(self, claim_id: int, status: str, verdict: str | None = None, note: str | None = None,
               reviewer: str | None = None) -> Decision:
        """Record a decision. Confirming keeps the checker's verdict; overruling needs another one."""
        claim = self.claim(claim_id, with_history=False)
        if status not in STATUSES:
            raise FactcheckError(f"unknown status {status!r}; choose one of {', '.join(STATUSES)}")
        if verdict is not None and verdict not in VERDICTS:
            raise FactcheckError(f"unknown verdict {verdict!r}; choose one of {', '.join(VERDICTS)}")
        if status == "overruled":
            if verdict is None or verdict == claim.verdict:
                others = ", ".join(v for v in VERDICTS if v != claim.verdict)
                raise FactcheckError(f"to overrule, give the right verdict with --verdict ({others}); "
                                     f"the checker said {claim.verdict}")
        elif status == "confirmed":
            if verdict not in (None, claim.verdict):
                raise FactcheckError(f"confirming keeps the checker's verdict ({claim.verdict}); use --status overruled to change it")
            verdict = claim.verdict
        elif verdict is not None:
            raise FactcheckError(f"--verdict goes with --status confirmed or overruled, not {status}")
        # a single INSERT is atomic: concurrent reviewers each get their own row, none is lost
        return self._insert(claim_id, status, verdict, note, reviewer)

    @_guarded
    def add_note(self, claim_id: int, note: str, reviewer: str | None = None) -> Decision:
        """A note without a change of status (recorded in the history like a decision)."""
        if not note.strip():
            raise FactcheckError("the note is empty")
        self.claim(claim_id, with_history=False)  # a clear error for an unknown id
        self.conn.execute("BEGIN IMMEDIATE")  # read the current state and append after it, atomically
        try:
            row = self.conn.execute("SELECT status, reviewer_verdict FROM claim_state WHERE id = ?", (claim_id,)).fetchone()
            decision = self._insert(claim_id, row["status"], row["reviewer_verdict"], note, reviewer)
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        return decision

    @_guarded
    def decided(self, claim_id: int | None = None) -> list[ReviewedClaim]:
        """Claims with a reviewer's verdict (confirmed or overruled), flagged or not."""
        sql = "SELECT * FROM claim_state WHERE status IN ('confirmed', 'overruled')"
        if claim_id is not None and not 0 <= claim_id < 2**63:
            return []
        rows = self.conn.execute(sql + (" AND id = ?" if claim_id is not None else "") + " ORDER BY id",
                                 (claim_id,) if claim_id is not None else ())
        return [self._claim(row) for row in rows]

    @_guarded
    def run_text(self, run_id: int) -> str | None:
        row = self.conn.execute("SELECT text FROM runs WHERE id = ?", (run_id,)).fetchone()
        return row["text"] if row else None

    def _insert(self, claim_id, status, verdict, note, reviewer) -> Decision:
        values = (claim_id, status, verdict, (note or "").strip() or None, reviewer or default_reviewer(), _now())
        new_id = self.conn.execute(
            "INSERT INTO decisions (claim_id, status, reviewer_verdict, note, reviewer, decided_at) VALUES (?,?,?,?,?,?)",
            values,
        ).lastrowid
        return Decision(new_id, *values)

    @staticmethod
    def _claim(row: sqlite3.Row) -> ReviewedClaim:
        return ReviewedClaim(
            id=row["id"], run_id=row["run_id"], position=row["position"], text=row["text"], start=row["start_char"],
            end=row["end_char"], speaker=row["speaker"], document=row["document"], source=row["source"],
            run_at=row["run_at"], verdict=row["verdict"], confidence=row["confidence"],
            reasons={"nb": row["reason_nb"], "en": row["reason_en"]},
            evidence=[Evidence(**e) for e in json.loads(row["evidence"])], flags=json.loads(row["flags"]),
            flagged=bool(row["flagged"]), status=row["status"], reviewer_verdict=row["reviewer_verdict"],
            note=row["note"], reviewer=row["reviewer"], decided_at=row["decided_at"],
        )


def record_check(db: str | Path, result: CheckResult, source: str | None, text: str, **settings) -> str:
    """Record one `factcheck check` run; returns the line the CLI prints (to stderr)."""
    name = "stdin" if source in (None, "-") else str(source)
    clean = {k: (str(v) if isinstance(v, Path) else v) for k, v in settings.items() if v is not None}
    with ReviewStore(db) as store:
        run = store.record_run(result, source=name, kind="check", text=text, settings=clean)
    return (f"recorded run {run.id} in {db}: {run.claims} claims, {run.flagged} flagged for review "
            f"(factcheck review list --db {db})")
