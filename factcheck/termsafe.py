"""User text on its way to a terminal: no control characters, no Rich markup.

Transcript text, claim text, notes and speaker names come from outside. Written to a
terminal unchanged, an ESC sequence in them can clear the screen or set the window
title, and a `[/x]` in them is Rich markup (a crash) or `[applaus]` a tag (silently
dropped). Everything user-given passes through `plain` (plain output) or `markup`
(text that goes into a Rich markup string).
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls, and the bidi overrides that reorder what is shown
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def plain(text) -> str:
    """`text` without control characters (a carriage return becomes a line break)."""
    return _CONTROL.sub("", str(text).replace("\r\n", "\n").replace("\r", "\n"))


def markup(text) -> str:
    """`text` made safe to put inside a Rich markup string: no control characters, brackets escaped."""
    from rich.markup import escape

    return escape(plain(text))
