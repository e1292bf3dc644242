"""Rules files people edit (cases/*.yml, corrections.yml): read within limits and checked
against a small declarative schema (``schemas.py``) when loaded, so that a mistake is one
line naming the file, the key and what is expected — never a traceback, a hang or a
silently wrong tag.

Limits: a rules file is written by hand, so it is small (at most ``MAX_BYTES``), nests at
most ``MAX_DEPTH`` levels, and its aliases (``*name``, which repeat an ``&name`` value) may
not expand it beyond ``MAX_VALUES`` values — a few lines of nested aliases would otherwise
expand to billions.  A key given twice in one mapping is refused: YAML would keep only the
last one.  Patterns are checked by ``Regex`` (they compile, and cannot backtrack without end).
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import yaml

from . import regex_guard
from .errors import CasebookError

MAX_BYTES = 1_000_000
MAX_DEPTH = 100
MAX_VALUES = 100_000
LIMIT = 100_000  # the largest count or length a rule may give


class RuleError(CasebookError):
    """A rules file that cannot be used; the message names the file and says why."""


class _Bad(Exception):
    """A value that does not fit its schema, at a place in the file (``where``)."""

    def __init__(self, where: str, message: str):
        super().__init__(f"{where}: {message}" if where else message)
        self.where, self.message = where, message


def read(path: Path, schema=None):
    """The content of a rules file, checked against ``schema``.  FileNotFoundError is the
    caller's to word; every other problem is a RuleError naming the file."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _Bad("", f"{size / 1e6:.1f} MB is too large for a rules file (at most {MAX_BYTES / 1e6:.0f} MB)")
        value = _parse(path.read_bytes().decode("utf-8-sig"))
        if schema is not None:
            if value is None and not isinstance(schema, Nullable):
                raise _Bad("", f"the file is empty (expected {schema.what})")
            schema.check(value, "")
    except UnicodeDecodeError as exc:
        raise RuleError(f"{path}: not UTF-8 text (byte {exc.start})") from exc
    except yaml.YAMLError as exc:
        raise RuleError(f"{path}: not valid YAML ({_yaml_problem(exc)})") from exc
    except _Bad as exc:
        raise RuleError(f"{path}: {exc}") from exc
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise RuleError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    return value


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing to nest deeper than MAX_DEPTH (it recurses per level)."""

    depth = 0

    def compose_node(self, parent, index):
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _Bad("", f"nested more than {MAX_DEPTH} levels deep")
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _parse(text: str):
    """YAML to Python, its aliases bounded before any value is built from them."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _expanded(node, 1, {}, set())
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _expanded(node, depth: int, memo: dict, open_: set) -> tuple[int, int]:
    """(values, levels) of a node with its aliases expanded; an alias is counted each time it is used."""
    key = id(node)
    if key in open_:
        raise _Bad("", f"line {node.start_mark.line + 1}: an alias (*name) repeats a value that holds it")
    if key not in memo:
        open_.add(key)
        children = node.value if isinstance(node, yaml.SequenceNode) else []
        if isinstance(node, yaml.MappingNode):
            _no_key_twice(node)
            children = [n for pair in node.value for n in pair]
        values, levels = 1, 0
        for child in children:
            v, lv = _expanded(child, depth + 1, memo, open_)
            values, levels = values + v, max(levels, lv)
            if values > MAX_VALUES:
                raise _Bad("", f"it holds more than {MAX_VALUES} values once its aliases (*name) are expanded; "
                               "a rules file is written by hand, not generated")
        open_.discard(key)
        memo[key] = (values, levels + 1)
    if depth + memo[key][1] > MAX_DEPTH + 1:
        raise _Bad("", f"nested more than {MAX_DEPTH} levels deep")
    return memo[key]


def _no_key_twice(node) -> None:
    """YAML keeps the last of two equal keys and drops the first without a word."""
    seen: dict[str, int] = {}
    for k, _ in node.value:
        if isinstance(k, yaml.ScalarNode) and k.value != "<<":
            if k.value in seen:
                raise _Bad("", f"{k.value} is given twice (lines {seen[k.value]} and {k.start_mark.line + 1})")
            seen[k.value] = k.start_mark.line + 1


def _yaml_problem(exc: yaml.YAMLError) -> str:
    """PyYAML's message on one line: where, and what."""
    mark, problem = getattr(exc, "problem_mark", None), getattr(exc, "problem", None)
    if mark is None or problem is None:
        return " ".join(str(exc).split())
    return f"line {mark.line + 1}, column {mark.column + 1}: {problem}"


# ---- the schema: what a value must be -------------------------------------------------------


def show(value) -> str:
    """A value as the message names it."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the value {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {value if len(value) <= 60 else value[:60] + '…'!r}"
    if isinstance(value, list):
        return "a list" if value else "an empty list"
    if isinstance(value, dict):
        return "a mapping"
    return f"the value {str(value)[:60]}"  # a date


def _at(where: str, key) -> str:
    return f"{where}.{key}" if where else str(key)


class Spec:
    """One kind of value; ``what`` says it in a message (\"expected <what>, got …\")."""

    what = "a value"

    def check(self, value, where: str) -> None:
        raise NotImplementedError

    def refuse(self, value, where: str, hint: str = ""):
        raise _Bad(where, f"expected {self.what}, got {show(value)}{hint}")


class Text(Spec):
    def __init__(self, what: str = "text", chars: str | None = None):
        self.what, self.chars = what, chars and re.compile(chars)

    def check(self, value, where):
        if not isinstance(value, str):
            scalar = value is not None and not isinstance(value, (list, dict))
            self.refuse(value, where, "; put it in quotes to make it text" if scalar else "")
        if not value.strip() or (self.chars is not None and not self.chars.fullmatch(value)):
            self.refuse(value, where)


class Whole(Spec):
    def __init__(self, lo: int, hi: int = LIMIT, what: str | None = None):
        self.lo, self.hi = lo, hi
        self.what = what or f"a whole number from {lo} to {hi}"

    def check(self, value, where):
        if isinstance(value, bool) or not isinstance(value, int) or not self.lo <= value <= self.hi:
            self.refuse(value, where)


class Number(Spec):
    what = "a number of 0 or more"

    def check(self, value, where):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= LIMIT:
            self.refuse(value, where)
        if not math.isfinite(value):
            self.refuse(value, where)


class Regex(Spec):
    """A Python regular expression that compiles and cannot backtrack without end.
    ``joined``: it is joined with others into one expression (noise.yml), so it may not set
    a flag for the whole, name a group or refer back to one."""

    what = "a regular expression (text)"

    def __init__(self, joined: bool = False, groups: tuple[str, ...] = ()):
        self.joined, self.groups = joined, groups

    def check(self, value, where):
        Text(self.what).check(value, where)
        problem = regex_problem(value, self.joined, self.groups)
        if problem:
            shown = value if len(value) <= 80 else value[:80] + "…"
            raise _Bad(where, f"{shown!r} {problem}")


def regex_problem(pattern: str, joined: bool = False, groups: tuple[str, ...] = ()) -> str | None:
    """What is wrong with a rule's pattern, said after the pattern; None when it is fine."""
    try:
        tree = regex_guard.parse(pattern)
    except re.error as exc:
        return f"is not a valid regular expression ({exc})"
    except (RecursionError, OverflowError):
        return "is not a valid regular expression (nested or repeated too deeply)"
    if joined and tree.state.flags & ~re.UNICODE:
        return "sets a flag for the whole expression; the patterns are joined into one, so scope it: (?i:…)"
    if joined and (tree.state.groupdict or regex_guard.refers_back(pattern, tree)):
        return "names a group or refers back to one; the patterns are joined into one, so use (?:…) and no \\1"
    missing = [g for g in groups if g not in tree.state.groupdict]
    if missing:
        return f"needs the group (?P<{missing[0]}>…)"
    problem = regex_guard.lookbehind_problem(pattern, tree)
    if problem:
        return f"is not a valid regular expression ({problem})"
    why = regex_guard.explain(tree)
    if why:
        return (f"can take forever on some lines (catastrophic backtracking): {why}; make each repetition "
                "take a fixed part, or separate repetitions by a character they cannot take, or use (?>…)")
    return None


class ListOf(Spec):
    def __init__(self, item: Spec, what: str, at_least: int = 0):
        self.item, self.what, self.at_least = item, what, at_least

    def check(self, value, where):
        if not isinstance(value, list):
            self.refuse(value, where)
        if len(value) < self.at_least:
            self.refuse(value, where)
        for i, v in enumerate(value):
            self.item.check(v, f"{where}[{i}]")


class MapOf(Spec):
    """A mapping whose keys are names people choose (the fields of fields.yml)."""

    def __init__(self, value: Spec, what: str):
        self.value, self.what = value, what

    def check(self, value, where):
        if not isinstance(value, dict):
            self.refuse(value, where)
        for k, v in value.items():
            Text("a name (text)").check(k, where)
            self.value.check(v, _at(where, k))


class Record(Spec):
    """A mapping of known keys; every key is required unless listed in ``optional``
    (``optional=True``: all are), and ``one_of`` asks for at least one of those keys."""

    def __init__(self, keys: dict[str, Spec], optional=(), one_of=()):
        self.keys = keys
        self.optional = set(keys) if optional is True else set(optional)
        self.one_of = tuple(one_of)
        self.what = f"a mapping of {', '.join(keys)}"

    def check(self, value, where):
        if not isinstance(value, dict):
            self.refuse(value, where)
        for k in value:
            if k not in self.keys:
                raise _Bad(_at(where, k), f"unknown key (expected one of {', '.join(self.keys)})")
        for k, spec in self.keys.items():
            if k in value:
                spec.check(value[k], _at(where, k))
            elif k not in self.optional:
                raise _Bad(where, f"{k} is missing (expected {spec.what})")
        if self.one_of and not any(k in value for k in self.one_of):
            raise _Bad(where, f"expected at least one of {', '.join(self.one_of)}")


class Nullable(Spec):
    """A value, or null (nothing)."""

    def __init__(self, inner: Spec, what: str | None = None):
        self.inner = inner
        self.what = what or f"{inner.what}, or null"

    def check(self, value, where):
        if value is None:
            return
        try:
            self.inner.check(value, where)
        except _Bad as exc:
            if exc.where == where and exc.message.startswith("expected "):
                self.refuse(value, where)  # say that null would do too
            raise
