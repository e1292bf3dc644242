"""Size of a sharded, script-loaded search index (a design that also works from file://).

    python benchmarks/shard_estimate.py build/bench/1000/docs/catalog.json ...

Not an implementation: it computes, from the converter's catalog.json, what an inverted index
of Chinese character bigrams (plus ASCII/digit words) would weigh when cut into shards that
are classic scripts (``search/s/NN.js`` calling a global function, loadable with a <script>
tag from http:// and file:// alike), and how many bytes the queries of bench_scale.FIVE and
tests/data/search-queries.yaml would load. Postings are page numbers, delta-coded, with the
count of the bigram in the page (for ranking), written as JSON arrays; titles, URLs and the
tags shown in results are a second set of shards (by page number). The gzip figures are what
nginx would send; from disk the raw figures count.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import zlib
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_scale import FIVE, SPEC  # noqa: E402

CJK = re.compile(r"[\u3400-\u9fff]+")
ASCII = re.compile(r"[0-9A-Za-z]+")
TARGET_SHARD = 32_000  # bytes of raw JSON per shard, about
DOCS_PER_SHARD = 64


def terms(text: str) -> Counter:
    c: Counter = Counter()
    for run in CJK.findall(text):
        if len(run) == 1:
            c[run] += 1
        c.update(run[i:i + 2] for i in range(len(run) - 1))
    c.update(w.lower() for w in ASCII.findall(text))
    return c


def query_terms(q: str) -> set[str]:
    return set(terms(q))


def shard_of(term: str, n: int) -> int:
    return zlib.crc32(term.encode()) % n


def estimate(catalog: Path) -> dict:
    cat = json.loads(catalog.read_text(encoding="utf-8"))
    cases = cat["cases"]
    postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
    docs = []
    for i, c in enumerate(cases):
        head = " ".join([c["title"], *(c.get("methods") or []), *filter(None, (c.get("place") or {}).values()),
                         c.get("speaker") or "", c.get("organization") or ""])
        tf = terms(head + " " + head + " " + (c.get("text") or ""))  # header words count twice
        for t, k in tf.items():
            postings[t].append((i, min(k, 99)))
        docs.append([c["url"], c["title"], (c.get("place") or {}).get("city") or "", (c.get("methods") or [])[:5]])

    def encode(plist):
        out, last = [], 0
        for d, k in plist:
            out += [d - last, k]
            last = d
        return out

    enc = {t: json.dumps(encode(p), separators=(",", ":")) for t, p in postings.items()}
    total = sum(len(t.encode()) + len(v) + 4 for t, v in enc.items())
    n_shards = max(1, round(total / TARGET_SHARD))
    shards: dict[int, list[str]] = defaultdict(list)
    for t, v in enc.items():
        shards[shard_of(t, n_shards)].append(json.dumps(t, ensure_ascii=False) + ":" + v)
    shard_bytes = {k: ("__cbShard(%d,{%s})" % (k, ",".join(v))).encode() for k, v in shards.items()}
    sizes = sorted(len(b) for b in shard_bytes.values())
    gz = {k: len(gzip.compress(b, 6)) for k, b in shard_bytes.items()}
    doc_shards = [json.dumps(docs[i:i + DOCS_PER_SHARD], ensure_ascii=False, separators=(",", ":")).encode()
                  for i in range(0, len(docs), DOCS_PER_SHARD)]

    def cost(queries: list[str]) -> tuple[int, int, int]:
        need = {shard_of(t, n_shards) for q in queries for t in query_terms(q)}
        need &= set(shard_bytes)
        # result display: the doc shards of the first 10 pages (worst case: 10 different shards)
        docs_raw = min(10, len(doc_shards)) * max(len(d) for d in doc_shards)
        docs_gz = min(10, len(doc_shards)) * max(len(gzip.compress(d, 6)) for d in doc_shards)
        return (sum(len(shard_bytes[k]) for k in need) + docs_raw,
                sum(gz[k] for k in need) + docs_gz, len(need))

    first, five = cost(FIVE[:1]), cost(FIVE)
    return {
        "cases": len(cases), "terms": len(enc), "index_bytes": total, "shards": n_shards,
        "shard_bytes_median": sizes[len(sizes) // 2], "shard_bytes_max": sizes[-1],
        "doc_shards": len(doc_shards), "doc_shard_bytes_max": max(len(d) for d in doc_shards),
        "first_query_bytes": first[0], "first_query_gzip": first[1], "first_query_shards": first[2],
        "five_queries_bytes": five[0], "five_queries_gzip": five[1],
        "worst_yaml_query_bytes": max(cost([q["query"]])[0] for q in SPEC["queries"]),
    }


def main() -> None:
    out = {}
    for p in sys.argv[1:]:
        r = estimate(Path(p))
        out[str(r["cases"])] = r
        print(json.dumps(r))
    print(json.dumps(out))


if __name__ == "__main__":
    main()
