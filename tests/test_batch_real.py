"""`factcheck batch` on the real model: the ParlaMint sample and a TV debate with known verdicts.

Marked slow (loads multilingual-e5-small once); kept to a few dozen sentences.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck.transcripts.runner import BatchConfig, run_batch

pytestmark = pytest.mark.slow

PARLAMINT = Path(__file__).resolve().parents[2] / "shared" / "eval" / "parlamint"
DEBATE = (
    "[00:00:10] Kari Nordmann (A): HAB ble etablert i Norge i 2022 som et prøveprosjekt i Oslo og Bergen.\n"
    "[00:00:40] Ola Hansen (H): Ett år etter oppstart var det en reduksjon på 40 % i narkotikarelatert\n"
    "kriminalitet. Hva skjer etter 2026?\n"
)


def test_parlamint_sample_and_a_tv_debate_end_to_end(real_env, tmp_path):
    (tmp_path / "tv.txt").write_text(DEBATE, encoding="utf-8")
    out = tmp_path / "rows.jsonl"
    result = run_batch(BatchConfig(inputs=[PARLAMINT, tmp_path / "tv.txt"], out=out, workers=1))
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]

    sitting = [r for r in rows if r["transcript_id"] == "ParlaMint-NO_2022-05-10"]
    assert len({r["utterance_id"] for r in sitting}) == 4  # every utterance, nynorsk included
    assert {(r["speaker"], r["party"]) for r in sitting} == {("Masud Gharahkhani", "A")}

    tv = {r["text"]: r for r in rows if r["transcript_id"] == "tv"}
    supported = tv["HAB ble etablert i Norge i 2022 som et prøveprosjekt i Oslo og Bergen."]
    assert (supported["speaker"], supported["verdict"]) == ("Kari Nordmann", "supported")
    contradicted = tv["Ett år etter oppstart var det en reduksjon på 40 % i narkotikarelatert\nkriminalitet."]
    assert (contradicted["party"], contradicted["verdict"]) == ("H", "contradicted")
    assert "31 %" in contradicted["reason"] and contradicted["evidence"][0]["doc_id"] == "oslo-sv-hab-permanent-tilbud"
    assert tv["Hva skjer etter 2026?"]["reason_code"] == "question"

    assert result.tally.by_party["H"].contradicted == 1 and result.tally.by_speaker[("Kari Nordmann", "A")].supported == 1
    report = (tmp_path / "rows.flagged.md").read_text(encoding="utf-8")
    assert "Ola Hansen (H)" in report and "31 %" in report
