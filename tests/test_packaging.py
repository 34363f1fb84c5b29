"""A wheel carries every trained artefact the checker loads (config.artefact_path reads factcheck/_models/ there)."""

import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_every_shipped_stance_artefact_is_in_the_wheel():
    # the top of models/stance holds only what the checker loads (training reports live in models/stance/nli/);
    # a new artefact left out of pyproject's force-include works in a checkout and is missing after `pip install`
    included = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    included = included["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    shipped = sorted(str(p.relative_to(REPO)) for p in (REPO / "models" / "stance").iterdir()
                     if p.suffix in (".json", ".npz"))
    assert "models/stance/confidence.json" in shipped
    missing = [p for p in shipped + ["models/checkworthy/model.json"] if p not in included]
    assert not missing, f"not in [tool.hatch.build.targets.wheel.force-include]: {missing}"
    for source, target in included.items():
        assert (REPO / source).exists(), source
        if source.startswith("models/"):
            assert target == "factcheck/_" + source, (source, target)
