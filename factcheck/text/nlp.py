"""The spaCy pipeline for Norwegian: a trained one when shipped, else blank 'nb' plus rules.

Sentence boundaries matter more than anything else here: a wrong split cuts a
claim in two. spaCy's blank Norwegian tokenizer already keeps "f.eks.",
"bl.a.", "kl.", "1.5" and "16.00" whole; the rules below add what it misses.
"""

from __future__ import annotations

import logging
import os
import re
from functools import lru_cache
from pathlib import Path

from ..config import REPO_DIR, artefact_path

log = logging.getLogger(__name__)

# models/spacy/nb_factcheck in a checkout; factcheck/_models/spacy/nb_factcheck in a wheel
TRAINED_PIPELINE_DIR = artefact_path("spacy/nb_factcheck") or REPO_DIR / "models" / "spacy" / "nb_factcheck"

# Abbreviations ending in a period that spaCy's nb exceptions lack.
EXTRA_ABBREVIATIONS = [
    "St.meld.", "St.prp.", "Prop.", "Meld.", "Innst.", "pst.", "kr.", "ang.", "evt.", "iflg.",
    "inkl.", "ekskl.", "tlf.", "avd.", "dept.", "prof.", "dr.", "mht.", "vha.", "pga.", "bla.",
    "mnd.", "md.", "årh.", "sek.", "min.", "gj.sn.", "o.a.", "ift.", "ev.", "jfr.", "s.", "ff.",
]
_ORDINAL_OR_YEAR = re.compile(r"^\d+\.$")


def _add_rules(nlp) -> None:
    from spacy.attrs import ORTH
    from spacy.language import Language

    for abbr in EXTRA_ABBREVIATIONS:
        nlp.tokenizer.add_special_case(abbr, [{ORTH: abbr}])
        nlp.tokenizer.add_special_case(abbr.capitalize(), [{ORTH: abbr.capitalize()}])

    if not Language.has_factory("nb_sentence_rules"):
        Language.component("nb_sentence_rules", func=_sentence_rules)
    if "sentencizer" not in nlp.pipe_names and "parser" not in nlp.pipe_names and "senter" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer", config={"punct_chars": [".", "!", "?", "…", "‼", "⁇", "⁈", "⁉"]})
    nlp.add_pipe("nb_sentence_rules", last=True)


def _sentence_rules(doc):
    """Fix the boundaries a period-based splitter gets wrong in Norwegian.

    - "i 2024. Evalueringen ..." : the tokenizer keeps "2024." whole (it reads as an
      ordinal), so no split happens; split when a capitalised word follows.
    - "ca. 5" or an unknown abbreviation: a "sentence" starting in lower case
      continues the previous one.
    - A lone closing quote or bracket after the period belongs to the sentence before;
      an opening one belongs to the sentence after.
    A parsed doc is left alone: its boundaries come from the parser, and spaCy
    refuses boundary edits on parsed docs.
    """
    if doc.has_annotation("DEP"):
        return doc
    for i in range(1, len(doc)):
        prev, tok = doc[i - 1], doc[i]
        if _ORDINAL_OR_YEAR.match(prev.text) and tok.text[:1].isupper() and prev.whitespace_:
            tok.is_sent_start = True
        elif tok.is_sent_start and (tok.text[:1].islower() or tok.text in {"»", "”", ")", "]", "\""}):
            tok.is_sent_start = False
        elif tok.is_sent_start and i >= 2 and prev.text in {"(", "«", "[", "“"} and prev.whitespace_ == "":
            prev.is_sent_start, tok.is_sent_start = True, False  # "metadon. (4)." : the bracket opens the next one
    return doc


def import_spacy():
    """Import spaCy without letting thinc import torch (seconds of start-up; our pipelines don't use it).

    Call it from the main thread before starting others: for that moment `import torch` fails
    process-wide.
    """
    import sys

    if "spacy" in sys.modules or "torch" in sys.modules:
        return sys.modules.get("spacy") or __import__("spacy")
    sys.modules["torch"] = None  # thinc.compat's `import torch` fails -> has_torch = False
    try:
        import spacy
    finally:
        if sys.modules.get("torch", "") is None:
            del sys.modules["torch"]
    return spacy


def load_nlp(name: str | None = None):
    """Load the trained pipeline if present, else blank 'nb' + rules (with a warning).

    `name` (or $FACTCHECK_SPACY_MODEL) may name any installed spaCy pipeline or a path;
    "blank" forces the rule-based fallback. Cached by the choice in force at the call, so a
    blank pipeline chosen once is not handed to a later caller who asked for the trained one.
    """
    return _load_nlp(name or os.environ.get("FACTCHECK_SPACY_MODEL") or "")


@lru_cache(maxsize=4)
def _load_nlp(choice: str):
    spacy = import_spacy()
    if choice != "blank":
        path = Path(choice) if choice else TRAINED_PIPELINE_DIR
        if choice or path.is_dir():
            try:
                nlp = spacy.load(path if path.exists() else choice)
            except OSError as exc:
                log.warning("spaCy pipeline %s could not be loaded (%s); using blank nb + rules", choice, exc)
            else:
                _add_rules(nlp)
                return nlp
        else:
            log.warning("trained spaCy pipeline not found at %s; using blank nb + rules", path)
    nlp = spacy.blank("nb")
    _add_rules(nlp)
    return nlp
