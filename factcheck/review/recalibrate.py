"""Recalibrate the stance combiner on reviewed claims (run by a command, never automatically).

Reviewed claims are the labels the generated training data lacks: real
paraphrases, judged by people. Each decided claim gives (claim, passage) pairs:
  - the deciding passage (the first cited one) gets the stance of the reviewer's
    verdict (supported -> supports, contradicted -> contradicts);
  - with "not enough info", every cited passage is neutral;
  - the other passages of a supported/contradicted claim are left out (unknown).
Features come from factcheck.stance.engine.combiner_inputs, exactly as at check
time; the fit and the metrics are models/stance/train_combiner.py's `fit`/`report`.
"""

from __future__ import annotations

import importlib.util
import json
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .. import config
from ..errors import FactcheckError
from ..results import PAIR_STANCE
from ..stance.checks import FEATURES
from ..stance.combiner import CLASSES, Combiner
from ..stance.engine import RULE_FEATURES, combiner_inputs
from ..textio import write_text_atomically
from .store import ReviewedClaim, ReviewStore

ALL_FEATURES = list(FEATURES) + list(RULE_FEATURES)  # the order train_combiner.py uses
MIN_PER_CLASS = 2


@dataclass
class Pair:
    claim_id: int
    features: dict[str, float]
    label: str  # supports | contradicts | neutral
    rule: str  # what the rules alone say about this pair


@dataclass
class Summary:
    out: Path
    claims: int
    pairs: Counter
    rules_agreement: float
    in_sample: dict
    notes: list[str] = field(default_factory=list)

    def render(self) -> str:
        lines = [f"reviewed claims: {self.claims}; (claim, passage) pairs: {sum(self.pairs.values())} "
                 f"({', '.join(f'{k}: {v}' for k, v in sorted(self.pairs.items()))})",
                 f"rules agree with the reviewers on {self.rules_agreement:.1%} of the pairs",
                 f"recalibrated combiner on the same pairs (in-sample, optimistic): macro-F1 {self.in_sample['macro_f1']:.3f}, "
                 f"accuracy {self.in_sample['accuracy']:.3f}, ECE {self.in_sample['ece']:.3f}",
                 *self.notes,
                 f"wrote {self.out}; use it with FACTCHECK_STANCE_COMBINER={self.out} factcheck check ...",
                 "measure it before adopting it: FACTCHECK_STANCE_COMBINER=... factcheck eval CLAIMS"]
        return "\n".join(lines) + "\n"


def reviewed_pairs(claims: list[ReviewedClaim], contexts: dict[str, str]) -> list[Pair]:
    """Labelled pairs from decided claims (see the module docstring for the rule)."""
    pairs = []
    for claim in claims:
        verdict = claim.final_verdict
        if verdict is None or not claim.evidence:
            continue
        chosen = claim.evidence if verdict == "not_enough_info" else claim.evidence[:1]
        for e in chosen:
            context = contexts.get(e.passage_id, e.title)
            _, ruled, features = combiner_inputs(claim.text, e.text, e.score, 100.0 if e.quote else 0.0, context)
            pairs.append(Pair(claim.id, features, PAIR_STANCE[verdict], ruled.stance))
    return pairs


def _passage_contexts(index_dir: Path | None, notes: list[str]) -> dict[str, str]:
    """Title and author of each passage, as at check time; titles alone when the index is not there."""
    from ..index.store import PassageIndex

    directory = Path(index_dir) if index_dir else config.default_index_dir()
    try:
        index = PassageIndex.load(directory)
    except FactcheckError as exc:
        notes.append(f"note: no passage context ({exc}); document titles used instead")
        return {}
    return {p.id: p.context for p in index.passages}


def _trainer():
    """models/stance/train_combiner.py, the one place the combiner is fitted and measured."""
    script = config.artefact_path("stance/train_combiner.py")
    if script is None:
        raise FactcheckError("recalibration needs models/stance/train_combiner.py from a faktasjekk checkout")
    spec = importlib.util.spec_from_file_location("factcheck_train_combiner", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def recalibrate(store: ReviewStore, out: Path, index_dir: Path | None = None, C: float = 1.0) -> Summary:
    """Fit a combiner on the store's decided claims and write it as JSON to `out`."""
    import numpy as np

    notes: list[str] = []
    claims = store.decided()
    pairs = reviewed_pairs(claims, _passage_contexts(index_dir, notes))
    counts = Counter(p.label for p in pairs)
    short = [c for c in CLASSES if counts[c] < MIN_PER_CLASS]
    if short:
        have = ", ".join(f"{c}: {counts[c]}" for c in CLASSES)
        raise FactcheckError(
            f"too few reviewed examples to recalibrate: need {MIN_PER_CLASS} (claim, passage) pairs of every stance, "
            f"have {have}; decide more claims (supported, contradicted and not_enough_info) first"
        )
    trainer = _trainer()
    X = np.array([[p.features[f] for f in ALL_FEATURES] for p in pairs], dtype="float64")
    y = np.array([CLASSES.index(p.label) for p in pairs])
    model, mean, scale = trainer.fit(X, y, C)
    in_sample = trainer.report(model, mean, scale, X, y)
    agreement = sum(p.rule == p.label for p in pairs) / len(pairs)
    combiner = Combiner(ALL_FEATURES, mean.tolist(), scale.tolist(), model.coef_.tolist(), model.intercept_.tolist(),
                        [CLASSES[i] for i in model.classes_], {
                            "trained_at": time.strftime("%Y-%m-%d"), "source": "review decisions",
                            "review_db": str(store.path), "claims": len(claims), "pairs": len(pairs), "C": C,
                            "in_sample": in_sample, "rules_agreement": agreement,
                        })
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomically(out, json.dumps(combiner.to_json(), indent=1))
    return Summary(out, len(claims), counts, agreement, in_sample, notes)
