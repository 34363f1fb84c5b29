"""Commands that do no checking must not pay for the heavy libraries (torch: seconds to import)."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("torch", "sentence_transformers", "transformers", "onnxruntime", "spacy", "fastapi", "uvicorn")

PROBE = """
import runpy, sys
sys.argv = ['factcheck', *sys.argv[1:]]
try:
    runpy.run_module('factcheck', run_name='__main__')
except SystemExit as exc:
    code = exc.code or 0
print('LOADED:' + ','.join(m for m in {heavy!r} if sys.modules.get(m)), file=sys.stderr)
sys.exit(code)
"""


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["corpus", "list"], ["serve", "--help"], ["check", "--help"],
                                  ["models", "info"]])
def test_commands_that_check_nothing_import_no_heavy_library(args):
    out = subprocess.run([sys.executable, "-c", PROBE.format(heavy=HEAVY), *args], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    loaded = out.stderr.strip().splitlines()[-1]
    assert loaded == "LOADED:", f"{' '.join(args)} imported {loaded}"
