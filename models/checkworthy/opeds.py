"""Score check-worthiness models on whole written texts that nothing is trained or tuned on.

    .venv/bin/python models/checkworthy/opeds.py [MODEL.json ...]     # default: the shipped model.json

`data/oped_test.tsv`: ten texts of the kinds a fact-checker is sent (op-eds, editorials, debate
speeches, news), written and labelled sentence by sentence by the team by GUIDELINES.md, after
and apart from the training data; no training script reads it. Each text is checked as one
text, in order, as `factcheck check` reads it (hard rules, neighbours, classifier at the model's
own cut), and the decisions are compared with the labels: precision/recall/F1 of the check-worthy
class and the share decided right per gold kind. The labelled training sentences come from the
sampled sources (`sentences.py`); this set says how a model does on argumentative prose.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
sys.path.insert(0, str(HERE))

TEST = HERE / "data" / "oped_test.tsv"


def read_texts(path: Path = TEST) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("models", nargs="*", type=Path, default=[HERE / "model.json"])
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args(argv)

    from train import evaluate, render  # noqa: E402 (the training script's scorer: one definition)

    from factcheck.claims.classifier import CheckworthyModel
    from factcheck.embedding.encoder import Encoder
    from factcheck.text.sentences import as_sentences

    missing = [str(p) for p in args.models if not p.is_file()]
    if missing:
        print(f"error: no such model file: {', '.join(missing)}", file=sys.stderr)
        return 1
    rows = read_texts()
    texts = [r["text"] for r in rows]
    ids = [f"oped/{r['text_no']}/{i}" for i, r in enumerate(rows)]  # one text = one run, as the checker sees it
    y = np.array([int(r["checkworthy"]) for r in rows])
    kinds = [r["kind"] for r in rows]
    sents = as_sentences(texts)
    encoder = Encoder()
    emb = encoder.encode_queries(texts)
    figures = {}
    for path in args.models:
        model = CheckworthyModel.from_json(json.loads(path.read_text(encoding="utf-8")))
        result = evaluate(model, ids, texts, sents, [""] * len(rows), emb, y, kinds, encoder.model_id)
        result["threshold"] = model.threshold
        figures[str(path)] = result
        print(f"== {path} (cut {model.threshold}), {len({r['text_no'] for r in rows})} texts")
        print(render(result) + "\n")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
