"""The output folder (issue 12, F6): replacing the previous output survives a failure or a kill at any
rename. After it OUT holds wholly the previous output or wholly the new one, hand-written files untouched,
and no leftovers once the next run has started."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import pytest

from casebook.pipeline import convert

OLD = {  # two runs' output, of the shapes a run writes: pages in folders, the catalog, the sources
    "index.md": "# 首页\n", "catalog.json": '{"cases":[1,2]}\n', "cases/a.md": "甲\n", "cases/b.md": "乙\n",
    "places/p/x.md": "某省\n", "sources/a.txt": "原文\n",
}
NEW = {
    "index.md": "# 新首页\n", "catalog.json": '{"cases":[1,3]}\n', "cases/a.md": "甲，改过\n", "cases/c.md": "丙\n",
    "places/q/y.md": "另一省\n", "sources/a.txt": "原文\n", "methods/m.md": "方法\n",
}
HAND = {"assets/site.css": b"body { color: #333 }\n"}  # like docs/assets/: written by people
DOC_A = ("用好“两心三联”工作法\n中共某市委统战部\n2024年，某市委统战部推行“两心三联”工作法，联系党外人士。\n"
         "一是建立联系台账。统战干部每月走访党外代表人士。\n")
DOC_C = "凝聚新的社会阶层人士\n中共某县委统战部\n某县委统战部成立“同心驿站”，联系网络人士和自由职业人员。\n"


def put(folder: Path, files: dict) -> Path:
    for rel, data in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return folder


def visible(out: Path) -> dict[str, bytes]:
    """What a reader of OUT sees: every file but the converter's own hidden bookkeeping (.casebook-*)."""
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in out.rglob("*")
        if p.is_file() and not any(part.startswith(".casebook") for part in p.relative_to(out).parts)
    }


def leftovers(out: Path, staging: bool = True) -> list[str]:
    """Bookkeeping of an unfinished run (the staging folder is its caller's to remove, unless ``staging``)."""
    kinds = (".casebook-old", ".casebook-journal", ".casebook-done") + ((".casebook-staging",) if staging else ())
    return sorted(p.name for p in out.iterdir() if p.name.startswith(kinds))


@pytest.fixture(scope="module", params=["after a run", "first run"])
def outputs(request, tmp_path_factory):
    """OUT holding a previous run's output beside hand-written files ("first run": one that left no list of
    what it wrote, such as an earlier version's), and a staging folder holding the new output."""
    from casebook.outdir import swap_into

    root = tmp_path_factory.mktemp("outdir")
    old = put(root / "old", HAND)
    stage = put(old / ".casebook-staging-first", OLD)
    swap_into(stage, old)
    shutil.rmtree(stage)
    if request.param == "first run":
        (old / ".casebook-manifest.json").unlink()
    new = put(root / "new", NEW)
    want_old, want_new = visible(old), {**visible(new), **HAND}
    if request.param == "first run":  # what no run is known to have written stays, unless in the way
        want_new = {**want_old, **want_new}
    assert want_old == {**{k: v.encode() for k, v in OLD.items()}, **HAND}
    return root, old, new, want_old, want_new


def fresh(root: Path, old: Path, new: Path, tag: str) -> tuple[Path, Path]:
    """A copy of the old OUT and, inside it, a staging folder holding the new output."""
    out = root / f"out-{tag}"
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(old, out, symlinks=True)
    stage = out / f".casebook-staging-{tag}"
    shutil.copytree(new, stage)
    return out, stage


class RenameFails:
    """os.rename and os.replace raise at the k-th call (and, if ``for_good``, at every later one)."""

    def __init__(self, k: int, for_good: bool = False):
        self.k, self.for_good, self.calls = k, for_good, 0
        self.rename, self.replace = os.rename, os.replace

    def _wrap(self, real):
        def call(*a, **kw):
            self.calls += 1
            if self.calls == self.k or (self.for_good and self.calls > self.k):
                raise OSError(errno.EIO, "Input/output error (injected)", str(a[0]))
            return real(*a, **kw)
        return call

    def __enter__(self):
        os.rename, os.replace = self._wrap(self.rename), self._wrap(self.replace)
        return self

    def __exit__(self, *exc):
        os.rename, os.replace = self.rename, self.replace


def swap(stage: Path, out: Path) -> bool:
    """Swap the staged output in; True when it failed."""
    from casebook.outdir import swap_into

    try:
        swap_into(stage, out)
    except OSError:
        return True
    return False


def test_a_rename_failing_at_any_step_leaves_the_old_or_the_new_output(outputs):
    root, old, new, want_old, want_new = outputs
    for k in range(1, 10_000):
        out, stage = fresh(root, old, new, "once")
        with RenameFails(k):
            failed = swap(stage, out)
        seen = visible(out)
        assert seen == want_old or seen == want_new, f"rename {k} failed: OUT is neither the old nor the new output"
        assert seen == (want_old if failed else want_new), f"rename {k}"
        assert not leftovers(out, staging=False), f"rename {k}: {leftovers(out, staging=False)}"
        if not failed:
            break
    assert k > len(OLD) + len(NEW)  # every rename of the swap was made to fail once


def test_renames_failing_for_good_are_rolled_back_by_the_next_run(outputs):
    from casebook.outdir import recover

    root, old, new, want_old, want_new = outputs
    for k in range(1, 10_000):
        out, stage = fresh(root, old, new, "for-good")
        with RenameFails(k, for_good=True):
            failed = swap(stage, out)
        recover(out)  # what the next run does first
        seen = visible(out)
        assert seen == (want_old if failed else want_new), f"renames from {k} on failed"
        assert not leftovers(out), f"renames from {k} on: {leftovers(out)}"
        if not failed:
            break


def test_a_run_killed_at_any_rename_is_finished_or_undone_by_the_next_run(outputs):
    from casebook.outdir import recover

    root, old, new, want_old, want_new = outputs
    for k in range(1, 10_000):
        out, stage = fresh(root, old, new, "killed")
        pid = os.fork()
        if pid == 0:  # the run, killed at its k-th rename: no except, no finally
            try:
                real = os.rename, os.replace
                calls = [0]

                def die(real_fn):
                    def call(*a, **kw):
                        calls[0] += 1
                        if calls[0] == k:
                            os._exit(9)
                        return real_fn(*a, **kw)
                    return call

                os.rename, os.replace = die(real[0]), die(real[1])
                swap(stage, out)
            finally:
                os._exit(0)
        _, status = os.waitpid(pid, 0)
        killed = os.waitstatus_to_exitcode(status) == 9
        recover(out)
        seen = visible(out)
        assert seen == want_old or seen == want_new, f"killed at rename {k}: OUT is neither the old nor the new output"
        assert not leftovers(out), f"killed at rename {k}: {leftovers(out)}"
        if not killed:
            assert seen == want_new
            break


def test_the_next_run_cleans_up_after_a_killed_one(tmp_path):
    old, src = put(tmp_path / "out", HAND), put(tmp_path / "src", {"a.txt": DOC_A})
    convert(src, old, workers=1)
    put(src, {"a.txt": DOC_A + "二是开展同心服务。组织党外知识分子到村里义诊。\n", "c.txt": DOC_C})
    new = tmp_path / "new"
    with RenameFails(0) as counting:  # k = 0: never fails, counts the renames of a whole run
        convert(src, new, workers=1)
    want_new = {**visible(new), **HAND}
    pid = os.fork()
    if pid == 0:  # the run, killed half-way through its renames
        try:
            calls = [0]
            real = os.rename, os.replace

            def die(real_fn):
                def call(*a, **kw):
                    calls[0] += 1
                    if calls[0] == counting.calls // 2:
                        os._exit(9)
                    return real_fn(*a, **kw)
                return call

            os.rename, os.replace = die(real[0]), die(real[1])
            convert(src, old, workers=1)
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 9
    convert(src, old, workers=1)  # the next run
    assert visible(old) == want_new
    assert not leftovers(old)
