"""A calendar year written as digits (1900-2099), one pattern for the readers and the checks.

Digits on either side make it part of another number ("12019", "20201"), letters do not
("2019Kv4" in a squeezed table header is still 2019).
"""

from __future__ import annotations

import re

YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def years_in(text: str) -> set[str]:
    """The years a text names, as written."""
    return set(YEAR.findall(text))
