"""Refuses a rule pattern that can backtrack catastrophically, before it is ever run.

Python's ``re`` backtracks: a pattern such as ``(a+)+$`` tries every way of cutting a line of
a's among the repetitions, 2**n of them.  A rule is data that anyone may edit, so each pattern
is checked statically when its file is loaded: the check costs nothing while documents are
converted, and the engine and every result stay as they are.  (A timer could interrupt a
search, but whether a line is noise would then depend on the machine's speed, and arming one
around each of millions of searches costs more than the searches; engines that never
backtrack, such as RE2, have no look-arounds, which the rules use.)

The check looks at each loop — a group repeated three times or more, ``(…)+``, ``(…)*``,
``(…){3,}``; two repetitions are at worst quadratic — and refuses it when one text can be
matched by its repetitions in more than one way:
  * two parts that vary in length can hand characters to each other, within one
    repetition or across to the next, with nothing in between that must take another
    character (``(a+)+``, ``(\\w+\\s?)*``, ``(.*a){3,}``, and ``(\\s*x>)+`` … ``[^>]``);
  * two alternatives can match the same text (``(a|a)+``, ``(\\d|[0-9])+``), or, for
    alternatives of plain words, a run of words can be read two ways (``(ab|a|b)+``:
    Sardinas–Patterson).
Parts that never give back what they took — possessive ``a++`` and atomic ``(?>…)`` — do
not compete.  The check is conservative on character sets (it compares characters, not
whole texts), and it does not try to find polynomial blow-ups of two quantifiers side by
side (``\\s*\\s*$``), which stay bounded on a line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from re import _constants as C
from re import _parser as P

LOOP_MIN = 3  # a group repeated at most twice cannot multiply the ways beyond a square
MAX = C.MAXREPEAT
_SAMPLE = (
    " " + "".join(map(chr, range(0x21, 0x7F))) + "\t\n\r\x0b\x0c\xa0\u3000\u2028"
    + "中文一龥㐀，。！？；：、（）【】《》“”‘’＞｜＋·—–…０９ａＡ٣"
)
_CATEGORY = {
    C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_SPACE: r"\s",
    C.CATEGORY_NOT_SPACE: r"\S", C.CATEGORY_WORD: r"\w", C.CATEGORY_NOT_WORD: r"\W",
}
_ATOMS = (C.LITERAL, C.NOT_LITERAL, C.ANY, C.IN, C.CATEGORY)
_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)


class Universe:
    """The characters worth trying when two sets of characters meet: a sample of every
    kind, and the pattern's own literals and the ends and middle of its ranges.  A set is
    an int, one bit per character of the universe; letters count in both cases, as (?i)
    may be set around any pattern."""

    def __init__(self, tree):
        chars = {}  # the pattern's own characters first: they name a clash best
        for op, av in _nodes(tree, (C.LITERAL, C.NOT_LITERAL, C.RANGE)):
            codes = (av,) if op is not C.RANGE else (av[0], av[0] + 1, (av[0] + av[1]) // 2, av[1] - 1, av[1])
            chars.update((chr(c), None) for c in codes if 0 <= c <= 0x10FFFF)
        chars.update(dict.fromkeys(_SAMPLE))
        chars.update((v, None) for ch in list(chars) for v in (ch.lower(), ch.upper()) if len(v) == 1)
        self.chars = "".join(chars)
        self.index = {ch: 1 << i for i, ch in enumerate(self.chars)}
        self.all = (1 << len(self.chars)) - 1
        self._memo: dict = {}

    def where(self, test) -> int:
        """The characters that ``test`` accepts, in either case."""
        return sum(bit for ch, bit in self.index.items() if test(ch) or test(ch.lower()) or test(ch.upper()))

    def atom(self, op, av) -> int:
        """The characters one of sre's single-character nodes takes."""
        key = (op, repr(av))
        if key not in self._memo:
            self._memo[key] = self._atom(op, av)
        return self._memo[key]

    def _atom(self, op, av) -> int:
        if op is C.LITERAL:
            ch = chr(av)
            return sum(self.index.get(v, 0) for v in {ch, ch.lower(), ch.upper()})
        if op is C.NOT_LITERAL:
            return self.all & ~self.atom(C.LITERAL, av)
        if op is C.RANGE:
            return self.where(lambda ch: av[0] <= ord(ch) <= av[1])
        if op is C.CATEGORY:
            return self.where(re.compile(_CATEGORY.get(av, "(?s:.)")).fullmatch)
        if op is C.IN:
            union = 0
            for item in av:
                union |= self.atom(*item) if item[0] is not C.NEGATE else 0
            return self.all & ~union if any(item[0] is C.NEGATE for item in av) else union
        return self.all & ~self.index["\n"]  # ANY

    def char(self, chars: int) -> str:
        """One character of a set that is not empty."""
        return self.chars[(chars & -chars).bit_length() - 1]


def refers_back(pattern: str, tree) -> bool:
    """A back reference (\\1, (?P=name), (?(1)…)) anywhere in the pattern."""
    if not re.search(r"\\\d|\(\?P=|\(\?\(", pattern):
        return False  # the tree is walked only when the text may hold one
    return any(True for _ in _nodes(tree, (C.GROUPREF, C.GROUPREF_EXISTS, C.GROUPREF_IGNORE,
                                           C.GROUPREF_LOC_IGNORE, C.GROUPREF_UNI_IGNORE)))


def lookbehind_problem(pattern: str, tree) -> str | None:
    """What re.compile (not the parser) refuses: a look-behind whose width varies."""
    if "(?<" not in pattern:
        return None
    for op, av in _nodes(tree, (C.ASSERT, C.ASSERT_NOT)):
        if av[0] < 0:
            lo, hi = av[1].getwidth()
            if lo != hi:
                return "look-behind requires fixed-width pattern"
    return None


def _nodes(obj, ops):
    """Every node of the given kinds in a parsed pattern, however deep."""
    seq = obj.data if isinstance(obj, P.SubPattern) else obj
    if isinstance(seq, (list, tuple)):
        if len(seq) == 2 and isinstance(seq[0], type(C.LITERAL)) and seq[0] in ops:
            yield seq
        for x in seq:
            yield from _nodes(x, ops)


@dataclass
class Item:
    """One part of a loop's body: the characters it may start and end with, how long it
    may be, whether it gives characters back (possessive and atomic parts do not)."""

    first: int
    last: int
    lo: int
    hi: int
    fixed: bool = False
    words: tuple[str, ...] | None = None  # alternatives that are plain words

    @property
    def variable(self) -> bool:
        return not self.fixed and self.hi != self.lo

    @property
    def nullable(self) -> bool:
        return self.lo == 0


def items(sub, u: Universe) -> list[Item]:
    """The parts of a sequence, groups opened up, zero-width assertions left out."""
    out: list[Item] = []
    for op, av in sub:
        if op in _ATOMS:
            chars = u.atom(op, av)
            out.append(Item(chars, chars, 1, 1))
        elif op is C.SUBPATTERN:
            out.extend(items(av[3], u))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            inner = _whole(items(av[2], u))
            out.append(Item(inner.first, inner.last, av[0] * inner.lo, min(MAX, av[1] * inner.hi),
                            fixed=op is C.POSSESSIVE_REPEAT))
        elif op is C.ATOMIC_GROUP:
            out.append(_whole(items(av, u), fixed=True))
        elif op is C.BRANCH:
            out.append(_branch(av[1], u))
        elif op not in _ZERO_WIDTH:
            out.append(Item(u.all, u.all, 0, MAX))  # a back reference, a conditional: anything
    return out


def _branch(alternatives, u: Universe) -> Item:
    parts = [_whole(items(alt, u)) for alt in alternatives]
    plain = all(op is C.LITERAL for alt in alternatives for op, _ in alt)
    words = tuple("".join(chr(av) for _, av in alt) for alt in alternatives) if plain else None
    first = last = 0
    for p in parts:
        first, last = first | p.first, last | p.last
    return Item(first, last, min(p.lo for p in parts), max(p.hi for p in parts), words=words)


def _whole(seq: list[Item], fixed: bool = False) -> Item:
    """A sequence of parts seen as one part."""
    first = last = 0
    for it in seq:
        first |= it.first
        if not it.nullable:
            break
    for it in reversed(seq):
        last |= it.last
        if not it.nullable:
            break
    return Item(first, last, sum(it.lo for it in seq), min(MAX, sum(it.hi for it in seq)), fixed=fixed)


def parse(pattern: str):
    """sre's parse of a pattern (re.error when it is not one): what the checks read."""
    return P.parse(pattern)


def explain(tree) -> str | None:
    """Why a parsed pattern (or a pattern) can backtrack catastrophically, or None."""
    if isinstance(tree, str):
        tree = P.parse(tree)
    if not _has_loop(tree.data):
        return None  # most patterns: nothing repeated but single characters
    return _walk(tree.data, False, Universe(tree))


def _has_loop(sub) -> bool:
    """A group repeated three times or more, anywhere: only such a loop can be cut two ways."""
    for op, av in sub:
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            body = av[2]
            if av[1] >= LOOP_MIN and not (len(body) == 1 and body[0][0] in _ATOMS) or _has_loop(body):
                return True
        elif op is C.SUBPATTERN and _has_loop(av[3]) or op is C.ATOMIC_GROUP and _has_loop(av):
            return True
        elif op is C.BRANCH and any(_has_loop(a) for a in av[1]):
            return True
        elif op in (C.ASSERT, C.ASSERT_NOT) and _has_loop(av[1]):
            return True
        elif op is C.GROUPREF_EXISTS and (_has_loop(av[1]) or av[2] is not None and _has_loop(av[2])):
            return True
    return False


def _walk(sub, in_loop: bool, u: Universe) -> str | None:
    for op, av in sub:
        found = None
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            loop = av[1] >= LOOP_MIN
            found = (loop and op is not C.POSSESSIVE_REPEAT and _loop(av[2], u)) or _walk(av[2], in_loop or loop, u)
        elif op is C.SUBPATTERN:
            found = _walk(av[3], in_loop, u)
        elif op is C.BRANCH:
            inner = (_walk(a, in_loop, u) for a in av[1])
            found = (in_loop and _same_text(av[1], u)) or next(filter(None, inner), None)
        elif op in (C.ASSERT, C.ASSERT_NOT):
            found = _walk(av[1], in_loop, u)
        elif op is C.ATOMIC_GROUP:
            found = _walk(av, in_loop, u)
        elif op is C.GROUPREF_EXISTS:
            found = _walk(av[1], in_loop, u) or (av[2] is not None and _walk(av[2], in_loop, u))
        if found:
            return found
    return None


def _loop(body, u: Universe) -> str | None:
    """A repeated body whose repetitions can cut one text in more than one way."""
    seq = items(body, u)
    n = len(seq)
    twice = seq + seq  # one repetition and the next
    for i, x in enumerate(seq):
        for j in range(i + 1, i + n + 1):
            y, between = twice[j], twice[i + 1 : j]
            if j == i + n and x.words and all(m.nullable and not (m.first | m.last) & (x.first | x.last)
                                              for m in between):
                found = _two_readings(x.words)
                if found:
                    return found
                continue  # plain words, separated by nothing they hold: read one way
            if not (x.variable and y.variable):
                continue
            shared = x.last & y.first
            for m in between:
                if not m.nullable:
                    shared &= m.first & m.last
            if shared:
                return f"two parts of a repeated group that vary in length can both take {u.char(shared)!r}"
    return None


def _same_text(alternatives, u: Universe) -> str | None:
    """Two alternatives of a repeated group that can match the same text."""
    words = ["".join(chr(av) for _, av in a).casefold() for a in alternatives if all(op is C.LITERAL for op, _ in a)]
    if len(set(words)) < len(words):
        return "a repeated group offers the same alternative twice"
    single = [u.atom(*a[0]) for a in alternatives if len(a) == 1 and a[0][0] in _ATOMS]
    for k, s in enumerate(single):
        for t in single[k + 1 :]:
            if s & t:
                return f"two alternatives of a repeated group can both take {u.char(s & t)!r}"
    return None


def _two_readings(words: tuple[str, ...]) -> str | None:
    """A run of these words that reads two ways (Sardinas–Patterson), e.g. ab|a|b."""
    code = {w.casefold() for w in words}
    dangling = {v[len(w):] for w in code for v in code if v != w and v.startswith(w)}
    seen: set[str] = set()
    while dangling:
        if word := min(dangling & code, default=None):
            return f"the repeated words can read one text two ways (one of them goes on with another word, {word!r})"
        seen |= dangling
        dangling = {
            rest for d in dangling for w in code
            for rest in ((w[len(d):] if w.startswith(d) else None), (d[len(w):] if d.startswith(w) else None))
            if rest
        } - seen
    return None
