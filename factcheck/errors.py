"""One exception type for everything a user can cause or fix.

The CLI turns a `FactcheckError` into a one-line message and a non-zero exit
code; anything else is a bug and keeps its traceback.
"""


class FactcheckError(Exception):
    """A problem the user can act on (bad input, missing index, wrong model)."""
