"""segment.cut is jieba's dictionary segmentation (lcut with HMM=False), only faster: same words."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from casebook import segment, textsim
from casebook.read import read_document
from conftest import SOURCES


def jieba_cut(text: str) -> list[str]:
    return segment._tokenizer().lcut(text, HMM=False)


def test_same_words_as_jieba_on_the_bundled_documents():
    for path in sorted(SOURCES.iterdir()):
        text = "\n".join(ln.text for ln in read_document(path).lines)
        assert segment.cut(text) == jieba_cut(text), path.name


def test_same_words_as_jieba_on_mixed_script_and_spaces():
    for text in ["", " ", "\r\n\r\n", "abc 12 3x\r\n  石榴籽ＡＢ  4321工作法 1+N a.b-c % 5G", "中华人民共和国万岁",
                 "“渝E统战”平台，E家亲APP上线2.0版", "\t统一战线\u3000工作\n\n一是……二是", "〇〇七号　ａｂｃ　１２３"]:
        assert segment.cut(text) == jieba_cut(text), text


ALPHABET = "统一战线工作坚持党的领导凝聚共识服务大局民主党派无党派人士知识分子民族宗教新阶层港澳台侨基层组织襄阳市县区乡镇村社区同心石榴籽网格化调解员aZ09+#&._%- \r\n\t，。“”（）、"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=80))
def test_same_words_as_jieba_on_any_text(text):
    assert segment.cut(text) == jieba_cut(text)


def test_textsim_words_are_the_filtered_jieba_words():
    text = "健全“一站六会”基层统战组织，开展网格化调解，石榴籽家园建设起来。E家亲APP 2024年"
    expected = [w for w in jieba_cut(text) if len(w) >= 2 and w not in textsim.STOPWORDS and textsim._CJK.search(w)]
    assert textsim.words(text) == expected
