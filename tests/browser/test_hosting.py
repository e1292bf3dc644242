"""The site as readers get it: served by nginx under /anli/ with the shipped configuration
(deploy/nginx.conf), and copied to a laptop and opened from disk (file://), search included."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .site import ROOT, case_page_with, search

CSP_WATCH = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def nginx(built_site, tmp_path_factory):
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        pytest.fail("nginx is not installed: `apt-get install nginx` (make test does it on Debian as root)")
    work = tmp_path_factory.mktemp("nginx")
    port = _free_port()
    site_conf = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    site_conf = site_conf.replace("listen 80;", f"listen 127.0.0.1:{port};")
    site_conf = site_conf.replace("alias /srv/anli/site/;", f"alias {built_site}/;")
    (work / "anli.conf").write_text(site_conf, encoding="utf-8")
    temp = {k: work / k for k in ("client", "proxy", "fastcgi", "uwsgi", "scgi")}
    for d in temp.values():
        d.mkdir()
    (work / "nginx.conf").write_text(f"""
user root;
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {work}/access.log;
    client_body_temp_path {temp['client']};
    proxy_temp_path {temp['proxy']};
    fastcgi_temp_path {temp['fastcgi']};
    uwsgi_temp_path {temp['uwsgi']};
    scgi_temp_path {temp['scgi']};
    include {work}/anli.conf;
}}
""", encoding="utf-8")
    test = subprocess.run([binary, "-t", "-c", str(work / "nginx.conf")], capture_output=True, text=True)
    assert test.returncode == 0, test.stderr
    proc = subprocess.Popen([binary, "-c", str(work / "nginx.conf"), "-g", "daemon off;"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}/anli/"
    for _ in range(100):
        try:
            urllib.request.urlopen(base, timeout=1)
            break
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.05)
    try:
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _get(url: str, **headers) -> tuple[int, dict, bytes]:
    req = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=5) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read()


def test_response_headers(nginx):
    status, h, _ = _get(nginx)
    assert status == 200
    assert h["x-content-type-options"] == "nosniff"
    assert "noindex" in h["x-robots-tag"]
    assert "default-src 'self'" in h["content-security-policy"]
    assert h["content-type"].startswith("text/html") and "utf-8" in h["content-type"].lower()
    css = re.search(r'href="(assets/stylesheets/main\.[0-9a-f]{8}\.min\.css)"', _get(nginx)[2].decode()).group(1)
    status, h, _ = _get(nginx + css, **{"Accept-Encoding": "gzip"})
    assert status == 200 and h.get("content-encoding") == "gzip"
    assert "max-age=31536000" in h.get("cache-control", "")
    assert h["x-content-type-options"] == "nosniff"  # security headers on assets too
    status, h, body = _get(nginx + "catalog.csv")
    assert status == 200 and body.startswith("\ufeff标题".encode("utf-8"))
    assert h["content-type"] == "text/csv; charset=utf-8"
    status, h, body = _get(nginx + "cases/no-such-case.html")
    assert status == 404 and "没有找到这个页面" in body.decode("utf-8") and h["content-type"].startswith("text/html")
    assert _get(nginx.replace("/anli/", "/robots.txt"))[2] == b"User-agent: *\nDisallow: /\n"



def test_server_names_no_version_and_serves_only_the_site(nginx):
    """Issue 12: the Server header and nginx's own error pages carry no version, and the
    host's root leads to the site's home page, never nginx's "Welcome to nginx" page."""
    root = nginx.removesuffix("anli/")
    status, h, body = _get(root)
    assert status == 200 and "Welcome to nginx" not in body.decode("utf-8", "replace")
    assert "cb-stats" in body.decode("utf-8")  # the site's home page
    assert h["server"] == "nginx", h["server"]
    for url in (nginx, root + "no-such-place", nginx + "cases/no-such-case.html"):
        status, h, body = _get(url)
        assert h["server"] == "nginx", (url, h["server"])
        assert not re.search(rb"nginx/\d", body), (url, body[:200])
    status, _, body = _get(root + "no-such-place")
    assert status == 404 and b"Welcome to nginx" not in body


def test_deploy_config_names_the_test_that_checks_it():
    """The comment atop deploy/nginx.conf tells an administrator which test covers it."""
    named = re.findall(r"tests/[\w/]+\.py", (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8"))
    assert named and all((ROOT / n).is_file() for n in named), named


def test_pages_search_and_404_through_nginx(page, nginx, built_site, screenshots):
    page.add_init_script(CSP_WATCH)
    console = []
    page.on("console", lambda m: console.append(m.text))
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    case = case_page_with(built_site, "童光源")[0]
    city = next(p.relative_to(built_site).as_posix() for p in sorted((built_site / "places").rglob("*.html"))
                if "xiangyang" in p.name)
    shots = {"home": "", "city": city, "methods": "methods/index.html", "case": case}
    for name, path in shots.items():
        resp = page.goto(nginx + path)
        assert resp.status == 200, path
        page.wait_for_load_state("load")
        page.screenshot(path=str(screenshots / f"nginx-{name}.png"), full_page=name != "case")
    assert "童光源" in page.locator("article").inner_text()
    shown = search(page, nginx, "三先三后")
    assert case in shown[:3]
    resp = page.goto(nginx + "cases/no-such-case.html")
    assert resp.status == 404
    assert "没有找到这个页面" in page.locator("article").inner_text()
    page.screenshot(path=str(screenshots / "nginx-404.png"))
    page.locator("a", has_text="按工作方法浏览").click()
    page.wait_for_load_state("load")
    assert page.url == nginx + "methods/index.html"
    page.screenshot(path=str(screenshots / "nginx-404-then-methods.png"))
    assert page.evaluate("window.__cspViolations") == []
    assert not [m for m in console if "Content Security Policy" in m or "Refused to" in m], console
    assert all(u.startswith(nginx.split("/anli/")[0]) or u.startswith(("data:", "blob:")) for u in requests)


def test_site_copied_to_disk_searches_without_a_server(browser, built_site, tmp_path):
    copy = tmp_path / "案例库 copy"
    shutil.copytree(built_site, copy)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    home = copy.as_uri() + "/index.html"
    expected = case_page_with(built_site, "易小飞")[0]
    shown = search(page, home, "4321工作法")
    urls = [u if "://" in u else copy.as_uri() + "/" + u for u in shown]  # search() returns full file:// URLs here
    assert copy.as_uri() + "/" + expected in urls[:3]
    page.goto(copy.as_uri() + "/" + expected)
    assert "易小飞" in page.locator("article").inner_text()
    chip = page.locator(".cb-card a.cb-chip--method").first
    name = chip.inner_text()
    chip.click()
    page.wait_for_load_state("load")
    assert page.url.startswith(copy.as_uri() + "/methods/")
    assert name in page.locator("article h1").inner_text()
    assert all(u.startswith("file://") or u.startswith(("data:", "blob:", "about:")) for u in requests), [
        u for u in requests if not u.startswith("file://")]
    context.close()
