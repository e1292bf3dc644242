"""Reproducible synthetic corpora for the scale benchmark (issue 6).

``python benchmarks/synth.py N DEST [--seed S]`` writes about N cases as .txt documents into
DEST: the five bundled documents of cases/sources/ unchanged (their 11 cases count towards
N), then invented documents made from the seeds' sentences:

* compilations (经验交流摘登): an intro naming an event, then 2-5 units, each an
  organisation line (中共XX市委统战部), a title and a byline
  (中共XX市委统战部副部长张三作主题分享), which the converter splits into cases;
* single speeches: title, organisation line, byline, body.

Body sentences: 15 % are seed sentences taken whole (the boilerplate every collection
repeats), the rest are new sentences walked along a first-order Markov chain of the seeds'
jieba words. Recombining whole sentences only (the first version) made every 6-character
shingle of a case shared with about one case in eight, which no real collection does and
which makes the converter's duplicate check quadratic (see README.md).

Every case gets a place from the gazetteer (a prefecture city, sometimes one of its
counties, whose full name is unambiguous), a speaker with an invented name, and 2-5
invented method names in the shapes the converter recognises (“五访五帮”工作法,
“同心X家”, “2468”工作机制, mixed script “渝E统战”…), drawn from a pool so that a
method is shared by several cases as in a real collection. Quoted names in the body are
replaced by the case's invented ones, figures are redrawn; each case also gets a few sentences of its own (place, method, figures),
so no generated case is a near duplicate of another (dedupe.py: 80 % containment of
6-character shingles) and the converter writes ≈ N cases.

So that search quality can still be judged on the big corpus, nothing that the answer
key of tests/data/search-queries.yaml looks for leaks into the invented text: seed
sentences holding a query, a marker, a seed place or a seed method are not reused, and
the seeds' cities are not drawn. The same seed gives the same corpus, byte for byte.
"""

from __future__ import annotations

import argparse
import functools
import random
import re
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "cases" / "sources"
QUERIES = ROOT / "tests" / "data" / "search-queries.yaml"
SEED = 20240606

# Places of the seed documents (and their short names): never drawn, never reused.
SEED_PLACES = ["襄阳", "哈尔滨", "新乡", "泸州", "酒城", "湖北", "黑龙江", "河南", "四川"]

NUM = "一二三四五六七八九十"
# Characters for formula names (五访五帮, 三联三促). 先/后/站/会 and friends of the seed
# names are left out so that no invented name contains a seed's.
FORMULA_CHARS = "访帮联促进送问解议办带建看比学创评亮争助融聚引育服心暖亲结帮察督查治守护谈走听记考晒"
NAME_HEADS = ["同心", "连心", "暖心", "聚力", "携手", "石桥", "红枫", "侨心", "新联", "民企", "商会", "同舟",
              "和合", "众智", "金桥", "彩虹", "丝路", "山海", "清风", "春晖", "知音", "鸿雁", "凝心", "向阳"]
NAME_MIDS = "福善德和安乐兴信诚勤仁义礼智美康宁惠润泽馨悦恒远"
NAME_TAILS = ["之家", "驿站", "工作室", "服务队", "家园", "会客厅", "议事厅", "书屋", "直通车", "联络站", "智库", "论坛"]
SUFFIXES = ["工作法", "工作机制", "机制", "活动", "品牌", "工程", "行动", "平台", "模式"]
LATIN = "ABCDEHKMPSTVXYZ"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰萍红建国文辉力斌宇浩凯鹏飞晨曦雪梅海波志宏春林晓东博瑞云峰鑫阳婷欣怡佳琪俊"
ROLES = ["常务副部长", "副部长", "部长", "副书记", "副主任", "主任", "秘书长"]
SPEECH = ["作主题分享", "作交流发言", "作典型发言", "作经验交流"]
EVENTS = ["全省统战工作经验交流会", "基层统战工作创新案例推介会", "统一战线服务高质量发展现场会",
          "全市统战部长培训班", "统战工作实践创新观摩活动", "新时代统战工作理论研讨会"]
OPENERS = ["坚持", "聚焦", "突出", "强化", "深化", "创新", "健全", "用好", "做实", "激活", "拓展", "筑牢"]
TOPICS = ["基层统战", "民营经济统战", "新的社会阶层人士统战", "民族宗教工作", "网络统战", "党外知识分子工作",
          "港澳台海外统战", "多党合作", "统战工作责任制", "乡村振兴统战", "社区统战", "高校统战"]
GOALS = ["提质增效", "凝心聚力", "走深走实", "落地见效", "彰显新作为", "激发新活力", "开创新局面", "汇聚新合力"]


def _protected() -> list[str]:
    spec = yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
    words = set(SEED_PLACES)
    for q in spec["queries"]:
        words.update(q["query"].split())
        words.add(q["marker"])
    return sorted(words, key=len, reverse=True)


def _stoplist() -> set[str]:
    return set(yaml.safe_load((ROOT / "cases" / "methods.yml").read_text(encoding="utf-8"))["stoplist"])


_SENT = re.compile(r"[^。！？]*[。！？]”?")
_QUOTED = re.compile(r"“([^“”]{1,30})”")


@functools.cache
def seed_sentences() -> tuple[str, ...]:
    """Sentences of the seed documents that name nothing the answer key looks for, with
    their quoted names (other than national slogans) marked for replacement as {M}."""
    from casebook.tag_methods import find_methods
    from casebook.text import normalize_punct

    protected, stop = _protected(), _stoplist()
    out: list[str] = []
    for path in sorted(SOURCES.iterdir()):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            line = normalize_punct(line.strip())
            if len(line) < 40 or "。" not in line:
                continue
            for sent in _SENT.findall(line):
                sent = sent.strip()
                if len(sent) < 15 or any(w in sent for w in protected):
                    continue
                sent = re.sub(r"^(?:[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,3}）|\d{1,2}[.．、])", "", sent)
                sent = _QUOTED.sub(lambda m: m.group(0) if m.group(1) in stop else "{M}", sent)
                # an unquoted name the converter would tag (成立…服务团, 四个深谈机制): not reused
                if find_methods(sent.replace("{M}", "“”")):
                    continue
                if sent not in out:
                    out.append(sent)
    return tuple(out)


_SLOT = "\ue000"  # stands for a quoted name while the chain is built
BOILERPLATE = 0.15  # share of body sentences taken whole from the seeds


@functools.cache
def word_chain() -> tuple[dict[str, list[str]], list[str]]:
    """A first-order Markov chain over the jieba words of the seed sentences: word → the
    words seen after it (repeated as often as seen), and the words that start a sentence."""
    import jieba

    jieba.setLogLevel(60)
    nxt: dict[str, list[str]] = {}
    starts: list[str] = []
    for sent in seed_sentences():
        words = [w for w in jieba.lcut(sent.replace("{M}", _SLOT), HMM=False) if w.strip()]
        starts.append(words[0])
        for a, b in zip(words, words[1:]):
            nxt.setdefault(a, []).append(b)
    return nxt, starts


@functools.cache
def places() -> tuple[tuple[str, str, str], ...]:
    """(province, city, county or '') with unambiguous full names, ending in 市 or 县."""
    from casebook.gazetteer import load

    g = load()
    cities = [p for p in g.places if p.level == 2 and p.name.endswith("市") and len(g.full[p.name]) == 1
              and not any(s in p.name or s in p.province for s in SEED_PLACES)]
    counties: dict[str, list[str]] = {}
    for p in g.places:
        if p.level == 3 and p.name.endswith("县") and len(g.full[p.name]) == 1 and p.city:
            counties.setdefault(p.city, []).append(p.name)
    out = []
    for c in sorted(cities, key=lambda p: p.code):
        out.append((c.province, c.name, ""))
        for county in sorted(counties.get(c.name, []))[:3]:
            out.append((c.province, c.name, county))
    return tuple(out)


class Maker:
    def __init__(self, n_cases: int, seed: int):
        self.rng = random.Random(seed)
        self.protected = _protected()
        self.sentences = seed_sentences()
        self.chain = word_chain()
        self.places = places()
        self.used_names: set[str] = set()
        self.methods = [self._method() for _ in range(max(20, n_cases // 2))]

    # -- names -------------------------------------------------------------------------
    def _ok(self, name: str) -> bool:
        from casebook.segment import is_dictionary_word

        return (name not in self.used_names and not is_dictionary_word(name)
                and not any(w in name or name in w for w in self.protected))

    def _method(self) -> str:
        r = self.rng
        while True:
            shape = r.random()
            if shape < 0.4:  # “五访五帮”工作法
                a, b = r.sample(NUM, 2)
                x, y = r.sample(FORMULA_CHARS, 2)
                name = f"“{a}{x}{b}{y}”{r.choice(SUFFIXES)}"
                core = f"{a}{x}{b}{y}"
            elif shape < 0.75:  # “同心福家” / “暖心驿站”
                core = f"{r.choice(NAME_HEADS)}{r.choice(NAME_MIDS)}{r.choice(NAME_TAILS)}"
                name = f"“{core}”"
            elif shape < 0.9:  # “2468”工作机制
                core = "".join(r.sample("123456789", r.choice((3, 4))))
                name = f"“{core}”{r.choice(['工作法', '工作机制', '服务模式'])}"
            else:  # “渝E统战”
                core = f"{r.choice(NAME_MIDS)}{r.choice(NAME_MIDS)}{r.choice(LATIN)}{r.choice(['统战', '同心', '连心', '服务'])}"
                name = f"“{core}”"
            if self._ok(core):
                self.used_names.add(core)
                return name

    def person(self) -> str:
        r = self.rng
        while True:
            name = r.choice(SURNAMES) + "".join(r.choice(GIVEN) for _ in range(r.choice((1, 2, 2))))
            if not any(w in name for w in self.protected):
                return name

    # -- text --------------------------------------------------------------------------
    def _sentence(self) -> str:
        """A seed sentence (boilerplate every collection repeats) or, mostly, a new one walked
        along the word chain: the seeds' words and phrasing, but 6-character runs that other
        cases do not share, as in a real collection."""
        r = self.rng
        if r.random() < BOILERPLATE:
            return r.choice(self.sentences)
        nxt, starts = self.chain
        while True:
            words = [r.choice(starts)]
            size = len(words[0])
            while words[-1] not in "。！？" and size < 90:
                follow = nxt.get(words[-1])
                if not follow:
                    break
                words.append(r.choice(follow))
                size += len(words[-1])
            sent = "".join(words)
            if sent[-1] not in "。！？":
                sent = sent.rstrip("，、；：") + "。"
            if len(sent) >= 12 and sent.count("“") == sent.count("”") and not any(w in sent for w in self.protected):
                return sent.replace(_SLOT, "{M}")

    def _fill(self, sent: str, methods: list[str]) -> str:
        r = self.rng
        # new figures first (3 → 17; years stay), then the names (“2468” keeps its digits)
        sent = re.sub(r"(?<![0-9年])\d{1,4}(?![0-9年])", lambda m: str(r.randint(2, 999)), sent)
        return sent.replace("{M}", "{}").format(*(r.choice(methods).split("”")[0] + "”" for _ in range(sent.count("{M}"))))

    def _own(self, place: str, short: str, methods: list[str]) -> list[str]:
        """Sentences only this case has: its place, methods and figures."""
        r = self.rng
        m = r.choice(methods)
        return [
            f"{place}坚持问题导向，创新推出{m}，{r.choice(OPENERS)}{r.choice(TOPICS)}，"
            f"累计开展活动{r.randint(12, 960)}场次，服务群众{r.randint(1000, 99000)}人次。",
            f"截至{r.randint(2019, 2024)}年{r.randint(1, 12)}月，全{short}已建成{r.choice(methods)}示范点{r.randint(3, 180)}个，"
            f"吸纳党外人士{r.randint(20, 4000)}名参与，形成可复制可推广的经验做法。",
            f"{place}{r.choice(['统战部', '工商联', '民宗局', '侨联'])}牵头，联合{r.randint(3, 40)}个部门建立{r.choice(methods)}，"
            f"推动解决{r.choice(['企业融资', '人才引进', '社区治理', '矛盾调解', '乡村产业', '营商环境'])}等问题{r.randint(10, 800)}个。",
        ]

    def case(self) -> list[str]:
        """Lines of one unit: org line, title, byline, body."""
        r = self.rng
        province, city, county = r.choice(self.places)
        unit = county or city
        short = "县" if county else "市"
        methods = r.sample(self.methods, r.randint(2, 5))
        org = f"中共{unit}委统战部"
        title = (f"以{methods[0].split('”')[0]}”{r.choice(OPENERS)}{r.choice(TOPICS)}"
                 if r.random() < 0.5 else f"{r.choice(OPENERS)}{r.choice(TOPICS)} 推动统战工作{r.choice(GOALS)}")
        byline = f"{org}{r.choice(ROLES)}{self.person()}{r.choice(SPEECH)}"
        body: list[str] = []
        own = self._own(unit, short, methods)
        n_par = r.randint(7, 13)
        heads = r.sample(range(1, n_par), min(3, n_par - 1)) if r.random() < 0.6 else []
        for k in range(n_par):
            if k in heads:
                body.append(f"{NUM[len([h for h in heads if h <= k]) - 1]}、{r.choice(OPENERS)}{r.choice(TOPICS)}，"
                            f"推动工作{r.choice(GOALS)}")
            sents = [self._fill(self._sentence(), methods) for _ in range(r.randint(3, 6))]
            if own and r.random() < 0.4:
                sents.insert(r.randint(0, len(sents)), own.pop())
            body.append("".join(sents))
        body.extend(own)
        return [org, title, byline, *body]

    def document(self, n_units: int) -> str:
        r = self.rng
        if n_units == 1:
            org, title, byline, *body = self.case()
            return "\n".join([title, org, byline, *body]) + "\n"
        province, city, _ = r.choice(self.places)
        intro = (f"{r.randint(1, 12)}月{r.randint(1, 28)}日，{r.choice(EVENTS)}在{province}{city}召开，"
                 f"{r.randint(8, 40)}个地市统战部门负责同志参加。会上，{n_units}个单位的代表结合当地实际作了交流发言。"
                 "以下为发言摘登——")
        lines = [f"{r.choice(TOPICS)}经验交流发言摘登", intro, ""]
        for _ in range(n_units):
            lines.extend(self.case())
            lines.append("")
        lines.append(f"（责任编辑：{self.person()}）")
        return "\n".join(lines) + "\n"


def generate(n_cases: int, dest: Path, seed: int = SEED) -> dict:
    """Write the corpus into dest (emptied first). Returns counts."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    seeds = sorted(p for p in SOURCES.iterdir() if p.is_file())
    for p in seeds:
        shutil.copyfile(p, dest / p.name)
    maker = Maker(n_cases, seed)
    todo = max(0, n_cases - 11)  # the seeds hold 11 cases
    docs = units = 0
    while units < todo:
        k = 1 if maker.rng.random() < 0.4 else maker.rng.randint(2, 5)
        k = min(k, todo - units)
        (dest / f"syn_{docs:06d}.txt").write_text(maker.document(k), encoding="utf-8")
        docs += 1
        units += k
    return {"documents": len(seeds) + docs, "cases_planned": 11 + units}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int, help="number of cases")
    ap.add_argument("dest", type=Path)
    ap.add_argument("--seed", type=int, default=SEED)
    a = ap.parse_args()
    sys.path.insert(0, str(ROOT / "scripts"))
    print(generate(a.n, a.dest, a.seed))


if __name__ == "__main__":
    main()
