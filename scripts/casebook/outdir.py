"""The output folder: which folder a run may write to, and how it replaces the previous output there.

OUT may hold files people wrote (``docs/assets/`` in this project), so a run never replaces OUT as a whole
and never deletes a file it did not write: ``OUT/.casebook-manifest.json`` lists the files the last run
wrote, and only those are replaced. A file of the new output that is in the way but not in that list (a
first run into a folder people filled) is moved to ``OUT/.casebook-kept-<run>/``, which no run deletes.

The replacement is a transaction, file by file, written down before it starts:

1. ``OUT/.casebook-journal.json`` names every move (written whole, then renamed into place);
2. the previous run's files and manifest move to ``OUT/.casebook-old-<run>/``, files in the way to
   ``.casebook-kept-<run>/``;
3. the staged files, then the new manifest, move into OUT;
4. commit: the journal is renamed ``.casebook-done.json``, one atomic rename: before it the run is undone,
   after it finished;
5. the previous run's files, the emptied folders and the journal are deleted.

A failure undoes the moves at once; a run killed half-way leaves its journal, and the next run (``recover``)
undoes or finishes it before doing anything else, and deletes the staging and old folders that runs left.
``locked`` keeps two runs out of one folder (flock on ``OUT/.casebook-lock``).
"""

from __future__ import annotations

import contextlib
import filecmp
import json
import os
import secrets
import shutil
import tempfile
from pathlib import Path

from .errors import CasebookError

try:
    import fcntl
except ImportError:  # not on Windows: runs are then not kept apart
    fcntl = None

PREFIX = ".casebook"
STAGING_PREFIX = ".casebook-staging-"
OLD_PREFIX = ".casebook-old-"
KEPT_PREFIX = ".casebook-kept-"
MANIFEST = ".casebook-manifest.json"
JOURNAL = ".casebook-journal.json"
DONE = ".casebook-done.json"  # the journal of a committed run
LOCK = ".casebook-lock"
READ_DIR = ".casebook-read"  # in the staging folder: the copy of each document that the run read


class OutDirError(CasebookError):
    """OUT cannot be used; the message names it and says what to do."""


def check(src: Path, out: Path, rules: Path) -> None:
    """Refuse an OUT that would mix the output with the documents or the rules: replacing the output
    there would delete documents and rules, and a folder inside SRC is read back as documents."""
    s, o, r = (Path(p).resolve() for p in (src, out, rules))
    if out.exists() and not out.is_dir():
        raise OutDirError(f"{out}: not a folder: give the folder the pages go to (it is created if missing)")
    if o == s:
        raise OutDirError(f"{out}: the output folder is the folder of documents: write the pages to another folder")
    if o.is_relative_to(s):
        raise OutDirError(f"{out}: the output folder is inside the folder of documents {src}: "
                          "its pages would be read as documents; choose a folder outside it")
    if s.is_relative_to(o):
        raise OutDirError(f"{out}: the output folder contains the folder of documents {src}: "
                          "choose a folder that holds neither the documents nor the rules")
    if r.is_relative_to(o):
        raise OutDirError(f"{out}: the output folder contains the rules {rules}: choose another folder")


@contextlib.contextmanager
def locked(out: Path):
    """OUT (created if missing) for this run alone; a second run at the same time is told so and stops."""
    out.mkdir(parents=True, exist_ok=True)
    fd = os.open(out / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise OutDirError(f"another run is writing to {out}: wait for it to finish, then run again") from None
        yield
    finally:
        os.close(fd)


def new_stage(out: Path) -> Path:
    """A staging folder inside OUT (same file system, so its files move into place by renaming)."""
    return Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out))


def recover(out: Path) -> None:
    """Undo or finish what an interrupted run's journal names, then delete what runs left behind."""
    if not out.is_dir():
        return
    _settle(out)
    for p in out.iterdir():
        if p.name.startswith((STAGING_PREFIX, OLD_PREFIX)) and p.is_dir() and not p.is_symlink():
            shutil.rmtree(p, ignore_errors=True)
        elif p.name.startswith((JOURNAL + ".", MANIFEST + ".")):
            p.unlink(missing_ok=True)  # a journal or manifest that was being written


def swap_into(stage: Path, out: Path) -> list[str]:
    """Replace the previous run's files in OUT by the staged ones, as one transaction (module docstring).

    Returns a warning when files that no run wrote were in the way and had to be kept aside."""
    run = secrets.token_hex(6)
    new = _staged(stage)
    old = _previous(out)
    mine = set(old)
    in_way = [f for f in new if f not in mine and os.path.lexists(out / f)]
    same = {f for f in in_way if _same_file(out / f, stage / f)}  # replaced by the same bytes: nothing is lost
    old, in_way = sorted(old + list(same)), [f for f in in_way if f not in same]
    made = _missing_dirs(out, new)
    old += [MANIFEST] if os.path.lexists(out / MANIFEST) else []
    journal = {"run": run, "old": old, "kept": in_way, "new": new + [MANIFEST], "made": made}
    _write_json(stage / MANIFEST, {"casebook": 1, "files": new}, sync=False)  # the same for the same output
    try:
        _write_json(out / JOURNAL, journal)
        for f in old:
            _move(out / f, out / (OLD_PREFIX + run) / f)
        for f in in_way:
            _move(out / f, out / (KEPT_PREFIX + run) / f)
        for d in made:
            (out / d).mkdir(exist_ok=True)
        for f in journal["new"]:
            os.rename(stage / f, out / f)
        os.replace(out / JOURNAL, out / DONE)  # the commit
    except BaseException:
        with contextlib.suppress(Exception):  # else the journal stays, and the next run undoes the moves
            _settle(out)
        raise
    _finish(out, journal)
    return [_kept_warning(out, run, in_way)] if in_way else []


def _kept_warning(out: Path, run: str, in_way: list[str]) -> str:
    kept = out / (KEPT_PREFIX + run)
    if len(in_way) == 1:
        return f"{out / in_way[0]}: not written by casebook and in the way of its output: kept as {kept / in_way[0]}"
    return (f"{out}: {len(in_way)} files not written by casebook were in the way of its output "
            f"({in_way[0]}, …): kept in {kept}/ (delete it if they are an earlier run's output)")


def _settle(out: Path) -> None:
    """An unfinished transaction in OUT finished (after its commit) or undone (before it)."""
    done = (out / DONE).exists()
    path = out / (DONE if done else JOURNAL)
    try:
        journal = _valid_journal(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return
    except (OSError, ValueError) as exc:
        raise OutDirError(f"{path}: the journal of an interrupted run cannot be read ({exc}): the previous output "
                          f"is in {out}/{OLD_PREFIX}*; move it back by hand, then delete the journal") from None
    (_finish if done else _undo)(out, journal)


def _undo(out: Path, journal: dict) -> None:
    """Back to the previous output: the new files out, the folders they needed removed, the old files back."""
    run = journal["run"]
    moved = {f: out / (OLD_PREFIX + run) / f for f in journal["old"]}
    moved.update({f: out / (KEPT_PREFIX + run) / f for f in journal["kept"]})
    for f in reversed(journal["new"]):
        aside = moved.get(f)
        if os.path.lexists(out / f) and (aside is None or os.path.lexists(aside)):  # else it is still the old file
            os.unlink(out / f)
    for d in reversed(journal["made"]):
        with contextlib.suppress(OSError):
            os.rmdir(out / d)
    for f, aside in reversed(list(moved.items())):
        if os.path.lexists(aside):
            _move(aside, out / f)
    for name in (OLD_PREFIX + run, KEPT_PREFIX + run):
        _remove_empty_folders(out / name)
    (out / JOURNAL).unlink(missing_ok=True)


def _finish(out: Path, journal: dict) -> None:
    """After the commit: the previous run's files and the folders they leave empty go; files kept aside stay."""
    for d in sorted({str(Path(f).parent) for f in journal["old"]} - {"."}, key=lambda d: -d.count("/")):
        for parent in [Path(d), *Path(d).parents][:-1]:
            with contextlib.suppress(OSError):
                os.rmdir(out / parent)
    shutil.rmtree(out / (OLD_PREFIX + journal["run"]), ignore_errors=True)
    (out / DONE).unlink(missing_ok=True)


def _staged(stage: Path) -> list[str]:
    """Every file of the new output, as a path relative to the staging folder (its bookkeeping left out)."""
    files = []
    for folder, dirs, names in os.walk(stage):
        rel = Path(folder).relative_to(stage).as_posix()
        if rel == ".":
            dirs[:] = [d for d in dirs if not d.startswith(PREFIX)]
            names = [n for n in names if not n.startswith(PREFIX)]
        files.extend(n if rel == "." else f"{rel}/{n}" for n in names)
    return sorted(files)


def _previous(out: Path) -> list[str]:
    """The files the last run wrote that are still there. Names that would reach outside OUT (a manifest
    written by someone else) are ignored, and so is a manifest that cannot be read: nothing is then replaced."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, list):
        return []
    root, inside = out.resolve(), {}
    previous = set()
    for f in files:
        if not _safe(f):
            continue
        parent = (out / f).parent
        if parent not in inside:
            inside[parent] = parent.resolve().is_relative_to(root)
        if inside[parent] and (os.path.islink(out / f) or (out / f).is_file()):
            previous.add(f)
    return sorted(previous)


def _safe(rel, bookkeeping: bool = False) -> bool:
    """A plain relative path inside OUT, not the converter's bookkeeping (but its manifest, if ``bookkeeping``)."""
    if bookkeeping and rel == MANIFEST:
        return True
    if not isinstance(rel, str) or not rel or rel.startswith("/") or "\x00" in rel:
        return False
    parts = rel.split("/")
    return all(p not in ("", ".", "..") for p in parts) and not parts[0].startswith(PREFIX)


def _valid_journal(journal) -> dict:
    keys = ("old", "kept", "new", "made")
    if (not isinstance(journal, dict) or not isinstance(journal.get("run"), str) or not journal["run"].isalnum()
            or not all(isinstance(journal.get(k), list) and all(_safe(f, True) for f in journal[k]) for k in keys)):
        raise ValueError("not a casebook journal")
    return journal


def _missing_dirs(out: Path, files: list[str]) -> list[str]:
    """Folders the new files need that OUT lacks, parents first."""
    dirs = set()
    for f in files:
        parts = f.split("/")[:-1]
        dirs.update("/".join(parts[: i + 1]) for i in range(len(parts)))
    return sorted((d for d in dirs if not (out / d).is_dir()), key=lambda d: (d.count("/"), d))


def _same_file(a: Path, b: Path) -> bool:
    """Two regular files (not links) holding the same bytes."""
    if os.path.islink(a) or not a.is_file():
        return False
    return filecmp.cmp(a, b, shallow=False)


def _move(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    os.rename(src, dest)


def _write_json(path: Path, data: dict, sync: bool = True) -> None:
    """Written whole or not at all: to a temporary name first, then renamed."""
    tmp = path.with_name(f"{path.name}.{secrets.token_hex(4)}")
    try:
        with tmp.open("w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, separators=(",", ":"))
            if sync:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _remove_empty_folders(top: Path) -> None:
    for folder, _, _ in os.walk(top, topdown=False):
        with contextlib.suppress(OSError):
            os.rmdir(folder)
