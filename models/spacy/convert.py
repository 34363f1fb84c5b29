#!/usr/bin/env python
"""Convert NorNE / NDT bokmål .conll files into spaCy DocBins.

Input (see ../shared/data/norne/README.md):
  ndt_nob/*.conll                  NDT format, 10 columns:
                                   id, form, lemma, Oslo-Bergen POS, POS, features,
                                   head, NDT deprel, _, name=IOB2
  ud_nob/no_bokmaal-ud-dev.conllu  the dev documents again, in UD format

Output: <out>/train.spacy and <out>/dev.spacy (default models/spacy/corpus/).

* train/dev split by file name ranges (UD_Norwegian-Bokmaal "DATA SPLITS").
* Oslo-Bergen tag + features -> UPOS + UD features via a table learned on the dev
  documents, where both formats exist (models/spacy/ob_to_ud.json, committed; rebuild
  it with --relearn-mapping).  For the dev documents themselves the real UD
  UPOS/features/lemmas/SpaceAfter are used where the sentence aligns, so dev scores
  are measured against genuine UD annotation.
* heads/deps are the NDT ones (NDT labels, root label "ROOT").
* entities from the name=IOB2 column (NorNE types).
* several consecutive sentences of a file are grouped into one Doc so that sentence
  segmentation is learned across sentence boundaries.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent.parent
DEFAULT_DATA = (REPO_ROOT / ".." / "shared" / "data" / "norne").resolve()
DEFAULT_OUT = HERE / "corpus"
DEFAULT_TABLE = HERE / "ob_to_ud.json"

DEV_RANGES = [
    ("ap012_0003", "ap014_0002"),
    ("bt005_0002", "bt005_0005"),
    ("db013_0005", "db014_0002"),
    ("kk006_0001", "kk007_0000"),
    ("sp-bm002_0000", "sp-bm002_0001"),
    ("vg002_0004", "vg002_0004"),
    ("blogg-bm003_0001", "blogg-bm003_0002"),
    ("nou004_0001", "nou004_0001"),
    ("st005_0001", "st005_0002"),
]

# Oslo-Bergen punctuation tags
OB_PUNCT = {"clb", "<komma>", "<strek>", "<anf>", "<parentes-beg>", "<parentes-slutt>"}

NO_SPACE_BEFORE = {".", ",", ":", ";", "!", "?", ")", "]", "}", "»", "...", "%", "…", "”", "’"}
NO_SPACE_AFTER = {"(", "[", "{", "«", "“", "‘"}


def _prefix(stem: str) -> str:
    return stem.rsplit("_", 1)[0].rstrip("0123456789")


def is_dev(stem: str) -> bool:
    for lo, hi in DEV_RANGES:
        if _prefix(stem) == _prefix(lo) and lo <= stem <= hi and len(stem) == len(lo):
            return True
    return False


def read_ndt(path: Path) -> list[list[dict]]:
    sents, cur = [], []
    for line in path.read_text(encoding="utf8").splitlines():
        line = line.rstrip("\n")
        if not line.strip():
            if cur:
                sents.append(cur)
                cur = []
            continue
        if line.startswith("#"):
            continue
        c = line.split("\t")
        if len(c) < 10 or not c[0].isdigit():
            continue
        ner = c[9]
        ner = ner.split("name=", 1)[1] if "name=" in ner else "O"
        cur.append(
            dict(
                form=c[1], lemma=c[2], obpos=c[3], feats=c[5], head=int(c[6]),
                dep=c[7], ner=ner.split("|")[0],
            )
        )
    if cur:
        sents.append(cur)
    return sents


def read_ud(path: Path) -> list[list[dict]]:
    sents, cur = [], []
    for line in path.read_text(encoding="utf8").splitlines():
        if not line.strip():
            if cur:
                sents.append(cur)
                cur = []
            continue
        if line.startswith("#"):
            continue
        c = line.split("\t")
        if not c[0].isdigit():  # multiword / empty nodes
            continue
        misc = c[9]
        cur.append(
            dict(
                form=c[1], lemma=c[2], upos=c[3], feats="" if c[5] == "_" else c[5],
                space="SpaceAfter=No" not in misc,
            )
        )
    if cur:
        sents.append(cur)
    return sents


AUX_LEMMAS = {"være", "ha", "bli", "kunne", "skulle", "ville", "måtte", "burde", "få"}


# NDT functions of a predicative: UD tags "som" heading one as SCONJ ("fungerer som leder"),
# "som" in an attribute or adverbial as ADP ("en by som Bergen").
PREDICATIVE_DEPS = {"SPRED", "FSPRED", "OPRED", "FOPRED"}


def context_flag(sent: list[dict], i: int) -> str:
    """Small syntactic context from the NDT tree that decides UD categories:
    verbs: auxiliary-capable lemma + has an INFV (non-finite verb) dependent + has a
    predicative dependent (copula "er" is AUX, existential/locative "er" is VERB);
    prepositions: category of the complement (infinitive/clause -> SCONJ in UD), then "p"
    when the preposition itself is a predicative."""
    t = sent[i]
    kid_deps = {k["dep"] for k in sent if k["head"] == i + 1}
    if t["obpos"] == "verb":
        aux = "a" if t["lemma"].lower() in AUX_LEMMAS else "v"
        return aux + str(int("INFV" in kid_deps)) + str(int(bool(kid_deps & {"SPRED", "FSPRED"})))
    if t["obpos"] in ("prep", "sbu"):
        comp = [k["obpos"] for k in sent if k["head"] == i + 1 and k["dep"] == "PUTFYLL"]
        flag = comp[0] if comp and comp[0] in ("inf-merke", "verb", "sbu") else "n"
        return flag + ("p" if t["dep"] in PREDICATIVE_DEPS else "")
    return ""


def coarse_context(pos: str, ctx: str) -> str:
    return ctx.rstrip("p") if pos in ("prep", "sbu") else ctx


def keys_for(sent: list[dict], i: int) -> list[str]:
    """Lookup keys, most specific first. The predicative flag of prepositions is used with
    the lemma only: it separates "som" well but splits other prepositions' counts thin."""
    t = sent[i]
    pos, feats, lemma = t["obpos"], t["feats"], t["lemma"].lower()
    ctx = context_flag(sent, i)
    coarse = coarse_context(pos, ctx)
    return [
        f"L0|{pos}|{feats}|{lemma}|{ctx}",
        f"L1|{pos}|{feats}|{lemma}",
        f"L2|{pos}|{feats}|{coarse}",
        f"L3|{pos}|{feats}",
        f"L4|{pos}",
    ]


def align_ud(ndt_dev: list[list[dict]], ud: list[list[dict]]):
    """Yield (ndt_sent, ud_sent) pairs with identical token forms."""
    by_forms = defaultdict(list)
    for s in ud:
        by_forms[tuple(t["form"] for t in s)].append(s)
    for s in ndt_dev:
        key = tuple(t["form"] for t in s)
        cands = by_forms.get(key)
        yield s, (cands.pop(0) if cands else None)


def learn_table(pairs) -> dict:
    counts: dict[str, Counter] = defaultdict(Counter)
    for nd, ud in pairs:
        if ud is None:
            continue
        for i, t in enumerate(nd):
            val = ud[i]["upos"] + "\t" + ud[i]["feats"]
            for k in keys_for(nd, i):
                counts[k][val] += 1
    table = {}
    for k in sorted(counts):
        c = counts[k]
        n = sum(c.values())
        best, nb = c.most_common(1)[0]
        # keep lemma-specific entries only when well attested
        if k.startswith(("L0", "L1", "L2")) and n < 3:
            continue
        table[k] = best
    # drop entries whose back-off gives the same answer (keeps the file small);
    # least specific first, so a deletion never changes an earlier decision
    def lookup(keys):
        return next((table[x] for x in keys if x in table), None)

    for lvl in ("L2", "L0"):
        for k in [k for k in table if k.startswith(lvl)]:
            p = k.split("|")
            if lvl == "L2":
                rest = [f"L3|{p[1]}|{p[2]}", f"L4|{p[1]}"]
            else:
                coarse = coarse_context(p[1], p[4])
                rest = [f"L1|{p[1]}|{p[2]}|{p[3]}", f"L2|{p[1]}|{p[2]}|{coarse}", f"L3|{p[1]}|{p[2]}", f"L4|{p[1]}"]
            if lookup(rest) == table[k]:
                del table[k]
    return table


def map_token(table: dict, sent: list[dict], i: int) -> tuple[str, str]:
    for k in keys_for(sent, i):
        if k in table:
            upos, feats = table[k].split("\t")
            return upos, feats
    t = sent[i]
    if t["obpos"] in OB_PUNCT:
        return "PUNCT", ""
    return "X", ""


def mapping_accuracy(table: dict, pairs) -> tuple[float, float, int]:
    """Share of aligned dev tokens whose mapped UPOS (and UPOS+features) equal the real UD."""
    n = ok_pos = ok_all = 0
    for nd, ud in pairs:
        if ud is None:
            continue
        for i in range(len(nd)):
            upos, feats = map_token(table, nd, i)
            n += 1
            ok_pos += upos == ud[i]["upos"]
            ok_all += upos == ud[i]["upos"] and feats == ud[i]["feats"]
    return ok_pos / n, ok_all / n, n


def cross_validated_accuracy(pairs, file_of: list[int], folds: int = 2) -> tuple[float, float, int]:
    """Mapping accuracy on dev files the table was not learned from: how right the mapped
    train labels are (the in-sample figure flatters the table)."""
    n = ok_pos = ok_all = 0
    for fold in range(folds):
        learn = [p for p, f in zip(pairs, file_of) if f % folds != fold]
        held = [p for p, f in zip(pairs, file_of) if f % folds == fold]
        pos_acc, all_acc, m = mapping_accuracy(learn_table(learn), held)
        n, ok_pos, ok_all = n + m, ok_pos + pos_acc * m, ok_all + all_acc * m
    return ok_pos / n, ok_all / n, n


def heuristic_spaces(words: list[str]) -> list[bool]:
    spaces = [True] * len(words)
    quote_open = False
    for i, w in enumerate(words):
        if w == '"':
            if not quote_open:  # opening quote: no space after
                spaces[i] = False
            elif i > 0:
                spaces[i - 1] = False
            quote_open = not quote_open
        if w in NO_SPACE_AFTER:
            spaces[i] = False
        if w in NO_SPACE_BEFORE and i > 0:
            spaces[i - 1] = False
    return spaces


def clean_lemma(form: str, lemma: str, is_punct: bool) -> str:
    if is_punct or lemma.startswith("$") and len(lemma) > 1:
        return form
    return lemma


def build_doc(vocab, sents: list[tuple[list[dict], list[dict] | None]], table: dict) -> Doc:
    words, spaces, pos, morphs, lemmas, heads, deps, ents = [], [], [], [], [], [], [], []
    for nd, ud in sents:
        off = len(words)
        sw = [t["form"] for t in nd]
        if ud is not None:
            sp = [t["space"] for t in ud]
        else:
            sp = heuristic_spaces(sw)
        sp[-1] = True  # sentence boundary: always whitespace
        for i, t in enumerate(nd):
            if ud is not None:
                upos, feats, lemma = ud[i]["upos"], ud[i]["feats"], ud[i]["lemma"]
            else:
                upos, feats = map_token(table, nd, i)
                lemma = t["lemma"]
            words.append(t["form"])
            pos.append(upos)
            morphs.append(feats)
            lemmas.append(clean_lemma(t["form"], lemma, upos == "PUNCT"))
            if t["head"] == 0:
                heads.append(off + i)
                deps.append("ROOT")
            else:
                heads.append(off + t["head"] - 1)
                deps.append(t["dep"])
            ents.append(t["ner"])
        spaces.extend(sp)
    spaces[-1] = False
    return Doc(
        vocab, words=words, spaces=spaces, pos=pos, morphs=morphs, lemmas=lemmas,
        heads=heads, deps=deps, ents=ents,
    )


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="NorNE data dir (default: %(default)s)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output dir for DocBins")
    ap.add_argument("--table", type=Path, default=DEFAULT_TABLE, help="Oslo-Bergen -> UD mapping table (JSON)")
    ap.add_argument("--relearn-mapping", action="store_true", help="re-learn the mapping table from dev")
    ap.add_argument("--sents-per-doc", type=int, default=10)
    ap.add_argument("--cross-validate", action="store_true",
                    help="also score the mapping on dev files it was not learned from")
    args = ap.parse_args(argv)

    ndt_dir = args.data / "ndt_nob"
    ud_path = args.data / "ud_nob" / "no_bokmaal-ud-dev.conllu"
    files = sorted(ndt_dir.glob("*.conll"))
    if not files:
        print(f"no .conll files in {ndt_dir}", file=sys.stderr)
        return 1
    train_files = [f for f in files if not is_dev(f.stem)]
    dev_files = [f for f in files if is_dev(f.stem)]
    print(f"{len(train_files)} train files, {len(dev_files)} dev files")

    dev_by_file = {f: read_ndt(f) for f in dev_files}
    ud = read_ud(ud_path)
    all_dev = [s for f in dev_files for s in dev_by_file[f]]
    pairs = list(align_ud(all_dev, ud))
    aligned = sum(u is not None for _, u in pairs)
    print(f"dev: {len(all_dev)} NDT sentences, {len(ud)} UD sentences, {aligned} aligned")

    if args.relearn_mapping or not args.table.exists():
        table = learn_table(pairs)
        args.table.write_text(json.dumps(table, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf8")
        print(f"wrote mapping table with {len(table)} entries to {args.table}")
    else:
        table = json.loads(args.table.read_text(encoding="utf8"))
    pos_acc, all_acc, n = mapping_accuracy(table, pairs)
    print(f"mapping on dev (in-sample): UPOS {pos_acc:.4f}, UPOS+feats {all_acc:.4f} ({n} tokens)")
    if args.cross_validate:
        file_of = [fi for fi, f in enumerate(dev_files) for _ in dev_by_file[f]]
        pos_acc, all_acc, n = cross_validated_accuracy(pairs, file_of)
        print(f"mapping on dev (2-fold by file, the train labels' accuracy): UPOS {pos_acc:.4f}, "
              f"UPOS+feats {all_acc:.4f} ({n} tokens)")

    nlp = spacy.blank("nb")
    args.out.mkdir(parents=True, exist_ok=True)
    k = args.sents_per_doc
    for name, flist in (("train", train_files), ("dev", dev_files)):
        db = DocBin(store_user_data=False)
        nsent = ntok = 0
        for f in flist:
            sents = dev_by_file[f] if name == "dev" else read_ndt(f)
            if name == "dev":
                sp = list(align_ud(sents, ud))
            else:
                sp = [(s, None) for s in sents]
            for j in range(0, len(sp), k):
                doc = build_doc(nlp.vocab, sp[j : j + k], table)
                db.add(doc)
                nsent += len(sp[j : j + k])
                ntok += len(doc)
        path = args.out / f"{name}.spacy"
        db.to_disk(path)
        print(f"wrote {path}: {len(db)} docs, {nsent} sentences, {ntok} tokens")
    return 0


if __name__ == "__main__":
    sys.exit(main())
