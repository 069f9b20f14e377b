"""Single-line text: names, titles and other fields that end up in e-mail headers, subjects and tickets."""

from __future__ import annotations

import re

# Control characters and line separators (CR, LF, NEL, U+2028, U+2029 among them) never belong in a name or
# a title: refused at input, and replaced by the e-mail builder should one reach it anyway.
SINGLE_LINE_PATTERN = r"^[^\x00-\x1f\x7f-\x9f\u2028\u2029]*$"
_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def single_line(text: str) -> str:
    """``text`` with every run of control or line-separator characters replaced by one space."""
    return _BREAKS.sub(" ", text).strip()


_NOT_IN_DISPLAY_NAMES = re.compile(r"[^\w .'-]+")


def display_name(text: str) -> str:
    """A person's name as an e-mail display name: letters of any script, digits, spaces and ``.'-``. Other
    characters (``<>,;:"\\@()[]``) are replaced: the standard library does not keep them quoted when it folds
    a long header, so they could turn a name into extra addresses."""
    return " ".join(_NOT_IN_DISPLAY_NAMES.sub(" ", single_line(text)).split())
