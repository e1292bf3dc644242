"""Related cases: five from other places, ranked by shared methods, fields and words, each with its reason."""

from __future__ import annotations

import random

import yaml

from casebook import related
from casebook.related import MAX_RELATED, related_cases
from casebook.textsim import TextIndex, words


def _case(cid, text, place=(None, None, None), fields=(), methods=()):
    return {"id": cid, "title": cid, "url": f"cases/{cid}/", "text": text,
            "place": dict(zip(("province", "city", "county"), place)), "fields": list(fields), "methods": list(methods)}


XY = ("湖北省", "襄阳市", None)
BASE = "坚持党的领导，加强统一战线工作，推动各项任务落实。"


def test_words_are_chinese_words_not_characters_or_slogans():
    ws = words("健全“一站六会”基层统战组织，开展网格化调解，石榴籽家园建设起来。")
    assert "网格化" in ws and "调解" in ws and "基层" in ws
    assert all(len(w) >= 2 for w in ws)
    assert "统战" not in ws and "组织" not in ws and "建设" not in ws  # words every 统战 text has


def test_same_place_is_left_out_and_known_places_come_first():
    cases = [
        _case("a", BASE, XY, ["基层统战"], ["一站六会"]),
        _case("same-city", BASE, ("湖北省", "襄阳市", "襄州区"), ["基层统战"], ["一站六会"]),
        _case("same-province", BASE, ("湖北省", None, None), ["基层统战"], ["一站六会"]),
        _case("unknown", BASE, fields=["基层统战"], methods=["一站六会"]),
        _case("other", BASE, ("四川省", "泸州市", None), ["基层统战"]),
        _case("other2", BASE, ("湖北省", "宜昌市", None), ["宗教工作"]),
    ]
    got = [e["id"] for e in related_cases(cases)["a"]]
    assert "same-city" not in got and "same-province" not in got
    assert got == ["other", "unknown"]  # other2 shares nothing; unknown shares more but its place is not given
    # a case whose place is unknown is ranked by score alone
    got = [e["id"] for e in related_cases(cases)["unknown"]]
    assert got[:3] == ["a", "same-city", "same-province"]


def test_shared_method_outranks_shared_field_and_is_the_reason():
    cases = [
        _case("a", BASE, XY, ["基层统战", "宗教工作"], ["一站六会", "三先三后"]),
        _case("field", BASE, ("四川省", "泸州市", None), ["基层统战", "宗教工作"]),
        _case("method", BASE, ("河南省", "新乡市", None), ["网络统战"], ["一站六会"]),
    ]
    entries = related_cases(cases)["a"]
    assert [e["id"] for e in entries] == ["method", "field"]
    assert entries[0]["reason"] == "共用方法：一站六会"
    assert entries[1]["reason"] == "同为基层统战、宗教工作"
    assert entries[0]["place"] == "河南省新乡市" and entries[0]["title"] == "method" and entries[0]["url"] == "cases/method/"


def test_text_similarity_over_words_ranks_and_explains():
    topic = "推行网格化调解，组建石榴籽调解员队伍，调解邻里纠纷，网格员上门调解矛盾纠纷。"
    other = "举办民营企业家培训班，组织企业家考察学习，商会开展诚信经营教育。"
    filler = ["召开座谈会听取意见建议。", "举办读书班学习理论。", "表彰先进集体和个人。", "开展调研形成报告。"]
    cases = [_case("a", topic * 2, XY, ["基层统战"]),
             _case("near", filler[1] + topic, ("四川省", "泸州市", None), ["基层统战"]),
             _case("far", other * 2 + filler[2], ("河南省", "新乡市", None), ["基层统战"])]
    cases += [_case(f"z{i}", f, ("黑龙江省", "哈尔滨市", None), ["宗教工作"]) for i, f in enumerate(filler)]
    entries = related_cases(cases)["a"]
    assert [e["id"] for e in entries][:2] == ["near", "far"]
    reason = entries[0]["reason"]
    assert reason.startswith("同为基层统战；内容相近：")
    shown = reason.split("内容相近：")[1].split("、")
    assert set(shown) <= {"网格化", "调解", "石榴籽", "调解员", "纠纷", "网格员", "矛盾纠纷", "邻里纠纷", "上门", "矛盾", "队伍"}
    assert "内容相近" not in entries[1]["reason"]


def test_every_entry_has_a_reason_and_at_most_five():
    rnd = random.Random(7)
    fields = ["基层统战", "宗教工作", "民族工作", "网络统战", "多党合作"]
    cases = [_case(f"c{i:03d}", BASE + rnd.choice(["网格化调解。", "石榴籽家园。", "同心服务团义诊。"]),
                   (f"省{i % 7}", f"市{i % 13}", None), rnd.sample(fields, 2), rnd.sample(["甲法", "乙法", "丙法"], 1))
             for i in range(60)]
    out = related_cases(cases)
    assert set(out) == {c["id"] for c in cases}
    for cid, entries in out.items():
        assert 1 <= len(entries) <= MAX_RELATED
        assert all(e["reason"] and e["id"] != cid for e in entries)
    assert related_cases(list(reversed(cases))) == out  # the order of the input does not matter


def test_candidates_come_from_indexes_not_all_pairs(monkeypatch):
    """3,000 cases: the place check (run once per candidate) stays far below n² calls."""
    calls = 0
    real = related._same_place

    def counting(a, b):
        nonlocal calls
        calls += 1
        return real(a, b)

    monkeypatch.setattr(related, "_same_place", counting)
    rnd = random.Random(3)
    vocab = ["网格化", "调解", "石榴籽", "服务团", "商会", "宗教", "侨胞", "新阶层", "网络", "协商", "议事", "乡贤",
             "志愿", "宣讲", "党外", "知识分子", "民营", "企业家", "两岸", "留学"]
    n = 3000
    cases = [_case(f"c{i:04d}", "，".join(rnd.sample(vocab, 6)) + "。", (f"省{i % 31}", f"市{i % 200}", None),
                   rnd.sample(["基层统战", "宗教工作", "民族工作"], 1), [f"法{i % 500}"]) for i in range(n)]
    out = related_cases(cases)
    assert all(len(v) == MAX_RELATED for v in out.values())
    assert calls < n * 100, calls  # all pairs would be 9,000,000


def test_index_cosine_matches_accumulated_neighbours():
    texts = ["网格化调解石榴籽调解员", "网格化调解商会企业家", "宗教场所侨胞之家", "商会企业家民营经济"]
    idx = TextIndex.build(texts)
    for i in range(len(texts)):
        for j, v in idx.neighbours(i).items():
            assert abs(v - idx.cosine(i, j)) < 1e-12


def test_catalog_and_page_carry_the_same_related_list(tmp_path):
    from pathlib import Path

    from casebook.pipeline import convert

    root = Path(__file__).resolve().parents[1]
    catalog, _ = convert(root / "cases" / "sources", tmp_path / "out")
    ids = {c["id"] for c in catalog["cases"]}
    for c in catalog["cases"]:
        page = (tmp_path / "out" / "cases" / f"{c['id']}.md").read_text(encoding="utf-8")
        meta = yaml.safe_load(page.split("\n---\n", 1)[0].removeprefix("---\n"))
        assert c["related"] == [{"id": r["id"], "reason": r["reason"]} for r in meta["related"]]
        assert all(r["id"] in ids and r["id"] != c["id"] and r["reason"] for r in c["related"])
    (xy,) = [c for c in catalog["cases"] if "童光源" in c["text"] or c["speaker"] == "童光源"]
    by_id = {c["id"]: c for c in catalog["cases"]}
    cities = [by_id[r["id"]]["place"]["city"] for r in xy["related"]]
    assert xy["place"]["city"] == "襄阳市"
    assert any(city and city != "襄阳市" for city in cities), xy["related"]
    assert "襄阳市" not in cities
