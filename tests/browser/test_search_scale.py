"""Search on a larger corpus: the answer key still holds and a query stays cheap.

The corpus is benchmarks/synth.py's (the bundled documents plus generated cases with
places from the gazetteer and invented method names; fixed seed), converted and built
like the real site. `make bench` does the same at 1,000 and 10,000 cases and prints
the timings; this test keeps the behaviour honest at a size CI can afford.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

from .site import ROOT, Server, build, case_page_with, convert, search, write_config

pytestmark = pytest.mark.browser

SPEC = yaml.safe_load((ROOT / "tests/data/search-queries.yaml").read_text(encoding="utf-8"))
CASES = 400


@pytest.fixture(scope="module")
def big_site(tmp_path_factory) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import synth

    work = tmp_path_factory.mktemp("big")
    synth.generate(CASES, work / "src")
    docs = convert(work / "docs", work / "src")
    site = work / "site"
    result = build(write_config(work, docs, site))
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="module")
def big_server(big_site):
    with Server(big_site) as srv:
        yield srv


def test_answer_key_queries_still_find_their_case_among_many(page, big_site, big_server):
    assert len(list(big_site.glob("cases/*.html"))) >= CASES * 0.95
    failed = []
    for q in SPEC["queries"]:
        expected = case_page_with(big_site, q["marker"])
        assert len(expected) == 1, q
        shown = search(page, big_server.url, q["query"])
        if expected[0] not in shown[:SPEC["top"]]:
            failed.append((q["query"], expected[0], shown[:5]))
    assert not failed, failed


def test_a_first_query_loads_a_few_small_index_files(page, big_site, big_server):
    fetched = []
    page.on("requestfinished", lambda req: fetched.append((req.url, req.sizes()["responseBodySize"])))
    shown = search(page, big_server.url, "三先三后")
    assert shown
    index = [(url, size) for url, size in fetched if "/search/" in url]
    shards = [(url, size) for url, size in index if "/t/" in url or "/d/" in url]
    material = [size for url, size in index if url.endswith("search_index.json")]
    # Material's own index stays empty: every page is in ours instead.
    assert material and material[0] < 2_000, material
    assert shards and all(size < 64_000 for _, size in shards), shards
    total = sum(size for _, size in index)
    whole = sum(p.stat().st_size for p in big_site.glob("search/*/**/*.js"))
    assert total < whole / 5, (total, whole)
