"""Loads the rules people edit (YAML under cases/) once per run."""

from __future__ import annotations

import functools
import os
from pathlib import Path

import yaml

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def data_dir() -> Path:
    """cases/ of the project, or CASEBOOK_DATA when a deployment keeps its rules elsewhere."""
    return Path(os.environ.get("CASEBOOK_DATA", PROJECT_ROOT / "cases"))


@functools.cache
def load(name: str):
    """Parse cases/<name>.yml; a broken rules file is a user error, reported by name."""
    path = data_dir() / f"{name}.yml"
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except FileNotFoundError as exc:
        raise DataError(f"{path}: rules file is missing") from exc
    except yaml.YAMLError as exc:
        raise DataError(f"{path}: not valid YAML ({exc})") from exc


class DataError(Exception):
    """A rules file under cases/ is missing or malformed."""
