"""Faktasjekk: a Norwegian fact checker with cited evidence.

The public API is `FactChecker` (imported lazily so that `import factcheck`
stays fast and torch-free until a checker is actually built).
"""

__version__ = "0.1.0"
__all__ = ["FactChecker", "__version__"]


def __getattr__(name: str):
    if name == "FactChecker":
        from .api import FactChecker

        return FactChecker
    raise AttributeError(name)
