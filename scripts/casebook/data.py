"""Loads the rules people edit (YAML under cases/) once per run, each checked against its
schema (schemas.py) as it is read, so that a mistake stops the run with one line naming it."""

from __future__ import annotations

import functools
import os
from pathlib import Path

from . import rules, schemas
from .errors import CasebookError

PROJECT_ROOT = Path(__file__).resolve().parents[2]
_DERIVED: list = []  # what the modules build from the rules, cached: forgotten by reset()


def data_dir() -> Path:
    """cases/ of the project, or CASEBOOK_DATA when a deployment keeps its rules elsewhere."""
    return Path(os.environ.get("CASEBOOK_DATA", PROJECT_ROOT / "cases"))


def rules_cache(fn):
    """functools.cache for what a module builds from the rules, so that reset() forgets it too."""
    cached = functools.cache(fn)
    _DERIVED.append(cached)
    return cached


def reset() -> None:
    """Forget every rules file read and all that was built from them: the next run reads
    data_dir() again (a test that points CASEBOOK_DATA at other rules)."""
    load.cache_clear()
    for fn in _DERIVED:
        fn.cache_clear()


@functools.cache
def load(name: str):
    """Parse cases/<name>.yml; a broken rules file is a user error, reported by name."""
    path = data_dir() / f"{name}.yml"
    try:
        return rules.read(path, schemas.FILES.get(name))
    except FileNotFoundError as exc:
        raise DataError(f"{path}: rules file is missing") from exc
    except rules.RuleError as exc:
        raise DataError(str(exc)) from exc


class DataError(CasebookError):
    """A rules file under cases/ is missing or malformed."""
