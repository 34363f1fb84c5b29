"""`factcheck models info` lists the learned parts of the verdict and what the environment makes of each."""

import pytest
from typer.testing import CliRunner

from factcheck.learned import learned_parts
from factcheck.stance.combiner import load_combiner
from factcheck.verdict import confidence

VARIABLES = ("FACTCHECK_STANCE_COMBINER", "FACTCHECK_CONFIDENCE", "FACTCHECK_CHECKWORTHY_MODEL",
             "FACTCHECK_STANCE_MODEL", "FACTCHECK_STANCE_CROSS", "FACTCHECK_SPACY_MODEL")


@pytest.fixture
def env(monkeypatch):
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    load_combiner.cache_clear()
    confidence._load.cache_clear()
    yield monkeypatch
    load_combiner.cache_clear()
    confidence._load.cache_clear()


def _states() -> dict[str, str]:
    return {p.name: p.state for p in learned_parts()}


def test_the_shipped_parts_are_in_use_and_the_learned_path_is_opt_in(env):
    states = _states()
    assert states["verdict combiner"] == "in use (claim level, keeps the rules' verdict)"
    assert states["confidence mapping"] == "in use (not_enough_info, supported)"
    assert states["check-worthiness classifier"] == "in use"
    assert states["stance model (attention)"].startswith("opt-in")


def test_the_environment_switches_are_named(env):
    env.setenv("FACTCHECK_CONFIDENCE", "none")
    assert _states()["confidence mapping"] == "off (FACTCHECK_CONFIDENCE=none)"
    env.delenv("FACTCHECK_CONFIDENCE")
    env.setenv("FACTCHECK_STANCE_COMBINER", "combiner-nli.json")
    env.setenv("FACTCHECK_STANCE_CROSS", "none")
    load_combiner.cache_clear()
    states = _states()
    assert states["verdict combiner"] == "in use (claim level, decides the verdict)"
    assert states["confidence mapping"] == "not applied: fitted over another verdict combiner"
    assert states["stance model (attention)"] == "in use (the learned path)"
    assert states["stance cross-encoder"] == "off (FACTCHECK_STANCE_CROSS=none)"


def test_a_missing_file_is_said_not_raised(env):
    from factcheck.cli import app

    env.setenv("FACTCHECK_STANCE_COMBINER", "/no/such/combiner.json")
    env.setenv("FACTCHECK_STANCE_MODEL", "/no/such/stance")
    result = CliRunner().invoke(app, ["models", "info"])
    assert result.exit_code == 0, result.output
    assert "learned parts of the verdict" in result.output
    assert "error: stance combiner not found: /no/such/combiner.json" in result.output
    assert "missing: the learned path falls back to the rules" in result.output
