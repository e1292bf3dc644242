"""Tag step — named methods by shape and context, slogans out, definitions and parts in."""

from __future__ import annotations

from casebook.tag_methods import find_methods, merge


def names(text):
    return [f.name for f in find_methods(text)]


def test_formula_and_attached_method_word():
    assert names("推行“五访五送”工作法，建立“三个必谈”机制。") == ["五访五送工作法", "三个必谈机制"]


def test_national_slogans_are_not_methods():
    assert names("增强“四个意识”、坚定“四个自信”、做到“两个维护”，服务“十四五”，画好“同心圆”。") == []


def test_metaphors_and_phrases_are_not_methods():
    text = "把统战“神经末梢”链接到家门口，推动“金点子”转化，坚持“书记抓、抓书记”，实现由唱“独角戏”向“大合唱”转变。"
    assert names(text) == []


def test_idioms_are_not_formulas():
    assert names("“千方百计”“一心一意”推进。") == []


def test_definition_in_brackets_and_its_parts():
    (f,) = find_methods("坚持“5321工作法”（“5”即五个到位，“3”即三个清单，“2”即两个机制，“1”即一个平台），成效明显。")
    assert f.name == "5321工作法"
    assert f.definition.startswith("“5”即五个到位")
    assert len(f.parts) == 4


def test_establishing_verb_and_name_endings():
    assert names("举办“和合讲坛”，创建“侨胞驿站”，组织“清风拂面”走访活动。") == ["和合讲坛", "侨胞驿站", "清风拂面走访活动"]


def test_unquoted_body_set_up_by_a_verb():
    assert names("我们成立党外律师服务团，为群众提供法律咨询。") == ["党外律师服务团"]


def test_unquoted_formula_with_method_word():
    assert names("在全县推行四访四帮工作法，效果明显。") == ["四访四帮工作法"]


def test_mixed_script_brand():
    assert names("建设网络平台——“同心E家”。") == ["同心E家"]


def test_siblings_of_a_strong_name():
    assert names("评选出“五融共建”、民主党派“同心议事”等典型案例。") == ["五融共建", "同心议事"]


def test_aliases_merge_across_cases():
    found = {"a": find_methods("推行“三访三问”工作法。"), "b": find_methods("坚持“三访三问”，效果好。")}
    (m,) = merge(found)
    assert m["name"] == "三访三问工作法" and m["aliases"] == ["三访三问"] and m["cases"] == ["a", "b"]


def test_plus_formulas_without_chinese():
    assert names("构建“3+X”联系服务模式，坚持“1+3+N”工作体系。") == ["3+X联系服务模式", "1+3+N工作体系"]


def test_name_stops_at_a_method_word_or_a_verb():
    assert names("推广“四微工作法”进社区活动，依托“同心e站”开展联谊活动。") == ["四微工作法", "同心e站"]


def test_placeholders_are_not_names():
    assert names("关注“XX统战”微信公众号，推行“某某工作法”。") == []


def test_definition_given_after_a_first_mention_is_kept():
    (f,) = find_methods("推行“三访三问”工作法。具体做法是：坚持“三访三问”工作法（访党外人士问需求、访企业问困难、访群众问意见），取得成效。")
    assert f.name == "三访三问工作法" and f.definition.startswith("访党外人士问需求") and len(f.parts) == 3
