"""Organisation and speaker where no byline names them (tag_meta), on texts written here."""

from __future__ import annotations

from casebook.model import Block, Case
from casebook.tag_meta import organization_in_text, people, speaker_line

PINGJIANG = {"province": "湖南省", "city": "岳阳市", "county": "平江县"}
YUEYANG = {"province": "湖南省", "city": "岳阳市", "county": None}


def _case(*texts: str, title_at: int | None = 0) -> Case:
    blocks = [Block(t, i + 1, i + 1, "title" if i == title_at else "p") for i, t in enumerate(texts)]
    return Case(file="x.txt", sha256="0" * 64, blocks=blocks, title=texts[title_at or 0])


def test_the_subject_of_the_opening_is_the_organisation():
    text = "近年来，平江县委统战部以“三访三送”为抓手，推动民营经济发展。全县各乡镇积极配合。"
    assert organization_in_text(text, PINGJIANG) == "平江县委统战部"


def test_the_department_of_another_level_or_place_is_not_the_cases():
    # the city's department guides, a visiting department comes: the county's own does the work
    text = (
        "岳阳市委统战部指导下，湘潭市委统战部一行来访。会上，平江县委统战部介绍了做法。"
        "此后，平江县委统战部又组织了三场座谈。"
    )
    assert organization_in_text(text, PINGJIANG) == "平江县委统战部"
    assert organization_in_text(text, YUEYANG) == "岳阳市委统战部"


def test_a_name_neither_in_the_opening_nor_repeated_is_a_passing_mention():
    text = "全县持续推进民营经济发展，" + "各乡镇开展了多种活动，" * 20 + "平江县工商联也参与其中。"
    assert organization_in_text(text, PINGJIANG) is None


def test_an_anonymised_case_gets_no_organisation():
    text = "近年来，某县委统战部创新工作方法。平江县委统战部的经验值得借鉴。"
    assert organization_in_text(text, {"province": None, "city": None, "county": None}) is None


def test_a_party_name_and_zhonggong_stay_in_front_and_a_chain_of_places_is_one_name():
    assert organization_in_text("中共平江县委统战部持续推进。", PINGJIANG) == "中共平江县委统战部"
    assert organization_in_text("日前，民进平江县支部委员会开展调研。", PINGJIANG) == "民进平江县支部委员会"
    assert organization_in_text("近年来，岳阳平江县委统战部深入挖掘资源。", PINGJIANG) == "岳阳平江县委统战部"


def test_a_clause_is_not_a_name():
    # 的 joins words: “平江县新的青年企业家联谊会” is what the event founded, not a unit's name
    assert organization_in_text("平江县新的青年企业家联谊会年会举行。", PINGJIANG) is None
    assert organization_in_text("平江县台胞台属联谊会赴外地交流。", PINGJIANG) == "平江县台胞台属联谊会"


def test_a_name_alone_under_the_title_is_the_speaker():
    case = _case("以学促干 奋力开创新局面", "欧阳明", "近期，通过系统学习，我对统战工作有了更深的理解。" * 3)
    assert speaker_line(case) == "欧阳明"
    assert people(case, PINGJIANG)["speaker"] == "欧阳明"


def test_a_short_heading_under_the_title_is_not_a_speaker():
    for heading in ("编者按", "坚持团结", "工作成效"):
        assert speaker_line(_case("以学促干 奋力开创新局面", heading, "近期开展了学习。" * 3)) is None


def test_the_unit_signing_the_item_at_its_end_is_the_organisation():
    text = "全县持续推进民营经济发展，" + "各乡镇开展了多种活动，" * 20 + "成效明显。（平江县委统战部）"
    assert organization_in_text(text, PINGJIANG) == "平江县委统战部"


def test_an_organisation_in_traditional_characters_is_found_and_kept_as_written():
    text = "近年來，平江縣委統戰部以“三訪三送”為抓手，推動民營經濟發展。"
    assert organization_in_text(text, PINGJIANG) == "平江縣委統戰部"


def test_a_name_under_an_articles_own_title_below_an_editors_note_is_the_speaker():
    case = _case(
        "某某市委宣传部 >> 栏目",
        "编者按",
        "为深入学习，现推出专栏，分享各区统战部长的学习心得，敬请关注。" * 2,
        "深学笃用 见行见效",
        "张建国",
        "近来，通过反复学习，我对统战工作的要求有了更清楚的认识。" * 2,
    )
    assert speaker_line(case) == "张建国"


def test_a_title_led_by_a_visiting_department_does_not_name_the_cases_organisation():
    text = "某日，湘潭市委统战部一行来岳阳交流。岳阳市委统战部介绍了工作情况。岳阳市委统战部表示将深化合作。"
    case = _case("湘潭市委统战部来岳交流网络统战工作", text)
    assert people(case, YUEYANG)["organization"] == "岳阳市委统战部"


def test_an_organisation_opening_a_later_sentence_is_the_subject():
    text = "全县持续推进民营经济发展，" + "各乡镇开展了多种活动，" * 20 + "成效明显。2023年以来，平江县委统战部以村为试点推进共富。"
    assert organization_in_text(text, PINGJIANG) == "平江县委统战部"
    mention = "全县持续推进民营经济发展，" + "各乡镇开展了多种活动，" * 20 + "成效明显，得到平江县委统战部肯定。"
    assert organization_in_text(mention, PINGJIANG) is None
