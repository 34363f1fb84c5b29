"""`factcheck review ...`: list, show and decide flagged claims; export; serve the web page; recalibrate.

Module-level imports stay light (typer and the standard library): `factcheck --help`
loads this file. The store, rich, FastAPI and scikit-learn load inside the commands.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import Optional

import typer

review_app = typer.Typer(
    help=(
        "Review flagged claims: confirm or overrule the checker's verdicts, add notes, export.\n\n"
        "Record runs with `factcheck check FILE --review-db review.db`, then "
        "`factcheck review list --db review.db`."
    ),
    no_args_is_help=True,
)

DbOpt = typer.Option(None, "--db", help="Review database [default: $FACTCHECK_REVIEW_DB or ~/.cache/factcheck/review.db].")
LangOpt = typer.Option("nb", "--lang", "-l", help="Language of labels: nb (bokmål) or en.")
ReviewerOpt = typer.Option(None, "--reviewer", "-r", help="Who decides [default: $FACTCHECK_REVIEWER or the login name].")
ORG_ENV = "FACTCHECK_ORG"
LOOPBACK = ("127.0.0.1", "localhost", "::1")


@contextlib.contextmanager
def _user_errors():
    """FactcheckError -> one line on stderr and exit code 1, like every other command."""
    from ..errors import FactcheckError

    try:
        yield
    except FactcheckError as exc:
        typer.echo(f"factcheck: {exc}", err=True)
        raise typer.Exit(1)


def _open(db: Optional[Path], create: bool = False):
    from .store import ReviewStore, default_db_path

    return ReviewStore(db or default_db_path(), create=create)


def _check_lang(lang: str) -> None:
    if lang not in ("nb", "en"):
        typer.echo("factcheck: --lang must be nb or en", err=True)
        raise typer.Exit(2)


def _color() -> bool:
    return sys.stdout.isatty()


@review_app.command("list")
def list_cmd(
    db: Optional[Path] = DbOpt,
    status: Optional[str] = typer.Option(None, "--status", "-s", help="open | confirmed | overruled | needs_expert"),
    verdict: Optional[str] = typer.Option(None, "--verdict", help="The checker's verdict: supported | contradicted | not_enough_info"),
    speaker: Optional[str] = typer.Option(None, "--speaker", help="Only claims by this speaker (transcripts)."),
    source: Optional[str] = typer.Option(None, "--source", help="Only claims from documents whose name contains this."),
    run: Optional[int] = typer.Option(None, "--run", help="Only claims of this run id."),
    all_claims: bool = typer.Option(False, "--all", help="Also claims that were not flagged."),
    fmt: str = typer.Option("table", "--format", "-f", help="table | json"),
    lang: str = LangOpt,
) -> None:
    """List flagged claims (filter by status, verdict, speaker, source document, run)."""
    import json

    from .console import render_list

    _check_lang(lang)
    if fmt not in ("table", "json"):
        typer.echo("factcheck: --format must be table or json", err=True)
        raise typer.Exit(2)
    with _user_errors(), _open(db) as store:
        claims = store.claims(status, verdict, speaker, source, run, flagged_only=not all_claims)
    if fmt == "json":
        typer.echo(json.dumps([c.to_dict(lang) for c in claims], ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(render_list(claims, lang, color=_color()))


@review_app.command("show")
def show_cmd(
    claim_id: int = typer.Argument(..., help="Claim id (from `review list`)."),
    db: Optional[Path] = DbOpt,
    fmt: str = typer.Option("text", "--format", "-f", help="text | json"),
    lang: str = LangOpt,
) -> None:
    """Show one claim with its cited passages (claim words and figures marked) and its decision history."""
    import json

    from .console import render_claim

    _check_lang(lang)
    with _user_errors(), _open(db) as store:
        claim = store.claim(claim_id)
    if fmt == "json":
        typer.echo(json.dumps(claim.to_dict(lang, details=True), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(render_claim(claim, lang, color=_color()))


@review_app.command("decide")
def decide_cmd(
    claim_id: int = typer.Argument(..., help="Claim id (from `review list`)."),
    status: str = typer.Option(..., "--status", "-s", help="confirmed | overruled | needs_expert | open"),
    verdict: Optional[str] = typer.Option(None, "--verdict", help="With overruled: the right verdict (supported | contradicted | not_enough_info)."),
    note: Optional[str] = typer.Option(None, "--note", "-n", help="A note kept with the decision."),
    reviewer: Optional[str] = ReviewerOpt,
    db: Optional[Path] = DbOpt,
) -> None:
    """Record a decision (the history keeps every earlier one)."""
    with _user_errors(), _open(db) as store:
        decision = store.decide(claim_id, status, verdict, note, reviewer)
    typer.echo(f"claim {claim_id}: {decision.status}"
               + (f" ({decision.reviewer_verdict})" if decision.reviewer_verdict else "")
               + f" by {decision.reviewer} at {decision.decided_at}")


@review_app.command("note")
def note_cmd(
    claim_id: int = typer.Argument(..., help="Claim id."),
    text: str = typer.Argument(..., help="The note."),
    reviewer: Optional[str] = ReviewerOpt,
    db: Optional[Path] = DbOpt,
) -> None:
    """Add a note to a claim without changing its status."""
    with _user_errors(), _open(db) as store:
        decision = store.add_note(claim_id, text, reviewer)
    typer.echo(f"claim {claim_id}: note added by {decision.reviewer} at {decision.decided_at}")


@review_app.command("next")
def next_cmd(
    db: Optional[Path] = DbOpt,
    source: Optional[str] = typer.Option(None, "--source", help="Only claims from documents whose name contains this."),
    speaker: Optional[str] = typer.Option(None, "--speaker"),
    run: Optional[int] = typer.Option(None, "--run"),
    reviewer: Optional[str] = ReviewerOpt,
    lang: str = LangOpt,
) -> None:
    """Go through the open flagged claims one by one and decide each (interactive)."""
    from .console import render_claim
    from .labels import WORDS

    _check_lang(lang)
    w = WORDS[lang]
    # the first letter of each word in the prompt, per language
    keys = dict(zip(("confirm", "overrule", "expert", "note", "skip", "quit"),
                    ("b", "o", "e", "m", "h", "a") if lang == "nb" else ("c", "o", "e", "n", "s", "q")))
    with _user_errors(), _open(db) as store:
        for claim in store.claims("open", None, speaker, source, run):
            sys.stdout.write("\n" + render_claim(store.claim(claim.id), lang, color=_color()))
            while True:
                choice = typer.prompt(w["next_prompt"]).strip().lower()[:1]
                if choice == keys["quit"]:
                    return
                if choice == keys["skip"]:
                    break
                if choice == keys["note"]:
                    store.add_note(claim.id, typer.prompt(w["note_prompt"]), reviewer)
                    typer.echo(w["decided"])
                    continue
                if choice in (keys["confirm"], keys["overrule"], keys["expert"]):
                    decision = _ask_decision(choice, keys, claim.verdict, w, lang)
                    note = typer.prompt(w["note_prompt"], default="", show_default=False)
                    store.decide(claim.id, decision[0], decision[1], note or None, reviewer)
                    typer.echo(w["decided"])
                    break
        typer.echo(w["done"])


def _ask_decision(choice: str, keys: dict, model_verdict: str, w: dict, lang: str) -> tuple[str, str | None]:
    from ..results import VERDICTS
    from .labels import verdict_label

    if choice == keys["confirm"]:
        return "confirmed", None
    if choice == keys["expert"]:
        return "needs_expert", None
    others = [v for v in VERDICTS if v != model_verdict]
    menu = ", ".join(f"{n}={verdict_label(v, lang)}" for n, v in enumerate(others, 1))
    while True:
        picked = typer.prompt(f"{w['choose_verdict']} ({menu})").strip()
        if picked.isdigit() and 1 <= int(picked) <= len(others):
            return "overruled", others[int(picked) - 1]


@review_app.command("export")
def export_cmd(
    db: Optional[Path] = DbOpt,
    fmt: str = typer.Option("claimreview", "--format", "-f", help="claimreview (schema.org JSON-LD) | csv"),
    claim_id: Optional[int] = typer.Option(None, "--id", help="Only this claim (ClaimReview: one object, not a list)."),
    organisation: Optional[str] = typer.Option(None, "--org", help="Publishing organisation [default: $FACTCHECK_ORG or Faktasjekk]."),
    url_base: Optional[str] = typer.Option(None, "--url", help="URL of the published fact check; each review gets #claim-ID."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write to this file instead of standard output."),
    lang: str = LangOpt,
) -> None:
    """Export decided (confirmed or overruled) claims, with the reviewer's verdict as the rating."""
    from ..errors import FactcheckError
    from .export import to_claim_review, to_csv

    _check_lang(lang)
    if fmt not in ("claimreview", "csv"):
        typer.echo("factcheck: --format must be claimreview or csv", err=True)
        raise typer.Exit(2)
    with _user_errors():
        with _open(db) as store:
            claims = store.decided(claim_id)
            if claim_id is not None and not claims:
                state = store.claim(claim_id).status  # unknown ids get their own message
                raise FactcheckError(f"claim {claim_id} is {state}, not decided; confirm or overrule it first")
        org = organisation or os.environ.get(ORG_ENV) or "Faktasjekk"
        text = to_csv(claims, lang) if fmt == "csv" else to_claim_review(claims, org, lang, url_base, single=claim_id is not None)
    if output:
        from ..textio import write_text_atomically

        with _user_errors():
            write_text_atomically(output, text)
        typer.echo(f"{len(claims)} decided claims written to {output}", err=True)
    else:
        sys.stdout.write(text)


@review_app.command("serve")
def serve_cmd(
    db: Optional[Path] = DbOpt,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on; anything but loopback needs --allow-remote."),
    port: int = typer.Option(8765, "--port", "-p", min=0, max=65535),
    allow_remote: bool = typer.Option(False, "--allow-remote", help="Really serve beyond this machine (no login: anyone who reaches it can decide)."),
    reviewer: Optional[str] = ReviewerOpt,
    lang: str = LangOpt,
) -> None:
    """A local web page to review claims: the list, each claim beside its evidence, decision buttons."""
    _check_lang(lang)
    if host not in LOOPBACK and not allow_remote:
        typer.echo(f"factcheck: refusing to serve on {host} without --allow-remote (the page has no login); "
                   "the default 127.0.0.1 serves this machine only", err=True)
        raise typer.Exit(2)
    with _user_errors():
        from .store import default_db_path, default_reviewer
        from .web import create_app

        path = db or default_db_path()
        _open(path).close()  # a clear message now for a missing or damaged database
        app = create_app(path, reviewer=reviewer or default_reviewer(), lang=lang, allowed_hosts=None if allow_remote else list(LOOPBACK))
    import uvicorn

    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"review page: http://{shown}:{port}/  (Ctrl-C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@review_app.command("recalibrate")
def recalibrate_cmd(
    db: Optional[Path] = DbOpt,
    out: Path = typer.Option(..., "--out", "-o", help="Combiner JSON to write; use it with FACTCHECK_STANCE_COMBINER=FILE."),
    index: Optional[Path] = typer.Option(None, "--index", "-i", help="Index the runs were checked against (for passage context) [default index]."),
    c: float = typer.Option(1.0, "--C", help="Inverse regularisation strength of the logistic regression."),
) -> None:
    """Fit the stance combiner on reviewed claims (a command, never automatic)."""
    from .recalibrate import recalibrate

    with _user_errors(), _open(db) as store:
        summary = recalibrate(store, out, index_dir=index, C=c)
    typer.echo(summary.render(), nl=False)
