"""The converter on the development corpus (../shared/eval/realworld) never falls below the
figures reached (tests/data/realworld-floor.yaml), and that floor only ever moves up.

The corpus is third-party text read from ../shared at test time; without it the first test
skips.  `make eval` prints the same figures as a table (tests/accuracy.py).
"""

from __future__ import annotations

import subprocess

import pytest
import yaml

from accuracy import CORPORA, available, convert_and_score, load_judgements
from conftest import DATA, ROOT

FLOOR = DATA / "realworld-floor.yaml"
# figure → True when higher is better (a floor), False when lower is (a ceiling)
DIRECTION = {
    "cases_found": True, "place": True, "places_wrong": False, "method_recall": True,
    "method_precision": True, "methods_unjudged": False, "slogans_tagged": False,
    "noise_removed": True, "title": True, "organization": True, "speaker": True,
}


def _floor(text: str) -> dict:
    floor = yaml.safe_load(text) or {}
    unknown = set(floor) - set(DIRECTION)
    assert not unknown, f"{FLOOR.name}: unknown figures {sorted(unknown)}"
    return floor


def test_development_corpus_is_at_or_above_the_floor():
    if "development" not in available():
        pytest.skip(f"the development corpus is not beside this checkout ({CORPORA['development'][0]})")
    figures = convert_and_score("development", load_judgements()).figures()
    floor = _floor(FLOOR.read_text(encoding="utf-8"))
    below = [
        f"{name}: {figures[name]} (floor {limit})"
        for name, limit in floor.items()
        if (figures[name] < limit if DIRECTION[name] else figures[name] > limit)
    ]
    assert not below, "the development corpus fell below the floor: " + "; ".join(below)


def test_the_floor_was_never_lowered():
    """Every earlier version of the floor file is at or below this one, figure by figure."""
    try:
        log = subprocess.run(
            ["git", "log", "--format=%H", "--", FLOOR.relative_to(ROOT).as_posix()],
            cwd=ROOT, capture_output=True, text=True, check=True,
        ).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    now = _floor(FLOOR.read_text(encoding="utf-8"))
    for commit in log:
        shown = subprocess.run(
            ["git", "show", f"{commit}:{FLOOR.relative_to(ROOT).as_posix()}"], cwd=ROOT, capture_output=True, text=True
        )
        if shown.returncode:
            continue
        for name, before in _floor(shown.stdout).items():
            assert name in now, f"{FLOOR.name}: {name} was dropped from the floor (it was {before} at {commit[:10]})"
            lowered = now[name] < before if DIRECTION[name] else now[name] > before
            assert not lowered, f"{FLOOR.name}: {name} loosened from {before} (at {commit[:10]}) to {now[name]}"
