from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from .site import CHROMIUM, CHROMIUM_ARGS, ROOT, Server, build, convert, write_config

SCREENSHOTS = ROOT / "build" / "screenshots"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site: converter output + mkdocs build --strict, in a temp dir."""
    work = tmp_path_factory.mktemp("site")
    docs = convert(work / "docs")
    site = work / "site"
    result = build(write_config(work, docs, site))
    assert result.returncode == 0, result.stdout + result.stderr
    warnings = [l for l in result.stderr.splitlines() if "WARNING" in l]
    assert not warnings, warnings
    return site


@pytest.fixture(scope="session")
def server(built_site):
    with Server(built_site) as srv:
        yield srv


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN",
                                  service_workers="block")
    pg = context.new_page()
    yield pg
    context.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
