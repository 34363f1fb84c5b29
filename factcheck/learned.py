"""Which learned parts the checker uses now, where each comes from, and why one is left out.

A verdict rests on several small trained artefacts beside the embedding model (the verdict combiner, the
confidence mapping of a "Støttet" and a "not enough info", the checks' measured precision, the check-worthiness classifier,
the spaCy pipeline, and on the opt-in learned path the stance model and cross-encoder). Each has its own
switch and its own fallback, so `factcheck models info` lists them in one place: a user who sees an
unexpected confidence can tell whether a part is off, missing or fitted for another combiner.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from .config import artefact_path
from .errors import FactcheckError


@dataclass
class LearnedPart:
    name: str  # what it does, in a few words
    where: str  # the file it is read from, or "-"
    state: str  # "in use", "off (...)", "missing: ...", "not applied: ...", "opt-in: ..."


def _where(relative: str) -> str:
    path = artefact_path(relative)
    return str(path) if path else "-"


def _combiner_parts() -> list[LearnedPart]:
    from .stance.combiner import ENV_VAR, OFF, load_combiner
    from .verdict.confidence import ENV_VAR as CONFIDENCE_VAR, calibration_for

    chosen = os.environ.get(ENV_VAR) or _where("stance/combiner.json")
    try:
        combiner = load_combiner()
    except FactcheckError as exc:
        return [LearnedPart("verdict combiner", chosen, f"error: {exc}")]
    if combiner is None:
        parts = [LearnedPart("verdict combiner", "-", f"off ({ENV_VAR}={os.environ.get(ENV_VAR)}): the rules' confidence")]
    else:
        how = "decides the verdict" if combiner.meta.get("override") is not None else "keeps the rules' verdict"
        parts = [LearnedPart("verdict combiner", chosen, f"in use ({combiner.level} level, {how})")]
    chosen = os.environ.get(CONFIDENCE_VAR)
    if chosen and chosen.strip().lower() in OFF:
        return parts + [LearnedPart("confidence mapping", "-", f"off ({CONFIDENCE_VAR}={chosen})")]
    where = chosen or _where("stance/confidence.json")
    try:
        calibration = calibration_for(combiner)
    except FactcheckError as exc:
        return parts + [LearnedPart("confidence mapping", where, f"error: {exc}")]
    if calibration is not None:
        state = f"in use ({', '.join(sorted(calibration.verdicts))})"
    elif where == "-":
        state = "missing: the combiner's probability is shown"
    elif combiner is None:
        state = "not applied: the verdict combiner is off"
    else:
        state = "not applied: fitted over another verdict combiner"
    parts.append(LearnedPart("confidence mapping", where, state))
    return parts


def _file_part(name: str, relative: str, missing: str, used: str = "in use") -> LearnedPart:
    where = _where(relative)
    return LearnedPart(name, where, used if where != "-" else f"missing: {missing}")


def learned_parts() -> list[LearnedPart]:
    """Every learned part of the verdict, as the current environment selects it."""
    from .claims.classifier import ENV_VAR as CHECKWORTHY_VAR, OFF as CHECKWORTHY_OFF
    from .text.nlp import TRAINED_PIPELINE_DIR

    parts = _combiner_parts()
    parts.append(_file_part("Motsagt ceilings (checks' precision)", "stance/finding_precision.json",
                            "a Motsagt is shown as sure as the combiner says"))
    parts.append(_file_part("mined opposite words", "stance/antonyms_mined.json", "the written lexicon alone"))
    checkworthy = os.environ.get(CHECKWORTHY_VAR)
    if checkworthy and checkworthy.strip().lower() in CHECKWORTHY_OFF:
        parts.append(LearnedPart("check-worthiness classifier", "-", f"off ({CHECKWORTHY_VAR}={checkworthy}): the rules"))
    elif checkworthy:
        parts.append(LearnedPart("check-worthiness classifier", checkworthy, "in use"))
    else:
        parts.append(_file_part("check-worthiness classifier", "checkworthy/model.json", "the rules decide"))
    spacy_name = os.environ.get("FACTCHECK_SPACY_MODEL")
    parts.append(LearnedPart("spaCy pipeline (sentences, parse, names)", spacy_name or str(TRAINED_PIPELINE_DIR),
                             "in use" if spacy_name or TRAINED_PIPELINE_DIR.exists() else "missing: rule-based sentences"))
    parts += _stance_readers()
    return parts


def _stance_readers() -> list[LearnedPart]:
    """The stance model and the cross-encoder: read only on the learned path (a combiner that needs them)."""
    from .stance import cross, nli
    from .stance.combiner import needs_stance_model

    try:
        used = needs_stance_model()
    except FactcheckError:
        used = False
    parts = []
    for name, variable, relative, missing in (
            ("stance model (attention)", "FACTCHECK_STANCE_MODEL", nli.ARTEFACT, "the learned path falls back to the rules"),
            ("stance cross-encoder", "FACTCHECK_STANCE_CROSS", cross.ARTEFACT, "the attention model reads alone")):
        base = nli._chosen_artefact(variable, relative)
        if base is None:
            parts.append(LearnedPart(name, "-", f"off ({variable}=none)"))
        elif not os.path.exists(base + ".npz"):
            parts.append(LearnedPart(name, base + ".npz", f"missing: {missing}"))
        else:
            parts.append(LearnedPart(name, base + ".npz", "in use (the learned path)" if used
                                     else "opt-in: FACTCHECK_STANCE_COMBINER=combiner-nli.json"))
    return parts


def render(parts: list[LearnedPart]) -> str:
    width = max(len(p.name) for p in parts) + 2
    return "\n".join(f"  {p.name:<{width}}{p.state}\n  {'':<{width}}{p.where}" for p in parts) + "\n"
