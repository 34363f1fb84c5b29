"""What a check found, in words a user can read ("Korpuset sier 31 %, påstanden sier 65 %")."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Finding:
    kind: str  # number | negation | direction | antonym | entity | quantifier | certainty | comparison | quote
    effect: str  # supports | contradicts | neutral
    message: dict[str, str]  # {"nb": ..., "en": ...}
    claim_value: str = ""
    evidence_value: str = ""


def bilingual(nb: str, en: str) -> dict[str, str]:
    """A finding's message in bokmål and English, as `Finding.message` holds it."""
    return {"nb": nb, "en": en}
