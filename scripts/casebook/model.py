"""The few plain data types that pass between pipeline steps."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Line:
    """One line of a source document, numbered from 1 as an editor shows it."""

    no: int
    text: str


@dataclass
class Removal:
    """A piece of input the cleaner dropped, kept so nothing is silently lost."""

    file: str
    line: int
    text: str
    reason: str

    def as_dict(self) -> dict:
        return {"file": self.file, "line": self.line, "text": self.text, "reason": self.reason}


@dataclass
class Document:
    """A decoded source file: its lines and what reading it found out."""

    file: str
    sha256: str
    encoding: str
    lines: list[Line]
    # Lines the reader already knows are not the document (a web page's navigation):
    # line number → ledger reason.  The cleaner records them like its own removals.
    preremoved: dict[int, str] = field(default_factory=dict)
    # Characters the reader cut out of lines (controls, invisible marks), for the ledger.
    removed: list[Removal] = field(default_factory=list)


@dataclass
class Block:
    """A paragraph or heading after cleaning, with the source lines it came from.

    kind is one of: "p" (paragraph), "h2", "h3" (recovered outline headings),
    "item" (a 一是/1. item whose lead sentence is shown in bold), "title" and
    "byline" (organisation and speaker lines), set by split.
    """

    text: str
    first_line: int
    last_line: int
    kind: str = "p"


@dataclass
class Case:
    """One case: a unit's speech or article, or a whole single document."""

    file: str
    sha256: str
    blocks: list[Block]
    title: str
    context: str | None = None
    byline: str | None = None
    org_line: str | None = None

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)

    @property
    def first_line(self) -> int:
        return min(b.first_line for b in self.blocks)

    @property
    def last_line(self) -> int:
        return max(b.last_line for b in self.blocks)
