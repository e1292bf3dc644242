"""Rules files (cases/*.yml) that are broken or hostile: a one-line message naming the file,
the key and what is expected, exit 2, never a traceback or a hang (issue 12: F15, F16)."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
import yaml

from casebook import data
from casebook.cli import main
from conftest import ROOT

# A made-up page of two paragraphs and a line that a backtracking pattern chokes on.
DOC = (
    "某县委统战部推进同心工程的做法\n\n"
    "近年来，某县委统战部坚持以“同心工程”为抓手，组织党外人士开展调研，形成了一批成果。\n\n"
    "下一步，将继续完善工作机制，推动民营经济健康发展，凝聚各方力量。\n\n"
    + "a" * 60 + "!\n"
)


@pytest.fixture
def src(tmp_path):
    d = tmp_path / "src"
    d.mkdir()
    (d / "doc.txt").write_text(DOC, encoding="utf-8")
    return d


def edit(rules_dir, name: str, change) -> None:
    """Apply ``change`` to the parsed rules file (in place) and write it back."""
    path = rules_dir / f"{name}.yml"
    cfg = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(cfg)
    path.write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")


def run(capsys, *args) -> tuple[int, str]:
    code = main(list(map(str, args)))
    return code, capsys.readouterr().err


def run_cli(*args, timeout=60) -> tuple[int, str, float]:
    """The command line in a process of its own, so that a hang is a failure, not a stuck suite."""
    started = time.perf_counter()
    try:
        res = subprocess.run([sys.executable, "-m", "casebook.cli", *map(str, args)],
                             capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        pytest.fail(f"still running after {timeout} s")
    return res.returncode, res.stderr, time.perf_counter() - started


def _append(section: str, key: str, value):
    return lambda cfg: cfg[section][key].append(value)


def _set(key: str, value):
    def change(cfg):
        cfg[key] = value
    return change


def _delete(key: str):
    return lambda cfg: cfg.pop(key)


# (file, change, what the message says after "casebook: <dir>/<file>.yml: ")
BROKEN = {
    "invalid-regex": ("noise", _append("advertisement", "patterns", "(未闭合"),
                      "advertisement.patterns[26]: '(未闭合' is not a valid regular expression "
                      "(missing ), unterminated subpattern at position 0)"),
    "regex-open-alone": ("noise", _append("caption", "patterns", "图)|(片"),
                         "caption.patterns[5]: '图)|(片' is not a valid regular expression"),
    "global-flag": ("noise", _append("teaser", "patterns", "(?i)vip"),
                    "teaser.patterns[16]: '(?i)vip' sets a flag for the whole expression; "
                    "the patterns are joined into one, so scope it: (?i:…)"),
    "stoplist-number": ("methods", _set("stoplist", 5), "stoplist: expected a list of words, got the number 5"),
    "term-max-text": ("methods", _set("term_max_chars", "twelve"),
                      "term_max_chars: expected a whole number from 1 to 100000, got the text 'twelve'"),
    "repeat-min-over-max": ("methods", _set("unquoted_phrase_max_chars", 1),
                            "unquoted_phrase_max_chars: expected a whole number from 2 to 100000, got the number 1"),
    "word-not-text": ("methods", lambda cfg: cfg["suffixes"].append(None),
                      "suffixes[30]: expected a word (text), got nothing (null)"),
    "unknown-key": ("noise", lambda cfg: cfg.update(advertisment={"patterns": []}),
                    "advertisment: unknown key (expected one of advertisement, "),
    "credits-missing": ("noise", _delete("credits"), "credits is missing (expected a mapping of patterns, glued)"),
    "page-threshold": ("noise", lambda cfg: cfg["page"].update(title_max_chars="sixty"),
                       "page.title_max_chars: expected a whole number from 1 to 100000, got the text 'sixty'"),
    "pieces-needs": ("noise", lambda cfg: cfg["pieces"]["caption"].update(needs="图为"),
                     "pieces.caption.needs: expected a list of words, got the text '图为'"),
    "place-regex-type": ("places", _set("visit_after", ["考察"]),
                         "visit_after: expected a regular expression (text), got a list"),
    "bulletin-group": ("places", _set("bulletin", "《[^《》]{2,5}统战》"),
                       "bulletin: '《[^《》]{2,5}统战》' needs the group (?P<name>…)"),
    "weights-missing": ("places", lambda cfg: cfg["weights"].pop("short"),
                        "weights: short is missing (expected a number of 0 or more)"),
    "surnames-class": ("people", _set("surnames", "王李]张"),
                       "surnames: expected Chinese characters only, got the text '王李]张'"),
    "middle-negative": ("people", _set("middle_max_chars", -1),
                        "middle_max_chars: expected a whole number from 0 to 100000, got the number -1"),
    "fields-words": ("fields", lambda cfg: cfg["fields"].update({"宗教工作": "宗教"}),
                     "fields.宗教工作: expected a list of words, got the text '宗教'"),
    "share-text": ("fields", _set("min_share_of_top", "high"),
                   "min_share_of_top: expected a number of 0 or more, got the text 'high'"),
    "dateline-empty": ("noise", lambda cfg: cfg["dateline"].update(patterns=[]),
                       "dateline.patterns: expected a list of at least one regular expression, got an empty list"),
    "lookbehind-width": ("noise", _append("pagination", "patterns", "(?<=第\\d+)页"),
                         "pagination.patterns[8]: '(?<=第\\\\d+)页' is not a valid regular expression "
                         "(look-behind requires fixed-width pattern)"),
    "named-group-joined": ("noise", lambda cfg: (cfg["source-url"]["patterns"].append("(?P<site>网址)"),
                                                 cfg["pagination"]["patterns"].append("(?P<site>来源)")),
                           "source-url.patterns[2]: '(?P<site>网址)' names a group or refers back to one"),
    "kind-no-keywords": ("kinds", lambda cfg: cfg[0].pop("keywords"),
                         "[0]: keywords is missing (expected a list of words)"),
}


@pytest.mark.parametrize("variant", BROKEN)
def test_a_broken_rules_file_is_one_line_naming_file_and_key(rules_dir, src, tmp_path, capsys, variant):
    name, change, expected = BROKEN[variant]
    edit(rules_dir, name, change)
    code, err = run(capsys, "convert", src, tmp_path / "out")
    assert code == 2, err
    assert err.startswith(f"casebook: {rules_dir / name}.yml: {expected}"), err
    assert err.count("\n") == 1, err
    assert not (tmp_path / "out" / "catalog.json").exists()  # nothing written
    data.reset()
    assert run(capsys, "check", src) == (code, err)  # check reads the same rules


def test_an_empty_kinds_file(rules_dir, src, tmp_path, capsys):
    (rules_dir / "kinds.yml").write_text("# nothing yet\n", encoding="utf-8")
    code, err = run(capsys, "convert", src, tmp_path / "out")
    assert (code, err) == (2, f"casebook: {rules_dir / 'kinds.yml'}: the file is empty "
                              "(expected a list of mappings of label, keywords)\n")


@pytest.mark.parametrize("pattern", ["(a+)+$", "(a*)*b$", "(?:a+)*$", "(a|aa)+$", "^(\\w+\\s?)*$"])
def test_a_pattern_that_backtracks_catastrophically_is_refused_not_run(rules_dir, src, tmp_path, pattern):
    edit(rules_dir, "noise", _append("web-chrome", "patterns", pattern))
    code, err, took = run_cli("convert", src, tmp_path / "out", timeout=30)
    assert code == 2 and "Traceback" not in err, err
    assert f"web-chrome.patterns[30]: {pattern!r} can take forever on some lines (catastrophic backtracking)" in err
    assert took < 20


def test_a_backtracking_pattern_in_places_is_refused(rules_dir, src, tmp_path, capsys):
    edit(rules_dir, "places", _set("venue_after", "(?:召开|举行)([^，]+，?)+$"))
    code, err = run(capsys, "convert", src, tmp_path / "out")
    assert code == 2 and "venue_after: '(?:召开|举行)([^，]+，?)+$' can take forever on some lines" in err


# ---- F15: a file of aliases that expands without end ------------------------------------------------


def bomb(levels: int, width: int = 10) -> str:
    """YAML whose each level repeats the one before ``width`` times: width**levels values from a few lines."""
    lines = ["a0: &a0 [" + ", ".join(["lol"] * width) + "]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


def test_a_corrections_file_of_nested_aliases_is_refused_at_once(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "doc.txt").write_text(DOC, encoding="utf-8")
    corr = tmp_path / "corrections.yml"
    entry = "cases:\n  - match: {marker: 不在任何案例里的一句话}\n    add_fields: *a6\n"
    corr.write_text(bomb(7) + entry, encoding="utf-8")
    assert corr.stat().st_size < 1000
    code, err, took = run_cli("convert", src, tmp_path / "out", "--corrections", corr, timeout=60)
    assert code == 2, err[:300]
    assert err == (f"casebook: {corr}: it holds more than 100000 values once its aliases (*name) are expanded; "
                   "a rules file is written by hand, not generated\n")
    assert took < 15 and not (tmp_path / "out" / "catalog.json").exists()


def test_a_rules_file_of_nested_aliases_is_refused_before_its_keys_are_read(rules_dir, src, tmp_path, capsys):
    with (rules_dir / "methods.yml").open("a", encoding="utf-8") as fh:
        fh.write("\n" + bomb(6).replace("a0:", "bomb:", 1))
    code, err = run(capsys, "convert", src, tmp_path / "out")
    assert (code, err) == (2, f"casebook: {rules_dir / 'methods.yml'}: it holds more than 100000 values once its "
                              "aliases (*name) are expanded; a rules file is written by hand, not generated\n")


def test_a_few_aliases_are_fine(rules_dir, src, tmp_path, capsys):
    path = rules_dir / "methods.yml"
    text = path.read_text(encoding="utf-8").replace("brand_verbs:", "brand_verbs: &verbs", 1)
    path.write_text(text.replace("\nrepeat_words:", "\nspare: *verbs\nrepeat_words:", 1), encoding="utf-8")
    code, err = run(capsys, "check", src)
    assert code == 2 and err.endswith("methods.yml: spare: unknown key (expected one of stoplist, generic_alone, "
                                      + err.split("generic_alone, ", 1)[1])  # read, then checked like any key


def test_a_huge_rules_file_is_refused_unread(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "doc.txt").write_text(DOC, encoding="utf-8")
    corr = tmp_path / "corrections.yml"
    corr.write_text("# padding\n" * 220_000 + "cases: []\n", encoding="utf-8")
    code, err, _ = run_cli("check", src, "--corrections", corr)
    assert (code, err) == (2, f"casebook: {corr}: 2.2 MB is too large for a rules file (at most 1 MB)\n")


def test_deep_nesting_is_a_message(tmp_path, capsys):
    src = tmp_path / "src"
    src.mkdir()
    (src / "doc.txt").write_text(DOC, encoding="utf-8")
    corr = tmp_path / "corrections.yml"
    corr.write_text("cases: " + "[" * 3000 + "]" * 3000 + "\n", encoding="utf-8")
    code, err = run(capsys, "check", src, "--corrections", corr)
    assert (code, err) == (2, f"casebook: {corr}: nested more than 100 levels deep\n")


def test_the_shipped_rules_pass_their_own_checks(rules_dir, src, tmp_path, capsys):
    code, err = run(capsys, "check", src)
    assert "casebook:" not in err and code in (0, 1)


def test_a_section_given_twice_is_named_not_half_dropped(rules_dir, src, tmp_path, capsys):
    noise = rules_dir / "noise.yml"
    lines = noise.read_text(encoding="utf-8").count("\n")
    with noise.open("a", encoding="utf-8") as fh:
        fh.write("caption:\n  patterns: ['图片']\n")
    code, err = run(capsys, "convert", src, tmp_path / "out")
    first = next(i for i, ln in enumerate(noise.read_text(encoding="utf-8").splitlines(), 1) if ln == "caption:")
    assert (code, err) == (2, f"casebook: {noise}: caption is given twice (lines {first} and {lines + 1})\n")


def test_a_key_given_twice_and_an_alias_inside_itself_are_named(tmp_path):
    from casebook import rules

    path = tmp_path / "x.yml"
    path.write_text("cases: []\nsplit: []\ncases: [{match: {id: a}}]\n", encoding="utf-8")
    with pytest.raises(rules.RuleError, match=r"x.yml: cases is given twice \(lines 1 and 3\)$"):
        rules.read(path)
    path.write_text("cases: &a [*a]\n", encoding="utf-8")
    with pytest.raises(rules.RuleError, match=r"x.yml: line 1: an alias \(\*name\) repeats a value that holds it$"):
        rules.read(path)
    path.write_bytes("cases: [{match: {marker: 统一战线}}]\n".encode("gb18030"))
    with pytest.raises(rules.RuleError, match=r"x.yml: not UTF-8 text \(byte 31\)$"):
        rules.read(path)


# ---- the check itself, pattern by pattern ----------------------------------------------------

CATASTROPHIC = ["(a+)+$", "(a*)*b", "(?:a+)*$", "(a|aa)+$", r"^(\w+\s?)*$", "(.*a){3}", "(a|a)+", "(x+x+)+y",
                "(a+a)+$", "((a+)b?)+$", "(ab|a|b)+$", "(?>(a+)+b)", "((a|a)?b)+", "(?=(a+)+$)", r"(\s*x>[^>]+)+$"]
LINEAR = [r"(\d+\.)+", r"(?:\s*,\s*\w+)*", "(?>a+)+", "(a++)+$", "(a+b)+$", "(a|b)+", "(ab|cd)+", r"(\d|[0-9])+x",
          r"(\d+\.){3}\d+", "(分享|分享到|收藏)+", "(x+){2}", "^([^,]+,)*$", "(a|b)*c", r"([^\s]{1,8}\s+){5,}"]


@pytest.mark.parametrize("pattern", CATASTROPHIC)
def test_the_guard_refuses_patterns_that_backtrack_without_end(pattern):
    from casebook.regex_guard import explain

    assert explain(pattern)


@pytest.mark.parametrize("pattern", LINEAR)
def test_the_guard_lets_safe_repetitions_through(pattern):
    from casebook.regex_guard import explain

    assert explain(pattern) is None


def test_every_shipped_pattern_passes_and_the_guard_is_cheap():
    from casebook import rules, schemas

    started = time.process_time()
    for name, schema in schemas.FILES.items():
        rules.read(ROOT / "cases" / f"{name}.yml", schema)
    assert time.process_time() - started < 1.0
