"""Assemble the Norwegian NLI set: written pairs (the seed and the project's own) plus generated ones.

    python models/stance/nli/build.py --out ~/.cache/factcheck/nli/pairs.tsv

Premises are read from ../shared at build time (the repository keeps only premise ids and
hypotheses). Every pair gets a split by its source document (`split_of`), never by pair, so no
premise document is on both sides. Generated pairs (FactCC-style edits of premise sentences by
factcheck/stance/perturb.py: numbers, names, negation, direction, antonyms, quantifiers, clauses)
come only from train documents and are marked `origin=generated`.

`--pad-context` adds, for each written train pair, a copy whose premise is widened by the sentence
before or after it in its document (`origin=padded`, same label): the checker reads retrieved windows
of two or three sentences, and a reader trained on lone sentences takes the extra sentence as a sign
of "neutral". Test pairs are never padded; the trainers keep padded pairs out of validation.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import random
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from premises import SEED_DIR, premise_span, premise_text, read_sentences, NDT_DIR  # noqa: E402

WRITTEN_DIR = HERE / "written"
LABELS = ("entailment", "contradiction", "neutral")
TEST_SHARE = 15  # percent of documents held out
GEN_LABEL = {"supported": "entailment", "contradicted": "contradiction", "not_enough_info": "neutral"}
FIELDS = ("pair_id", "doc", "premise", "hypothesis", "label", "phenomenon", "lang", "origin", "split")


def split_of(doc: str) -> str:
    """'test' for about TEST_SHARE % of the documents, by a hash of the document id (stable, seedless)."""
    return "test" if int(hashlib.sha1(doc.encode()).hexdigest(), 16) % 100 < TEST_SHARE else "train"


def seed_pairs() -> list[dict]:
    rows = []
    for f in sorted(SEED_DIR.glob("pairs_*.tsv")):
        with f.open(encoding="utf-8") as fh:
            for r in csv.DictReader(fh, delimiter="\t"):
                rows.append({"pair_id": f"seed-{r['pair_id']}", "doc": r["doc"], "premise": r["premise"],
                             "hypothesis": r["hypothesis"], "label": r["label"], "phenomenon": r["phenomenon"],
                             "lang": r["lang"], "origin": "seed"})
    return rows


FIRST_ROUND = (1, 2, 3)  # the first round of written batches (the later rounds: models/stance/nli/DATASHEET.md)


def written_pairs(batches: tuple[int, ...] | None = None) -> list[dict]:
    """The team's written pairs, all batches or only `batches` (by number: written/batch_K.tsv)."""
    rows, cache = [], {}
    files = sorted(WRITTEN_DIR.glob("batch_*.tsv"))
    if batches is not None:
        files = [f for f in files if int(f.stem.split("_")[1]) in batches]
    for f in files:
        with f.open(encoding="utf-8") as fh:
            for r in csv.DictReader(fh, delimiter="\t"):
                if not r.get("premise_id") or r.get("label") not in LABELS:
                    continue
                doc = r["premise_id"].split("/")[1]
                rows.append({"pair_id": r["pair_id"], "premise_id": r["premise_id"], "doc": doc,
                             "premise": premise_text(r["premise_id"], cache),
                             "hypothesis": r["hypothesis"].strip(), "label": r["label"],
                             "phenomenon": r["phenomenon"], "lang": r["lang"], "origin": "written"})
    return rows


def generated_pairs(train_docs: set[str], per_doc: int, seed: int) -> list[dict]:
    """Edits of real sentences from train documents; each premise gives at most one pair per label."""
    from factcheck.stance import perturb

    rng = random.Random(seed)
    rows = []
    docs = sorted(d for d in train_docs if (NDT_DIR / f"{d}.conll").exists())
    names = ["Oslo", "Bergen", "Trondheim", "Stavanger", "Tromsø", "Sverige", "Danmark", "Tyskland", "Finland",
             "Kristiansand", "Bodø", "Drammen", "London", "Paris", "Stockholm"]
    for doc in docs:
        sents = [s["text"] for s in read_sentences(NDT_DIR / f"{doc}.conll")
                 if not s["heading"] and 10 <= len(s["words"]) <= 40 and s["text"][-1:] in ".!"]
        rng.shuffle(sents)
        for k, sent in enumerate(sents[:per_doc]):
            # no word dropout: its ungrammatical output would teach "broken sentence = entailment"
            options = {"entailment": [g for g in perturb.supported_variants(sent, rng)
                                      if g.method not in ("identity", "dropout")],
                       "contradiction": perturb.contradicted_variants(sent, rng, names),
                       "neutral": perturb.unverifiable_details(sent, rng, names, sents)}
            for label, cands in options.items():
                cands = [g for g in cands if g.text.strip() and g.text.strip() != sent.strip()]
                if cands:
                    g = rng.choice(cands)
                    rows.append({"pair_id": f"gen-{doc}-{k}-{label[0]}", "doc": doc, "premise": sent,
                                 "hypothesis": g.text, "label": label, "phenomenon": f"gen-{g.method}",
                                 "lang": "nb", "origin": "generated"})
    return rows


def padded_pairs(rows: list[dict], seed: int) -> list[dict]:
    """Each written train pair again, its premise widened by a neighbouring sentence of its document."""
    rng = random.Random(seed)
    cache: dict[str, list[dict]] = {}
    out = []
    for r in rows:
        if r["split"] != "train" or r["origin"] != "written":
            continue
        doc, span = premise_span(r["premise_id"])
        if doc not in cache:
            cache[doc] = read_sentences(NDT_DIR / f"{doc}.conll")
        sents = cache[doc]
        lo, hi = span[0], span[-1]
        sides = [k for k in (lo - 1, hi + 1) if 0 <= k < len(sents) and not sents[k]["heading"]
                 and 4 <= len(sents[k]["words"]) <= 45]
        if not sides:
            continue
        k = rng.choice(sides)
        premise = f"{sents[k]['text']} {r['premise']}" if k < lo else f"{r['premise']} {sents[k]['text']}"
        out.append({**r, "pair_id": f"{r['pair_id']}-pad", "premise": premise, "origin": "padded"})
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--generated-per-doc", type=int, default=15, help="premise sentences per train document to edit")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--batches", type=int, nargs="+", default=None,
                    help="written batches to include (default all); `--batches 1 2 3` rebuilds what the shipped "
                         "stance models were trained on")
    ap.add_argument("--pad-context", action="store_true",
                    help="add each written train pair again with a neighbouring sentence beside its premise")
    a = ap.parse_args(argv)
    rows = seed_pairs() + written_pairs(tuple(a.batches) if a.batches else None)
    for r in rows:
        r["split"] = split_of(r["doc"])
    train_docs = {r["doc"] for r in rows if r["split"] == "train"} | {
        p.stem for p in NDT_DIR.glob("*.conll") if split_of(p.stem) == "train"}
    gen = generated_pairs(train_docs, a.generated_per_doc, a.seed) if a.generated_per_doc else []
    for r in gen:
        r["split"] = "train"
    rows += gen
    if a.pad_context:
        rows += padded_pairs(rows, a.seed)
    a.out.parent.mkdir(parents=True, exist_ok=True)
    with a.out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, FIELDS, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL, extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    counts = Counter((r["origin"], r["split"], r["label"]) for r in rows)
    for key in sorted(counts):
        print(*key, counts[key], sep="\t")
    print(f"{len(rows)} pairs -> {a.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
