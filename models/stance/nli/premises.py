"""Premises for the project's Norwegian NLI set, read from ../shared at build time.

The written pairs in `written/` refer to premises by a stable id (`ndt/DOC/K`: the K-th
sentence of an NDT/NorNE document, or `ndt/DOC/K+1` for two consecutive sentences), so no
treebank text is copied into the repository: the text is rebuilt from `../shared/data/norne`
whenever the data set is built.

    python models/stance/nli/premises.py sample --per-doc 8 --out /tmp/premises.tsv
    python models/stance/nli/premises.py sample-round2 --per-doc 5 --out /tmp/premises_r2.tsv
    python models/stance/nli/premises.py sample-round3 --per-doc 3 --out /tmp/premises_r3.tsv
    python models/stance/nli/premises.py sample-round4 --per-doc 4 --out /tmp/premises_r4.tsv

The second round draws only from train-split documents (the test split stays exactly as it was,
so figures before and after stay comparable), never a sentence already used, and prefers
sentences with a figure: number phenomena were the thinnest part of the first round.

The third round draws passages of two or three consecutive sentences (as the checker reads a
retrieved window), from train-split documents, none of whose sentences was used before: the
claims written over them restate one fact of the passage in a writer's own words, and the other
sentences are there as a real passage's distractors are.

The fourth round draws such passages again, only those with a figure, date or year in digits:
the third round's were mostly opinion prose, while the claims the checker misreads restate facts
with figures, dates and named actors from reports and news. Few fresh sentences with a figure are
left, so a sentence an earlier round used alone (as an edited single-sentence premise) may stand in
a passage; no passage overlaps an earlier passage, and all are from train-split documents.
"""
from __future__ import annotations

import argparse
import csv
import random
import re
from pathlib import Path

SHARED = Path(__file__).resolve().parents[3] / ".." / "shared"
NDT_DIR = SHARED / "data" / "norne" / "ndt_nob"
SEED_DIR = SHARED / "data" / "nb_nli_seed"

_NO_SPACE_BEFORE = re.compile(r" ([,.:;!?)\]»%]|'s)")
_NO_SPACE_AFTER = re.compile(r"([(\[«]) ")


def detokenise(words: list[str]) -> str:
    text = " ".join(words)
    text = _NO_SPACE_BEFORE.sub(r"\1", text)
    text = _NO_SPACE_AFTER.sub(r"\1", text)
    return text.replace(" - ", " – ").replace('" ', '"', 1) if text.count('"') == 2 and text.startswith('" ') else text


def read_sentences(path: Path) -> list[dict]:
    """Sentences of one NDT file: words, whether it is a heading, whether it holds a name/number."""
    sents, cur = [], []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if cur:
                sents.append(cur)
                cur = []
            continue
        cols = line.split("\t")
        cur.append(cols)
    out = []
    for toks in sents:
        words = [t[1] for t in toks]
        heading = any(t[3] == "clb" and "<overskrift>" in t[5] for t in toks) or "|" in words
        out.append({
            "words": words,
            "text": detokenise(words),
            "heading": heading,
            "has_name": any(t[9].startswith("name=B") for t in toks),
            "has_number": any(t[3] == "det" and "kvant" in t[5] or any(c.isdigit() for c in t[1]) for t in toks),
        })
    return out


def premise_span(premise_id: str) -> tuple[str, range]:
    """The document and sentence numbers of a premise id: `ndt/DOC/K` one sentence, `ndt/DOC/K+N` K to K+N."""
    _, doc, ks = premise_id.split("/")
    first, _, more = ks.partition("+")
    return doc, range(int(first), int(first) + 1 + int(more or 0))


def premise_text(premise_id: str, cache: dict | None = None) -> str:
    """The text of a premise id (`ndt/DOC/K` or `ndt/DOC/K+1`)."""
    doc, span = premise_span(premise_id)
    cache = {} if cache is None else cache
    if doc not in cache:
        cache[doc] = read_sentences(NDT_DIR / f"{doc}.conll")
    return " ".join(cache[doc][k]["text"] for k in span)


def seed_premises() -> set[str]:
    seen = set()
    for f in sorted(SEED_DIR.glob("pairs_*.tsv")):
        with f.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                seen.add(re.sub(r"\s+", "", row["premise"]))
    return seen


def _candidates(doc: str, sents: list[dict], seen_text: set[str], used: set[str] = frozenset()) -> list[int]:
    """Sentences fit to be a premise: not a heading, 10-45 tokens, declarative (starting and ending as
    sentences do: NDT cuts some mid-sentence), not in the seed and not used before."""
    out = []
    for k, s in enumerate(sents):
        if (s["heading"] or not 10 <= len(s["words"]) <= 45 or f"ndt/{doc}/{k}" in used
                or re.sub(r"\s+", "", s["text"]) in seen_text):
            continue
        if not re.match(r"[A-ZÆØÅ0-9«\"–-]", s["text"]) or not re.search(r"[.!»\"]$", s["text"]):
            continue
        out.append(k)
    return out


def _premises(doc: str, sents: list[dict], picked: list[int], used: set[str] = frozenset()) -> list[tuple[str, str, str]]:
    """(id, doc, text) of the picked sentences; every fourth is a short paragraph, the sentence and the next."""
    rows = []
    for j, k in enumerate(sorted(picked)):
        pid = f"ndt/{doc}/{k}"
        if (j % 4 == 3 and k + 1 < len(sents) and not sents[k + 1]["heading"] and f"ndt/{doc}/{k + 1}" not in used
                and len(sents[k]["words"]) + len(sents[k + 1]["words"]) <= 60):
            pid = f"ndt/{doc}/{k}+1"
        rows.append((pid, doc, premise_text(pid, {doc: sents})))
    return rows


def sample(per_doc: int, seed: int) -> list[tuple[str, str, str]]:
    """Candidate premises (id, doc, text), spread over every NDT document, none from the seed."""
    rng = random.Random(seed)
    seen_text = seed_premises()
    rows = []
    for path in sorted(NDT_DIR.glob("*.conll")):
        sents = read_sentences(path)
        cands = _candidates(path.stem, sents, seen_text)
        rng.shuffle(cands)
        # prefer sentences with a number or a name (checkable facts), keep some without
        cands.sort(key=lambda k: not (sents[k]["has_number"] or sents[k]["has_name"]) and rng.random() < 0.7)
        rows += _premises(path.stem, sents, cands[:per_doc])
    return rows


def sentence_ids(premise_id: str) -> set[str]:
    """The sentence ids (`ndt/DOC/K`) a premise id is made of: one, or a paragraph's (`ndt/DOC/K+1`)."""
    doc, span = premise_span(premise_id)
    return {f"ndt/{doc}/{k}" for k in span}


def used_premises(written_dir: Path, passages_only: bool = False) -> set[str]:
    """Sentence ids (`ndt/DOC/K`) already used as a premise or part of one by the written pairs;
    with `passages_only`, only those of multi-sentence premises (`ndt/DOC/K+N`)."""
    used = set()
    for f in sorted(written_dir.glob("*.tsv")):
        with f.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                if not passages_only or "+" in row["premise_id"]:
                    used |= sentence_ids(row["premise_id"])
    return used


def sample_round2(per_doc: int, seed: int, is_train, written_dir: Path) -> list[tuple[str, str, str]]:
    """Fresh premises from train-split documents: figures first, then names, then the rest.

    `is_train(doc)` is the build's split rule, passed in so this module needs no import of it.
    """
    rng = random.Random(seed)
    rows = []
    for doc, sents, cands, used in _fresh_train_sentences(is_train, written_dir):
        rng.shuffle(cands)
        digits = lambda k: any(c.isdigit() for c in sents[k]["text"])  # noqa: E731
        cands.sort(key=lambda k: 0 if digits(k) else 1 if sents[k]["has_number"] else 2 if sents[k]["has_name"] else 3)
        rows += _premises(doc, sents, cands[:per_doc], used)
    return rows


def _fresh_train_sentences(is_train, written_dir: Path, passages_only: bool = False):
    """(doc, sentences, candidate sentence numbers, used ids) of each train-split document, in file order:
    candidates are fit premises that neither the seed nor a written batch in `written_dir` has used. With
    `passages_only`, a sentence used alone is a candidate again: only sentences of an earlier multi-sentence
    premise are left out, so no passage repeats or overlaps one."""
    seen_text = seed_premises()
    used = used_premises(written_dir, passages_only)
    for path in sorted(NDT_DIR.glob("*.conll")):
        if is_train(path.stem):
            sents = read_sentences(path)
            yield path.stem, sents, _candidates(path.stem, sents, seen_text, used), used


def sample_round3(per_doc: int, seed: int, is_train, written_dir: Path,
                  min_words: int = 30, max_words: int = 75, digits_only: bool = False) -> list[tuple[str, str, str]]:
    """Passages (`ndt/DOC/K+1` or `+2`) of fresh sentences from train-split documents, figures and names first.

    `digits_only` (the fourth round): only passages with a figure, date or year written in digits, and
    a sentence an earlier round used alone may stand in one (`_fresh_train_sentences(passages_only=True)`)."""
    rng = random.Random(seed)
    rows = []
    for doc, sents, cands, _ in _fresh_train_sentences(is_train, written_dir, passages_only=digits_only):
        fit = set(cands)
        digit = lambda i: any(c.isdigit() for c in sents[i]["text"])  # noqa: E731
        starts = []
        for k in sorted(fit):
            for extra in (2, 1):  # the longest passage of fit sentences that stays within max_words
                ks = range(k, k + extra + 1)
                words = sum(len(sents[i]["words"]) for i in ks if i < len(sents))
                if (all(i in fit for i in ks) and min_words <= words <= max_words
                        and (not digits_only or any(digit(i) for i in ks))):
                    starts.append((k, extra))
                    break
        rng.shuffle(starts)
        figures = lambda k, n: any(sents[i]["has_number"] or sents[i]["has_name"] for i in range(k, k + n + 1))  # noqa: E731
        starts.sort(key=lambda x: not figures(*x))
        taken: set[int] = set()
        picked = 0
        for k, extra in starts:
            if picked == per_doc or any(i in taken for i in range(k - 2, k + extra + 3)):
                continue  # at most per_doc passages; those of one document do not overlap or touch
            taken |= set(range(k, k + extra + 1))
            pid = f"ndt/{doc}/{k}+{extra}"
            rows.append((pid, doc, premise_text(pid, {doc: sents})))
            picked += 1
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sample", help="write candidate premises as TSV (premise_id, doc, premise)")
    s.add_argument("--per-doc", type=int, default=8)
    s.add_argument("--seed", type=int, default=17)
    s.add_argument("--out", type=Path, required=True)
    r2 = sub.add_parser("sample-round2", help="fresh premises from train-split documents, figures first")
    r2.add_argument("--per-doc", type=int, default=5)
    r2.add_argument("--seed", type=int, default=23)
    r2.add_argument("--out", type=Path, required=True)
    r3 = sub.add_parser("sample-round3", help="passages of 2-3 fresh sentences from train-split documents")
    r3.add_argument("--per-doc", type=int, default=3)
    r3.add_argument("--seed", type=int, default=31)
    r3.add_argument("--out", type=Path, required=True)
    r4 = sub.add_parser("sample-round4", help="passages of 2-3 sentences with a figure or date in digits, "
                                              "none overlapping an earlier passage")
    r4.add_argument("--per-doc", type=int, default=4)
    r4.add_argument("--seed", type=int, default=41)
    r4.add_argument("--out", type=Path, required=True)
    a = ap.parse_args(argv)
    if a.cmd in ("sample-round2", "sample-round3", "sample-round4"):
        from build import WRITTEN_DIR, split_of
        is_train = lambda d: split_of(d) == "train"  # noqa: E731
        if a.cmd == "sample-round2":
            rows = sample_round2(a.per_doc, a.seed, is_train, WRITTEN_DIR)
        else:
            rows = sample_round3(a.per_doc, a.seed, is_train, WRITTEN_DIR, digits_only=a.cmd == "sample-round4")
    else:
        rows = sample(a.per_doc, a.seed)
    with a.out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["premise_id", "doc", "premise"])
        w.writerows(rows)
    print(f"{len(rows)} premises from {len({r[1] for r in rows})} documents -> {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
