"""How right the converter is on a corpus with an answer key: the figures of `make eval`.

Three corpora have keys in the same format (see tests/data/seeds-expected.yaml's header):
  seeds        cases/sources/ (the bundled documents)       tests/data/seeds-expected.yaml
  heldout      tests/data/heldout/ (written for the tests)  tests/data/heldout-expected.yaml
  development  ../shared/eval/realworld/ (real pages, read from there, never copied)

A case is found by its marker (in exactly one case, holding no other case's marker), as
../shared/eval/score_catalog.py finds it, and every figure follows that scorer's rules, so
the two agree; this one adds method precision against hand judgements
(tests/data/method-judgements.yaml) and prints a table.

Precision needs a verdict on every tagged name.  A name that matches a required method is
right; any other name needs a person's verdict.  The judgements file keeps verdicts as
digests of the normalised name (``name_key``), not the names: the development corpus is
third-party text and no piece of it is copied into the project.  ``--unjudged FILE`` writes
the names still lacking a verdict as YAML (name: null) for a person to fill in with true or
false, ``--record FILE`` adds the filled-in verdicts to the judgements.

    python tests/accuracy.py                 # the table and a JSON line, every corpus found
    python tests/accuracy.py --unjudged /tmp/todo.yaml
    python tests/accuracy.py --record /tmp/todo.yaml
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import warnings

import yaml

# jieba imports pkg_resources, whose deprecation warning would otherwise head the table
warnings.filterwarnings("ignore", "pkg_resources is deprecated", UserWarning)

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
SHARED = ROOT.parent / "shared" / "eval"
JUDGEMENTS = DATA / "method-judgements.yaml"

CORPORA = {
    "seeds": (ROOT / "cases" / "sources", DATA / "seeds-expected.yaml"),
    "heldout": (DATA / "heldout", DATA / "heldout-expected.yaml"),
    "development": (SHARED / "realworld", SHARED / "realworld" / "expected.yaml"),
}

_FOLD = str.maketrans("，！？：；（）", ",!?:;()")
_UNMARKED = re.compile(r"[“”\"'‘’《》「」\s]")


def norm(s) -> str:
    """Text compared regardless of quotes, spaces and full- or half-width punctuation."""
    return _UNMARKED.sub("", str(s if s is not None else "").translate(_FOLD))


def name_key(name: str) -> str:
    """The digest a verdict on a method name is kept under."""
    return hashlib.sha256(norm(name).encode("utf-8")).hexdigest()[:16]


def _matches_required(tagged: str, required: list[str]) -> bool:
    """The shared scorer's rule: the tagged name holds a required one, or is held by it."""
    return any(g and (tagged == g or (len(g) >= 2 and g in tagged) or (len(tagged) >= 3 and tagged in g)) for g in required)


@dataclass
class Tally:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += bool(ok)
        self.total += 1

    def ratio(self) -> float | None:
        return self.right / self.total if self.total else None


@dataclass
class Score:
    """Every figure of one corpus, and the findings behind the ones that fall short."""

    corpus: str
    cases_expected: int = 0
    cases_found: int = 0
    cases_in_catalog: int = 0
    place: Tally = field(default_factory=Tally)
    places_wrong: int = 0
    recall: Tally = field(default_factory=Tally)
    precision: Tally = field(default_factory=Tally)
    unjudged: dict[str, dict[str, str]] = field(default_factory=dict)  # file → name with no verdict → where it stands
    slogans: set[str] = field(default_factory=set)
    noise: Tally = field(default_factory=Tally)
    joined: Tally = field(default_factory=Tally)
    title: Tally = field(default_factory=Tally)
    organization: Tally = field(default_factory=Tally)
    speaker: Tally = field(default_factory=Tally)
    findings: list[str] = field(default_factory=list)

    def figures(self) -> dict:
        def pct(t: Tally):
            r = t.ratio()
            return None if r is None else round(r, 3)

        return {
            "cases_found": self.cases_found, "cases_expected": self.cases_expected,
            "cases_in_catalog": self.cases_in_catalog,
            "place": pct(self.place), "places_wrong": self.places_wrong,
            "method_recall": pct(self.recall), "method_precision": pct(self.precision),
            "methods_unjudged": sum(len(v) for v in self.unjudged.values()),
            "slogans_tagged": len(self.slogans),
            "noise_removed": pct(self.noise), "joined": pct(self.joined), "title": pct(self.title),
            "organization": pct(self.organization), "speaker": pct(self.speaker),
        }


def load_judgements(path: Path = JUDGEMENTS) -> dict:
    """corpus → file → {"real": set of keys, "not_real": set of keys}."""
    if not path.exists():
        return {}
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {
        corpus: {f: {k: set(v.get(k) or ()) for k in ("real", "not_real")} for f, v in (files or {}).items()}
        for corpus, files in raw.items()
    }


def score(corpus: str, catalog: dict, expected: dict, judgements: dict | None = None) -> Score:
    judged = (judgements or {}).get(corpus, {})
    cases = catalog["cases"]
    texts = [f"{c.get('title') or ''}\n{c.get('text') or ''}" for c in cases]
    not_methods = {norm(x) for x in expected.get("not_methods", [])}
    markers = [c["marker"] for d in expected["documents"] for c in d["cases"]]
    s = Score(corpus, cases_expected=len(markers), cases_in_catalog=len(cases))
    for doc in expected["documents"]:
        verdicts = judged.get(doc["file"], {"real": set(), "not_real": set()})
        for exp in doc["cases"]:
            marker = exp["marker"]
            hits = [i for i, t in enumerate(texts) if marker in t]
            required = [str(m) for m in exp.get("methods_required", [])]
            if len(hits) != 1 or any(m != marker and m in texts[hits[0]] for m in markers):
                s.findings.append(f"{doc['file']}: marker {marker!r} in {len(hits)} cases or merged with another")
                s.place.add(False)  # as the shared scorer counts it: over every expected case
                for _ in required:
                    s.recall.add(False)
                continue
            s.cases_found += 1
            c = cases[hits[0]]
            _score_place(s, doc["file"], marker, c.get("place") or {}, exp.get("place") or {})
            tagged = [m["name"] if isinstance(m, dict) else str(m) for m in c.get("methods") or []]
            names = [norm(n) for n in tagged]
            for m in required:
                ok = any(norm(m) in n or (len(n) >= 2 and n in norm(m)) for n in names)
                s.recall.add(ok)
                if not ok:
                    s.findings.append(f"{doc['file']}: {marker}: method {m!r} missing")
            good = [norm(m) for m in required]
            for raw, n in zip(tagged, names):
                if n in not_methods:
                    s.slogans.add(raw)
                key = name_key(raw)
                if n in not_methods or key in verdicts["not_real"]:
                    s.precision.add(False)
                    s.findings.append(f"{doc['file']}: {marker}: tagged {raw!r}, judged not a method")
                elif _matches_required(n, good) or key in verdicts["real"]:
                    s.precision.add(True)
                else:
                    s.unjudged.setdefault(doc["file"], {})[raw] = _where(raw, texts[hits[0]])
            for key, tally in (("title_contains", s.title), ("organization", s.organization), ("speaker", s.speaker)):
                if key in exp:
                    field_name = key.removesuffix("_contains")
                    ok = norm(exp[key]) in norm(c.get(field_name) or "")
                    tally.add(ok)
                    if not ok:
                        s.findings.append(f"{doc['file']}: {marker}: {field_name} {c.get(field_name)!r} (want {exp[key]!r})")
        body = norm("\n".join(t for t, c in zip(texts, cases) if (c.get("source") or {}).get("file") == doc["file"]))
        for junk in doc.get("noise", []):
            ok = norm(junk) not in body
            s.noise.add(ok)
            if not ok:
                s.findings.append(f"{doc['file']}: noise still in a case: {junk!r}")
        for joined in doc.get("joined", []):
            ok = norm(joined) in body
            s.joined.add(ok)
            if not ok:
                s.findings.append(f"{doc['file']}: broken line not joined: {joined!r}")
    return s


def _where(name: str, text: str, width: int = 40) -> str:
    """The words around a name's first mention, for the person who judges it."""
    core = name[:4]
    i = text.find(core)
    return "" if i < 0 else text[max(0, i - width) : i + len(name) + width].replace("\n", " ")


def _score_place(s: Score, file: str, marker: str, place: dict, want: dict) -> None:
    """A county must match; with no county the city must; a null place must stay null."""
    if want.get("county"):
        ok = place.get("county") == want["county"] and place.get("city") in (want.get("city"), None)
    elif want.get("city"):
        ok = place.get("city") == want["city"]
    else:
        ok = not place.get("city") and not place.get("county")
    s.place.add(ok)
    if not ok:
        s.findings.append(f"{file}: {marker}: place {place} (want {want})")
        if any(place.get(level) and place.get(level) != want.get(level) for level in ("province", "city", "county")):
            s.places_wrong += 1


def convert_and_score(corpus: str, judgements: dict | None = None, workers: int | None = None) -> Score:
    """Convert one corpus into a temporary folder and score its catalog."""
    from casebook.pipeline import convert

    src, key = CORPORA[corpus]
    with tempfile.TemporaryDirectory() as out:
        catalog, _ = convert(src, Path(out), workers=workers)
    return score(corpus, catalog, yaml.safe_load(key.read_text(encoding="utf-8")), judgements)


def available() -> list[str]:
    return [name for name, (src, key) in CORPORA.items() if src.is_dir() and key.is_file()]


ROWS = [
    ("cases found", lambda s: f"{s.cases_found} / {s.cases_expected} ({s.cases_in_catalog} in catalog)"),
    ("place right", lambda s: _pct(s.place)),
    ("place wrong or invented", lambda s: str(s.places_wrong)),
    ("named methods found (recall)", lambda s: _pct(s.recall)),
    ("tagged methods real (precision)", lambda s: _pct(s.precision) + _unjudged(s)),
    ("slogans tagged as local methods", lambda s: str(len(s.slogans))),
    ("page noise removed", lambda s: _pct(s.noise)),
    ("broken lines joined", lambda s: _pct(s.joined)),
    ("title right", lambda s: _pct(s.title)),
    ("organisation right", lambda s: _pct(s.organization)),
    ("speaker right", lambda s: _pct(s.speaker)),
]


def _pct(t: Tally) -> str:
    return "–" if not t.total else f"{t.right} / {t.total} = {100 * t.right / t.total:.0f} %"


def _unjudged(s: Score) -> str:
    n = sum(len(v) for v in s.unjudged.values())
    return f" ({n} unjudged)" if n else ""


def table(scores: list[Score]) -> str:
    width = max(len(r) for r, _ in ROWS) + 2
    cols = [max(24, *(len(fn(s)) + 2 for _, fn in ROWS)) for s in scores]
    lines = ["".ljust(width) + "".join(s.corpus.rjust(w) for s, w in zip(scores, cols))]
    for label, fn in ROWS:
        lines.append(label.ljust(width) + "".join(fn(s).rjust(w) for s, w in zip(scores, cols)))
    return "\n".join(lines)


def write_unjudged(scores: list[Score], path: Path) -> int:
    """YAML of corpus → file → name: null, each name with the words around it as a comment."""
    lines = [
        "# Tagged method names with no verdict yet: write true (a named local practice) or false.",
        f"# Then: python tests/accuracy.py --record {path}",
    ]
    n = 0
    for s in scores:
        if s.unjudged:
            lines.append(f"{s.corpus}:")
        for file, names in sorted(s.unjudged.items()):
            lines.append(f"  {file}:")
            for name, where in names.items():
                lines.append(f"    {json.dumps(name, ensure_ascii=False)}: null  # {where}")
                n += 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return n


def record(path: Path, judgements_path: Path = JUDGEMENTS) -> int:
    """Add the verdicts filled in at ``path`` to the judgements file, as digests."""
    filled = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    raw = yaml.safe_load(judgements_path.read_text(encoding="utf-8")) if judgements_path.exists() else None
    raw = raw or {}
    n = 0
    for corpus, files in filled.items():
        for file, names in (files or {}).items():
            entry = raw.setdefault(corpus, {}).setdefault(file, {"real": [], "not_real": []})
            for name, verdict in (names or {}).items():
                if verdict is None:
                    continue
                key, other = ("real", "not_real") if verdict else ("not_real", "real")
                k = name_key(name)
                entry[other] = [x for x in entry.get(other) or [] if x != k]
                entry[key] = sorted({*(entry.get(key) or []), k})
                n += 1
    header = (
        "# Hand verdicts on the method names the converter tagged: per corpus and document, the\n"
        "# digests (tests/accuracy.py name_key) of names judged a real named local practice or not.\n"
        "# Digests, not names: the development corpus is third-party text and is not copied here.\n"
        "# Add verdicts with: python tests/accuracy.py --unjudged todo.yaml, fill in, --record todo.yaml\n"
    )
    judgements_path.write_text(header + yaml.safe_dump(raw, sort_keys=True), encoding="utf-8")
    return n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Convert each corpus with an answer key and print how right the converter is.")
    ap.add_argument("corpora", nargs="*", help=f"which of {', '.join(CORPORA)} (default: all that are present)")
    ap.add_argument("--findings", action="store_true", help="list every case that falls short, per corpus")
    ap.add_argument("--unjudged", type=Path, metavar="FILE", help="write the names that lack a verdict to FILE")
    ap.add_argument("--record", type=Path, metavar="FILE", help="add the verdicts filled in at FILE, then score")
    args = ap.parse_args(argv)
    if args.record:
        print(f"recorded {record(args.record)} verdicts in {JUDGEMENTS.relative_to(ROOT)}")
    names = args.corpora or available()
    for name in names:
        if name not in CORPORA:
            ap.error(f"unknown corpus {name!r}")
    missing = [n for n in names if n not in available()]
    if "development" in missing:
        print(f"development corpus not found at {CORPORA['development'][0]}: skipped", file=sys.stderr)
    judgements = load_judgements()
    scores = [convert_and_score(n, judgements) for n in names if n not in missing]
    if args.findings:
        for s in scores:
            print(f"── {s.corpus}")
            print("\n".join(s.findings) or "(nothing falls short)")
            for f, ns in s.unjudged.items():
                print(f"{f}: unjudged {ns}")
        print()
    print(table(scores))
    if args.unjudged:
        print(f"{write_unjudged(scores, args.unjudged)} unjudged names written to {args.unjudged}")
    print(json.dumps({s.corpus: s.figures() for s in scores}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
