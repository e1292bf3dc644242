"""The site's search index: Chinese character bigrams, cut into small script files.

Why not Material's built-in index: it is the whole text of every page in one JSON file
that every fresh page load downloads and the browser turns into a lunr index before
the first answer (27 MB and 6 s at 1,000 cases, 274 MB and 83 s at 10,000: see
benchmarks/README.md). Why not Pagefind: it cannot search from file://.

What is written (under ``search/<version>/`` of the site; the version is a hash of
what the index is built from, so a cached shard from an older build is never mixed with
a newer one):

* ``manifest.js``: ``__cbManifest({"n": documents, "terms": term shards, "docs": documents per doc shard,
  "version": version})``
* ``t/<k>.js``: ``__cbTerms(k, {term: [doc, impact, doc, impact, ...]})`` with the
  documents of a posting list delta-coded. A term is a bigram of Chinese characters
  (三先三后 -> 三先 先三 三后: found however a segmenter would have cut it) or an
  ASCII/digit word (4321工作法 -> 4321 工作 作法). Term ``t`` lives in shard
  ``fnv1a(t) % terms``: the browser computes the same hash (casebook-search.js).
* ``d/<k>.js``: ``__cbDocs(k, [[location, title, text, tags], ...])``: what a result
  shows, ``docs`` documents per file.

Each file is a classic script (not JSON) so that the search worker can load it with
``importScripts`` over http and, from disk (file://, where fetch is forbidden), through
the iframe shim's ``<script>`` tags.

The impact of a term in a document (an integer, 1..255) is BM25 over the body plus a
boost for each header field that holds it: title and method names above place,
people above the body. The browser multiplies it by the term's IDF, computed from the
length of the posting list.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
import re
import operator
import unicodedata
from array import array
from collections import Counter, defaultdict
from itertools import chain
from dataclasses import dataclass, field
from pathlib import Path

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
TOKEN = re.compile(f"[{CJK}]+|[0-9a-z]+")
TAG = re.compile(r"<[^>]*>")

# Boost added to a term's impact for each header field that contains it.
FIELD_BOOST = {"title": 3.0, "methods": 3.0, "place": 2.0, "people": 1.5}
K1, B = 1.2, 0.75  # BM25 over the body
IMPACT_SCALE = 20  # impact stored as round(value * IMPACT_SCALE), at most 255
SHARD_BYTES = 32_000  # target size of a term shard
DOCS_PER_SHARD = 8  # a first result page of up to 30 hits touches at most 30 small files
SNIPPET_CHARS = 90


@dataclass
class Document:
    """One page as search sees it. ``fields`` are the header fields of FIELD_BOOST."""

    location: str
    title: str
    body: str = ""
    fields: dict[str, str] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    snippet: str = ""
    order: tuple = ()


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def terms(text: str) -> list[str]:
    """The index terms of ``text``, in order, repeated as often as they occur."""
    out: list[str] = []
    for run in TOKEN.findall(normalise(text)):
        if run[0].isascii():
            out.append(run)
        else:
            out.extend(map(str.__add__, run[:-1], run[1:]))  # bigrams, at C speed
    return out


def fnv1a(term: str) -> int:
    """32-bit FNV-1a over UTF-16 code units: what JavaScript's charCodeAt sees."""
    h = 0x811C9DC5
    data = term.encode("utf-16-le")
    for i in range(0, len(data), 2):
        h ^= data[i] | (data[i + 1] << 8)
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def plain_text(markdown: str) -> str:
    """Page text as a reader sees it: without HTML tags (case bodies carry a few, e.g. the
    byline) and with character references read (the converter writes a `<` or `*` of the
    source as &#60; or &#42;)."""
    return html.unescape(TAG.sub(" ", markdown))


def snippet_of(text: str, limit: int = SNIPPET_CHARS) -> str:
    flat = re.sub(r"\s+", " ", re.sub(r"^#+ .*$", "", text, flags=re.M)).strip()
    return flat if len(flat) <= limit else flat[:limit].rstrip() + "…"


def term_count(text: str) -> int:
    """len(terms(text)), without building the list."""
    return sum(1 if run[0].isascii() else len(run) - 1 for run in TOKEN.findall(normalise(text)))


def impacts(docs: list[Document]) -> dict[str, array]:
    """term -> flat array [document number, impact, document number, impact, ...] in
    document order. Arrays, and one document's counts at a time: at 10,000 cases lists
    of tuples and every document's Counter held at once took 1.8 GB."""
    lengths = [term_count(d.body) for d in docs]
    with_body = [n for n in lengths if n]
    avg = (sum(with_body) / len(with_body)) if with_body else 0.0
    postings: dict[str, array] = defaultdict(lambda: array("I"))
    for n, doc in enumerate(docs):
        boost: dict[str, float] = defaultdict(float)
        for name, value in doc.fields.items():
            if value and FIELD_BOOST.get(name):
                for term in set(terms(value)):
                    boost[term] += FIELD_BOOST[name]
        norm = K1 * (1 - B + B * lengths[n] / avg) if avg else K1
        body = Counter(terms(doc.body))
        by_tf: dict[int, int] = {}  # the BM25 part depends only on tf here
        for term, tf in body.items():
            if term in boost:
                impact = _quantise(tf * (K1 + 1) / (tf + norm) + boost[term])
            else:
                impact = by_tf.get(tf)
                if impact is None:
                    impact = by_tf[tf] = _quantise(tf * (K1 + 1) / (tf + norm))
            postings[term].extend((n, impact))
        for term, value in boost.items():
            if term not in body:
                postings[term].extend((n, _quantise(value)))
    return postings


def _quantise(value: float) -> int:
    return max(1, min(255, round(value * IMPACT_SCALE)))


def encode_posting(posting: array) -> str:
    """The posting as a JSON array, documents delta-coded: [d0, i0, d1-d0, i1, ...]."""
    ids, marks = posting[0::2], posting[1::2]
    deltas = map(operator.sub, ids, chain((0,), ids))
    return "[" + ",".join(map(str, chain.from_iterable(zip(deltas, marks)))) + "]"


def _js(call: str, *args) -> str:
    data = ",".join(json.dumps(a, ensure_ascii=False, separators=(",", ":")) for a in args)
    return f"{call}({data});\n"


@dataclass
class Index:
    version: str
    files: dict[str, str]  # relative path under search/<version>/ -> script text
    documents: int
    term_shards: int


def _ordered(docs: list[Document]) -> list[Document]:
    return sorted(docs, key=lambda d: (d.order, d.location))


def fingerprint(docs: list[Document]) -> str:
    """The index's version: a hash of what it is built from (and of this module, whose
    code decides the format). Cheap, so pages can name it before the index is built."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for d in _ordered(docs):
        digest.update(json.dumps([d.location, d.title, d.body, d.fields, d.tags, d.snippet, list(d.order)],
                                 ensure_ascii=False, sort_keys=True).encode("utf-8"))
    return digest.hexdigest()[:12]


def build(docs: list[Document], version: str | None = None) -> Index:
    """The index of ``docs``, deterministic for the same input. ``version``: their
    fingerprint when the caller already has it (hashing 10,000 bodies takes a second)."""
    version = version or fingerprint(docs)
    docs = _ordered(docs)
    postings = impacts(docs)
    entries = {}  # term -> '"term":[...]', the term's entry in its shard's object
    for t in sorted(postings):
        entries[t] = json.dumps(t, ensure_ascii=False) + ":" + encode_posting(postings.pop(t))
    size = sum(len(e) + 2 * len(t) for t, e in entries.items())  # UTF-8: a Chinese character is 3 bytes
    shards = max(1, math.ceil(size / SHARD_BYTES))
    by_shard: dict[int, list[str]] = defaultdict(list)
    for t, e in entries.items():
        by_shard[fnv1a(t) % shards].append(e)
    files: dict[str, str] = {}
    for k in range(shards):
        files[f"t/{k}.js"] = f"__cbTerms({k},{{" + ",".join(by_shard.get(k, [])) + "});\n"
    rows = [[d.location, d.title, d.snippet, d.tags] for d in docs]
    for k in range(0, max(1, math.ceil(len(rows) / DOCS_PER_SHARD))):
        files[f"d/{k}.js"] = _js("__cbDocs", k, rows[k * DOCS_PER_SHARD:(k + 1) * DOCS_PER_SHARD])
    files["manifest.js"] = _js("__cbManifest", {"n": len(docs), "terms": shards, "docs": DOCS_PER_SHARD, "version": version})
    return Index(version=version, files=files, documents=len(docs), term_shards=shards)


def write(index: Index, search_dir: Path) -> Path:
    """Write the index under ``search_dir/<version>/``; returns that folder."""
    root = search_dir / index.version
    for name, text in index.files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root
