"""Which order cites the right passage first: retrieval's fused score, or claim cover x similarity?

Run:  .venv/bin/python benchmarks/citation_order.py [PAIRS]   (PAIRS: models/stance/nli/build.py's output,
      default ~/.cache/factcheck/nli/pairs.tsv; the index of the documents is built once in /tmp/nlidocs)

Claim-like retrieval on text nobody tuned for: the written NLI hypotheses of the held-out (test-split)
treebank documents, entailment and contradiction, against those whole documents; a hit when the
hypothesis's premise is inside a cited passage. The checker reads 8 passages (api.JUDGED); the ones that
decide nothing are cited in one of these orders (factcheck/verdict/aggregate.py uses cover x similarity).
2026-12-01: 953 claims, fused R@1/3/8 0.754/0.937/0.964, cover x dense 0.763/0.943/0.964.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from written_docs import DEFAULT_PAIRS, WORK, corpus, held_out_rows  # noqa: E402
from factcheck.embedding.encoder import Encoder  # noqa: E402
from factcheck.index.store import PassageIndex, build_index  # noqa: E402
from factcheck.index.search import Searcher  # noqa: E402
from factcheck.stance.cover import overlap  # noqa: E402
from factcheck.stance.quantities import content_words  # noqa: E402
rows = held_out_rows(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_PAIRS)
enc = Encoder()
if not (WORK / 'index' / 'manifest.json').exists():
    build_index(corpus(rows), WORK / 'index', enc, progress=None)
index = PassageIndex.load(WORK / 'index')
s = Searcher(index)
claims = [r for r in rows if r['label'] in ('entailment', 'contradiction')]
texts = [r['hypothesis'] for r in claims]
vec = enc.encode_queries(texts)
hits = s.search(texts, vec, k=8)
col = lambda t: " ".join(t.split())
def rate(order):
    r = {1: 0, 3: 0, 8: 0}
    for c, row in zip(claims, hits):
        ranked = order(c, row)
        for k in r: r[k] += any(col(c['premise']) in col(h.passage.text) for h in ranked[:k])
    return {k: round(v / len(claims), 3) for k, v in r.items()}
print(len(claims), 'fused', rate(lambda c, row: row))
print('cover*dense', rate(lambda c, row: sorted(row, key=lambda h: -overlap(content_words(c['hypothesis']), h.passage.text) * h.dense)))
