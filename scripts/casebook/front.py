"""Front matter of every generated page, serialised by the YAML library alone.

A value is never formatted into front matter by hand: a place name from a correction
holding a newline and a ``---`` line ended a hand-quoted block early, and the HTML after
it became part of the page (issue 12). YAML's safe dumper quotes such a value and indents
its continuation lines, so no line of it can close the block MkDocs looks for.
"""

from __future__ import annotations

import yaml

_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when the wheel has it: 10x faster


def front_matter_block(meta: dict) -> str:
    """``meta`` as a page's front matter, ``---`` lines included, followed by a blank line.

    The safe dumper (``yaml.safe_dump``'s, in C when available) writes plain data only;
    keys keep their order and long values stay on one line, so pages are stable."""
    text = yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=10**6)
    return f"---\n{text}---\n\n"
