"""Sentences of the check-worthiness set, referred to by stable ids and read from ../shared.

No sentence text is copied into the repository (the rule for ../shared/data and ../shared/eval):
`data/labels.tsv` holds ids, and `text(sent_id)` rebuilds each sentence from ../shared.

    ndt/DOC/K                  the K-th sentence of ../shared/data/norne/ndt_nob/DOC.conll
    norquad/C/START-END        characters START:END of the C-th context of NorQuAD validation
                               (contexts in the order data[*].paragraphs[*].context)
    parlamint/UID/START-END    characters START:END of utterance UID of the ParlaMint sitting
    nli/DOC/PAIR               the (nynorsk) hypothesis of pair PAIR in ../shared/data/nb_nli_seed,
                               written about a sentence of NDT document DOC

Sampling takes sentences as they come: random documents, then runs of consecutive sentences,
headings, captions, bylines and chair lines included (see DATASHEET.md).

    python models/checkworthy/sentences.py sample --out /tmp/cw_sample.tsv
    python models/checkworthy/sentences.py show norquad/12/0-57

../shared is the folder beside the checkout; set FACTCHECK_SHARED=/path/to/shared where it is not.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import random
import re
import sys
from functools import lru_cache
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from models.stance.nli.premises import detokenise, read_sentences  # noqa: E402

# ../shared beside the checkout; FACTCHECK_SHARED points elsewhere (a git worktree has no ../shared)
SHARED = Path(os.environ.get("FACTCHECK_SHARED") or REPO.parent / "shared")
NDT_DIR = SHARED / "data" / "norne" / "ndt_nob"
NORQUAD = SHARED / "eval" / "norquad" / "validation.json"
PARLAMINT = SHARED / "eval" / "parlamint" / "ParlaMint-NO_2022-05-10.xml"
NLI_SEED = SHARED / "data" / "nb_nli_seed"
SEED = 13
TEST_PERCENT = 20

# NDT file prefixes by genre (NorNE README: news, blogs, government reports, parliament minutes)
NDT_GENRES = {"ap": "news", "bt": "news", "db": "news", "vg": "news",
              "sp-bm": "news", "kk": "news", "blogg-bm": "blog", "nou": "report", "st": "parliament"}
# runs of RUN consecutive sentences per genre (a run never crosses a document's end)
NDT_RUNS = {"news": 62, "blog": 25, "report": 20, "parliament": 35}
# the second round (sample_round2): one run per document, at most this many documents per genre
ROUND2_RUNS = {"blog": 11, "news": 60}
NORQUAD_CONTEXTS = 82
RUN = 12
# the only nynorsk text in ../shared outside the eval sets: hypotheses of the NLI seed (written
# claims, not sentences taken as they come); one per premise from this many premises
NLI_NYNORSK = 120


# ---------------------------------------------------------------- ids -> text

def ndt_prefix(doc: str) -> str:
    return re.sub(r"\d+[a-z]?_\d+$", "", doc)


@lru_cache(maxsize=64)
def _ndt(doc: str) -> tuple[str, ...]:
    # the NDT marks the end of a heading line with a "|" token; a pasted text has none
    return tuple(detokenise([w for w in s["words"] if w != "|"]) for s in read_sentences(NDT_DIR / f"{doc}.conll"))


@lru_cache(maxsize=1)
def _norquad() -> tuple[str, ...]:
    data = json.loads(NORQUAD.read_text(encoding="utf-8"))
    return tuple(p["context"] for article in data["data"] for p in article["paragraphs"])


@lru_cache(maxsize=1)
def _parlamint() -> dict[str, str]:
    from factcheck.transcripts.parlamint import read_tei

    return {u.utterance_id: u.text for u in read_tei(PARLAMINT).utterances}


@lru_cache(maxsize=1)
def _nli() -> dict[str, dict]:
    pairs = {}
    for path in sorted(NLI_SEED.glob("pairs_*.tsv")):
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                pairs[row["pair_id"]] = row
    return pairs


def _span(ks: str) -> tuple[int, int]:
    start, end = ks.split("-")
    return int(start), int(end)


def text(sent_id: str) -> str:
    """The sentence an id refers to, rebuilt from ../shared."""
    source, doc, where = sent_id.split("/")
    if source == "ndt":
        return _ndt(doc)[int(where)]
    if source == "nli":
        return _nli()[where]["hypothesis"]
    start, end = _span(where)
    if source == "norquad":
        return _norquad()[int(doc)][start:end]
    if source == "parlamint":
        return _parlamint()[doc][start:end]
    raise ValueError(f"unknown source in sentence id {sent_id!r}")


def document(sent_id: str) -> str:
    """The unit a test split keeps whole: an NDT text (all its 100-sentence files), a NorQuAD
    context (by content, so a context repeated under two indices stays on one side), the sitting."""
    source, doc, _ = sent_id.split("/")
    if source in ("ndt", "nli"):  # a hypothesis goes with the document of its premise
        return "ndt/" + re.sub(r"_\d+$", "", doc)
    if source == "norquad":
        return "norquad/" + hashlib.sha1(_norquad()[int(doc)].encode("utf-8")).hexdigest()[:12]
    return "parlamint/" + PARLAMINT.stem


def split(sent_id: str) -> str:
    """'test' for about TEST_PERCENT % of documents (a hash of document(sent_id)), else 'train'."""
    bucket = int(hashlib.sha1(document(sent_id).encode("utf-8")).hexdigest(), 16) % 100
    return "test" if bucket < TEST_PERCENT else "train"


def source(sent_id: str) -> str:
    """'ndt:news', 'ndt:blog', 'ndt:report', 'ndt:parliament', 'norquad:news', 'norquad:wiki',
    'parlamint', 'nli_seed'."""
    src, doc, _ = sent_id.split("/")
    if src == "ndt":
        return f"ndt:{NDT_GENRES[ndt_prefix(doc)]}"
    if src == "norquad":
        return f"norquad:{norquad_genre(_norquad()[int(doc)])}"
    return "nli_seed" if src == "nli" else src


def norquad_genre(context: str) -> str:
    """A Wikipedia context opens with its title and a lead that names it early ("Komet" /
    "En komet (fra ...) er"); a news context opens with a headline the next lines do not
    repeat. A heuristic, right on most contexts (DATASHEET.md)."""
    lines = [line.strip() for line in context.split("\n") if line.strip()]
    title = re.sub(r"\s*\(.*?\)", "", lines[0]).strip().lower()
    words = re.sub(r"\W+", " ", title).split()
    if not words:
        return "news"
    # the whole title, or for a title of up to three words its first ("Montenegros historie")
    key = title if len(words) > 3 else words[0]
    pattern = re.compile(rf"\b{re.escape(key)}", re.UNICODE)
    return "wiki" if any(pattern.search(line[:60].lower()) for line in lines[1:4]) else "news"


# ---------------------------------------------------------------- sampling

def _line_spans(body: str, nlp) -> list[tuple[int, int]]:
    """Sentences of a text with offsets: each non-empty line split by the project's splitter
    (a line break ends a sentence: titles and captions stand on lines of their own)."""
    from factcheck.text.sentences import split_sentences

    spans = []
    for m in re.finditer(r"[^\n]+", body):
        for s in split_sentences(m.group(), nlp):
            spans.append((m.start() + s.start, m.start() + s.end))
    return spans


def _runs(n_sents: int, n_runs: int, rng: random.Random) -> list[range]:
    """n_runs non-overlapping runs of RUN sentences, one in each of n_runs equal blocks."""
    block = n_sents // n_runs
    out = []
    for b in range(n_runs):
        lo, hi = b * block, (b + 1) * block if b < n_runs - 1 else n_sents
        start = rng.randint(lo, max(lo, hi - RUN))
        out.append(range(start, min(start + RUN, hi)))
    return out


def sample_ndt(rng: random.Random) -> list[tuple[str, str, str, str]]:
    rows = []
    docs = sorted(p.stem for p in NDT_DIR.glob("*.conll"))
    for genre, n_runs in NDT_RUNS.items():
        pool = [d for d in docs if NDT_GENRES[ndt_prefix(d)] == genre]
        rng.shuffle(pool)
        per_doc: dict[str, int] = {}
        for i in range(n_runs):  # round robin: more runs than documents -> several runs per document
            per_doc[pool[i % len(pool)]] = per_doc.get(pool[i % len(pool)], 0) + 1
        for doc, k in per_doc.items():
            sents = _ndt(doc)
            for run in _runs(len(sents), k, rng):
                rows += [(f"ndt/{doc}/{j}", f"ndt:{genre}", doc, sents[j]) for j in run]
    return rows


def sample_norquad(rng: random.Random, nlp) -> list[tuple[str, str, str, str]]:
    contexts = _norquad()
    first = {}
    for c, body in enumerate(contexts):
        first.setdefault(body, c)  # a context repeated for several questions is one document
    picked = rng.sample(sorted(first.values()), NORQUAD_CONTEXTS)
    rows = []
    for c in sorted(picked):
        body = contexts[c]
        spans = _line_spans(body, nlp)
        # some runs from the top (title, caption, byline, lead), the rest from a random place
        start = 0 if rng.random() < 0.4 else rng.randint(0, max(0, len(spans) - RUN))
        genre = norquad_genre(body)
        rows += [(f"norquad/{c}/{s}-{e}", f"norquad:{genre}", str(c), body[s:e]) for s, e in spans[start:start + RUN]]
    return rows


def sample_parlamint(nlp) -> list[tuple[str, str, str, str]]:
    rows = []
    for uid, body in _parlamint().items():
        rows += [(f"parlamint/{uid}/{s}-{e}", "parlamint", uid, body[s:e]) for s, e in _line_spans(body, nlp)]
    return rows


def sample_nli_nynorsk(rng: random.Random) -> list[tuple[str, str, str, str]]:
    """One nynorsk hypothesis from each of NLI_NYNORSK random premises."""
    by_premise: dict[str, list[dict]] = {}
    for row in _nli().values():
        if row["lang"] == "nn":
            by_premise.setdefault(row["premise_id"], []).append(row)
    rows = []
    for premise in sorted(rng.sample(sorted(by_premise), NLI_NYNORSK)):
        row = rng.choice(by_premise[premise])
        rows.append((f"nli/{row['doc']}/{row['pair_id']}", "nli_seed", row["doc"], row["hypothesis"]))
    return rows


def sample_round2(labelled: set[str], seed: int = SEED + 10) -> list[tuple[str, str, str, str]]:
    """A second round of NDT runs where opinions are common (blogs, news commentary: Klassekampen,
    Dagbladet, VG, Aftenposten, Bergens Tidende), skipping every run that touches a labelled sentence.
    The model fitted on the first round skipped only 43 % of held-out opinions; more of them, taken as they
    come. `labelled`: the first round's ids (the second is then the same sample every time)."""
    rng = random.Random(seed)
    rows = []
    docs = sorted(p.stem for p in NDT_DIR.glob("*.conll"))
    for genre, n_runs in ROUND2_RUNS.items():
        pool = [d for d in docs if NDT_GENRES[ndt_prefix(d)] == genre]
        rng.shuffle(pool)
        for doc in pool[:n_runs]:
            sents = _ndt(doc)
            for run in _runs(len(sents), 1, rng):
                ids = [f"ndt/{doc}/{j}" for j in run]
                if not labelled.intersection(ids):
                    rows += [(sid, f"ndt:{genre}", doc, sents[j]) for sid, j in zip(ids, run)]
    return rows


def sample(seed: int = SEED) -> list[tuple[str, str, str, str]]:
    from factcheck.text.nlp import load_nlp

    rng = random.Random(seed)
    nlp = load_nlp()
    rows = sample_ndt(rng) + sample_norquad(rng, nlp) + sample_parlamint(nlp)
    return rows + sample_nli_nynorsk(random.Random(seed + 1))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sample", help="write the sample as TSV (sent_id, source, doc, text)")
    s.add_argument("--seed", type=int, default=SEED)
    s.add_argument("--round", type=int, choices=(1, 2), default=1,
                   help="2: opinion-rich NDT runs that no first-round sentence (data/labels.tsv) touches")
    s.add_argument("--out", type=Path, required=True)
    sh = sub.add_parser("show", help="print the text, source and split of sentence ids")
    sh.add_argument("ids", nargs="+")
    a = ap.parse_args(argv)
    try:
        return _run(a)
    except FileNotFoundError as exc:
        print(f"error: {exc.filename or exc} not found; is ../shared at {SHARED}? (set FACTCHECK_SHARED)", file=sys.stderr)
    except (KeyError, IndexError, ValueError) as exc:
        print(f"error: no such sentence ({exc})", file=sys.stderr)
    return 1


def _run(a) -> int:
    if a.cmd == "show":
        for sid in a.ids:
            print(f"{sid}\t{source(sid)}\t{split(sid)}\t{text(sid)}")
        return 0
    if a.round == 2:
        with (REPO / "models" / "checkworthy" / "data" / "labels.tsv").open(encoding="utf-8") as fh:
            labelled = {row["sent_id"] for row in csv.DictReader(fh, delimiter="\t") if row["round"] == "1"}
        rows = sample_round2(labelled)
    else:
        rows = sample(a.seed)
    with a.out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(["sent_id", "source", "doc", "text"])
        w.writerows(rows)
    print(f"{len(rows)} sentences from {len({r[2] for r in rows})} documents -> {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
