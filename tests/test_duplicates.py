"""The same article arriving twice: reposted with other noise, saved in another encoding,
or only its first unit reposted.  One copy is kept; the others are reported and their
text is in the ledger as 'duplicate'."""

from __future__ import annotations

import shutil

from casebook.pipeline import convert
from conftest import SOURCES
from test_ledger import accounted, chars
from casebook.read import read_document

COMPILATION = SOURCES / "001_b811958664596ffb.txt"


def lines_of(path):
    return path.read_text(encoding="utf-8").split("\n")


def test_repost_in_another_encoding_with_other_noise(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(COMPILATION, src / "a.txt")
    text = "点击上方蓝字关注我们\n" + COMPILATION.read_text(encoding="utf-8").replace("\n\n", "\n") + "\n阅读原文\n"
    (src / "b.txt").write_bytes(text.encode("gb18030"))
    catalog, report = convert(src, tmp_path / "out")
    assert len(catalog["cases"]) == 4
    assert {c["source"]["file"] for c in catalog["cases"]} == {"a.txt"}
    assert report.duplicates == 4
    assert all(d["file"] == "b.txt" and d["duplicate_of_file"] == "a.txt" for d in catalog["duplicates"])
    assert any(r["reason"] == "duplicate" for r in catalog["removed"] if r["file"] == "b.txt")
    doc = read_document(src / "b.txt")
    assert accounted(catalog, "b.txt") == chars("\n".join(ln.text for ln in doc.lines))


def test_partial_repost_of_the_first_unit_is_not_a_second_copy(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(COMPILATION, src / "full.txt")
    first_unit = "\n".join(lines_of(COMPILATION)[2:17])  # 襄阳's unit only, with its org line and title
    (src / "repost.txt").write_text("转自某某网\n" + first_unit + "\n本文来源于网络，如有侵权请联系删除\n", encoding="utf-8")
    catalog, _ = convert(src, tmp_path / "out")
    xiangyang = [c for c in catalog["cases"] if "童光源" in c["text"]]
    assert len(xiangyang) == 1
    assert len(catalog["cases"]) == 4


def test_fuller_copy_wins_over_an_earlier_partial_one(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    speech = SOURCES / "002_c78fcdc5d01df34d.txt"
    lines = lines_of(speech)
    (src / "a_part.txt").write_text("\n".join(lines[:22]), encoding="utf-8")  # the speech cut short
    shutil.copy(speech, src / "b_full.txt")
    catalog, _ = convert(src, tmp_path / "out")
    (case,) = catalog["cases"]
    assert case["source"]["file"] == "b_full.txt"
    assert catalog["duplicates"][0]["file"] == "a_part.txt"


def test_different_documents_are_not_duplicates(catalog):
    assert catalog["duplicates"] == []
    assert len(catalog["cases"]) == 11


def test_boilerplate_shared_by_many_cases_neither_hides_a_copy_nor_makes_one():
    """300 cases that all repeat the same paragraphs (more owners than OWNER_CAP) and differ
    in their own text: none is a duplicate; a reposted one and a case cut short are."""
    import random

    from casebook import dedupe

    rnd = random.Random(5)
    hanzi = "统一战线工作坚持党的领导凝聚共识服务大局民主党派无党派人士知识分子民族宗教新阶层港澳台侨基层组织乡镇村社区同心网格调解"
    boiler = "".join(rnd.choice(hanzi) for _ in range(300))
    own = ["".join(rnd.choice(hanzi) for _ in range(600)) for _ in range(300)]
    cases = [(f"c{i:03d}", boiler + own[i]) for i in range(300)]
    cases.append(("repost", "转自某某网。" + boiler + own[120] + "阅读原文"))
    cases.append(("cut-short", own[7][:400]))
    # only the boilerplate: inside every case, but its pieces are too common to be indexed (the
    # price of a bounded check; the exact comparison would call it a copy of c000): kept
    cases.append(("boiler-only", boiler))
    dups = {d.id: d.duplicate_of for d in dedupe.find_duplicates(cases)}
    assert dups == {"repost": "c120", "cut-short": "c007"}
    assert dedupe.OWNER_CAP < 300


def test_pieces_are_the_sample_split_by_a_rule_of_content():
    from casebook import dedupe

    text = "健全“一站六会”基层统战组织，开展网格化调解，石榴籽家园建设起来。𠀀𠀁统一战线" * 3
    index, rest = dedupe.pieces(text)
    assert index | rest == dedupe.shingles(text) and not index & rest and index
    assert all(dedupe._indexed(p) for p in index) and not any(dedupe._indexed(p) for p in rest)
    assert all(not ord(p[0]) & 3 and len(p) == dedupe.SHINGLE for p in index | rest)
