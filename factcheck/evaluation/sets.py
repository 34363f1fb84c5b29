"""Every dev claim set, each against its own corpus, measured in one run.

A set is a claims file plus the corpus it is checked against: the bundled corpus
(its default index) for `../shared/eval/dev_claims.tsv`, and for each
`../shared/eval/topics/NAME/claims.tsv` the documents in `topics/NAME/corpus/`.
A topic corpus is indexed on the fly into a cache folder named after its
content, so the texts stay where they are and an unchanged corpus is indexed once.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .. import config
from ..corpus.documents import list_corpus
from ..errors import FactcheckError
from .claims import Prediction, Report, predict, read_claims, score

ENV_EVAL_DIR = "FACTCHECK_EVAL_DIR"
DEV_CLAIMS = "dev_claims.tsv"
DEV_NAME = "hab-dev"
TOGETHER = "alle"  # the row that pools every set's claims


@dataclass
class EvalSet:
    name: str
    claims: Path
    corpus: Path | None = None  # None: the default corpus and index (or --index)


@dataclass
class SetResult:
    set: EvalSet
    index: Path
    predictions: list[Prediction] = field(default_factory=list)

    @property
    def report(self) -> Report:
        return score(self.predictions)


def find_eval_dir(start: Path | None = None) -> Path | None:
    """$FACTCHECK_EVAL_DIR, else the first `shared/eval` beside the checkout or the working folder or above them."""
    env = os.environ.get(ENV_EVAL_DIR)
    if env:
        return Path(env).expanduser()
    for base in (config.REPO_DIR, Path(start or Path.cwd()).resolve()):
        for folder in (base, *base.parents):
            candidate = folder / "shared" / "eval"
            if (candidate / DEV_CLAIMS).exists() or (candidate / "topics").is_dir():
                return candidate
    return None


def discover_sets(eval_dir: Path) -> list[EvalSet]:
    """dev_claims.tsv on the default corpus, then every topics/NAME with a claims.tsv and a corpus/."""
    eval_dir = Path(eval_dir)
    if not eval_dir.is_dir():
        raise FactcheckError(f"evaluation folder not found: {eval_dir}")
    sets = []
    if (eval_dir / DEV_CLAIMS).exists():
        sets.append(EvalSet(DEV_NAME, eval_dir / DEV_CLAIMS))
    topics = eval_dir / "topics"
    for folder in sorted(topics.iterdir()) if topics.is_dir() else []:
        if (folder / "claims.tsv").exists() and (folder / "corpus").is_dir():
            sets.append(EvalSet(folder.name, folder / "claims.tsv", folder / "corpus"))
    if not sets:
        raise FactcheckError(f"no claim sets in {eval_dir} (expected {DEV_CLAIMS} or topics/NAME/claims.tsv + corpus/)")
    return sets


def sets_from_files(claims_files: list[Path], corpora: list[str]) -> list[EvalSet]:
    """Sets named on the command line: no --corpus (all use the default/--index), or one per claims file
    ("default" for the bundled corpus)."""
    if corpora and len(corpora) != len(claims_files):
        raise FactcheckError(f"give --corpus once per claims file ({len(claims_files)} files, {len(corpora)} --corpus); "
                             "use --corpus default for the bundled corpus")
    sets = []
    for n, path in enumerate(claims_files):
        corpus = corpora[n] if corpora else "default"
        name = Path(path).resolve().parent.name if path.name == "claims.tsv" else path.stem
        sets.append(EvalSet(name, Path(path), None if corpus in ("default", "-") else _corpus_folder(corpus)))
    return sets


def _corpus_folder(corpus: str) -> Path:
    """A corpus folder as given, or the folder of a named corpus (`factcheck corpus create NAME DIR`)."""
    if Path(corpus).is_dir() or "/" in corpus or corpus.startswith("."):
        return Path(corpus)
    from ..corpus.registry import get

    return get(corpus).directory


def corpus_key(corpus_dir: Path, model_id: str) -> str:
    """A name for the index of this corpus's content (texts, metadata) read by this model."""
    digest = hashlib.sha256(model_id.encode())
    for doc in list_corpus(corpus_dir).documents:
        digest.update(json.dumps([doc.path.relative_to(corpus_dir).as_posix(), doc.sha256, doc.meta],
                                 sort_keys=True, ensure_ascii=False).encode())
    return digest.hexdigest()[:16]


def cached_index(corpus_dir: Path, encoder, nlp, progress: Callable[[str], None] | None = None) -> Path:
    """The index of `corpus_dir` in <home>/index/eval-<content key>, built when missing or built by
    another spaCy pipeline (its names are part of the index) or by other readers (READER_VERSION: the
    cache key is the corpus's content, so a change in how files become passages must rebuild it)."""
    from ..index.ingest import READER_VERSION
    from ..index.store import build_index

    corpus_dir = Path(corpus_dir).resolve()
    index_dir = config.home() / "index" / f"eval-{corpus_key(corpus_dir, encoder.model_id)}"
    pipeline = f"{nlp.meta.get('lang', '')}_{nlp.meta.get('name', '')}-{nlp.meta.get('version', '')}"
    manifest = index_dir / "manifest.json"
    if manifest.exists():
        try:
            built = json.loads(manifest.read_text(encoding="utf-8"))
            if built.get("spacy_pipeline") == pipeline and built.get("reader_version") == READER_VERSION:
                return index_dir
        except ValueError:
            pass  # a damaged manifest: rebuild
    if progress:
        progress(f"indexing {corpus_dir} into {index_dir}")
    build_index(corpus_dir, index_dir, encoder, nlp=nlp, progress=progress)
    return index_dir


def run_sets(sets: list[EvalSet], index: Path | None = None, model: str | None = None, lang: str = "nb",
             progress: Callable[[str], None] | None = None, bar: bool = True) -> list[SetResult]:
    """Check every set's claims against its own index; the model and spaCy pipeline load once."""
    from ..api import FactChecker
    from ..index.store import PassageIndex

    claims = {s.name: read_claims(s.claims) for s in sets}  # bad files fail before anything loads
    first = FactChecker.load(index, model, progress=progress)
    default_index = first.index.directory
    results = []
    with _ProgressBar(sum(len(c) for c in claims.values()), enabled=bar) as advance:
        for s in sets:
            if s.corpus is None:
                checker = first
            else:
                path = cached_index(s.corpus, first.encoder, first.nlp, progress)
                checker = FactChecker(PassageIndex.load(path), first.encoder, nlp=first.nlp, top_k=first.top_k)
            advance.describe(s.name)
            results.append(SetResult(s, checker.index.directory if s.corpus else default_index,
                                     predict(checker, claims[s.name], lang, advance=advance)))
    return results


class _ProgressBar:
    """Claims done over all sets, on stderr (rich), or nothing."""

    def __init__(self, total: int, enabled: bool):
        self.total, self.enabled, self.progress = total, enabled, None

    def __enter__(self):
        if self.enabled:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                     TimeRemainingColumn(), console=Console(stderr=True), transient=True)
            self.progress.start()
            self.task = self.progress.add_task("eval", total=self.total)
        return self

    def describe(self, name: str) -> None:
        if self.progress is not None:
            self.progress.update(self.task, description=name)

    def __call__(self) -> None:
        if self.progress is not None:
            self.progress.advance(self.task)

    def __exit__(self, *exc) -> None:
        if self.progress is not None:
            self.progress.stop()


def together(results: list[SetResult]) -> Report:
    """One report over the claims of every set pooled."""
    return score([p for r in results for p in r.predictions])


def render_table(results: list[SetResult]) -> str:
    """One row per set (and the sets together): n, macro-F1, accuracy, hit@3, Motsagt precision (count) at
    confidence >= 0.9 and at any confidence, and the Brier score and expected calibration error of the confidence
    shown."""
    rows = [(r.set.name, r.report) for r in results]
    if len(results) > 1:
        rows.append((TOGETHER, together(results)))
    width = max(12, *(len(name) for name, _ in rows)) + 2
    lines = [f"{'set':<{width}}{'claims':>7}{'macro-F1':>10}{'accuracy':>10}{'hit@3':>8}{'Motsagt>=0.9':>15}"
             f"{'Motsagt all':>14}{'Brier':>8}{'ECE':>8}"]
    for name, rep in rows:
        hit = "n/a" if rep.evidence_hit_at_3 is None else f"{rep.evidence_hit_at_3:.2f}"
        precision = rep.confident_contradicted_precision
        sure = f"{'n/a' if precision is None else f'{precision:.2f}'} ({rep.confident_contradicted})"
        every = rep.contradicted_precision
        every = f"{'n/a' if every is None else f'{every:.2f}'} ({rep.contradicted})"
        brier = "n/a" if rep.brier is None else f"{rep.brier:.3f}"
        ece = "n/a" if rep.ece is None else f"{rep.ece:.3f}"
        lines.append(f"{name:<{width}}{rep.n:>7}{rep.macro_f1:>10.3f}{rep.accuracy:>10.3f}{hit:>8}{sure:>15}{every:>14}"
                     f"{brier:>8}{ece:>8}")
    return "\n".join(lines) + "\n"


def render_details(result: SetResult) -> str:
    """One line per claim: right or wrong, gold, predicted, confidence, evidence hit, claim and reason."""
    lines = [f"# {result.set.name} ({result.set.claims})"]
    for p in result.predictions:
        mark = "ok" if p.label == p.claim.label else "XX"
        hit = {True: "hit", False: "miss", None: "-"}[p.evidence_hit]
        lines.append(f"{mark} {p.claim.id:<6} {p.claim.label:<16} -> {p.label:<16} {p.confidence:4.2f} {hit:<5} "
                     f"{p.claim.text[:60]:<60} | {p.reason[:90]}")
    return "\n".join(lines) + "\n"


def to_json(results: list[SetResult], details: bool = False) -> dict:
    """The table as data: {"sets": [...], "together": {...}}; per-claim predictions with `details`."""
    sets = []
    for r in results:
        entry = {"name": r.set.name, "claims_file": str(r.set.claims),
                 "corpus": str(r.set.corpus) if r.set.corpus else None, "index": str(r.index), **r.report.to_dict()}
        if details:
            entry["predictions"] = [{"id": p.claim.id, "gold": p.claim.label, "predicted": p.label,
                                     "confidence": p.confidence, "evidence_hit": p.evidence_hit,
                                     "text": p.claim.text, "reason": p.reason} for p in r.predictions]
        sets.append(entry)
    return {"sets": sets, "together": together(results).to_dict()}
