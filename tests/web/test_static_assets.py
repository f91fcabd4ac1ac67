"""Static files on a slow network: hashed names cached for a year, gzip, old URLs still served."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

from fastapi.testclient import TestClient

from app.assets import STATIC_DIR
from app.web.static_assets import IMMUTABLE, StaticAssets, static_url
from tests.factories import bearer, make_session

ASSET = re.compile(r'(?:href|src)="(/static/[^"]+)"')


def digest_of(name: str) -> str:
    return hashlib.sha256((STATIC_DIR / name).read_bytes()).hexdigest()[:12]


def test_pages_name_every_asset_by_its_content_and_it_is_cached_for_a_year(
    client: TestClient,
) -> None:
    page = client.get("/")
    assert page.headers["cache-control"] == "no-store"  # the HTML itself is always fresh
    assets = ASSET.findall(page.text)
    assert "/static/vendor/htmx.org/htmx.min." + digest_of(
        "vendor/htmx.org/htmx.min.js"
    ) + ".js" in (assets)
    for url in assets:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.headers["cache-control"] == IMMUTABLE, url
        plain = re.sub(r"\.[0-9a-f]{12}(\.\w+)$", r"\1", url.removeprefix("/static/"))
        assert response.content == (STATIC_DIR / plain).read_bytes(), url  # decoded by httpx


def test_scripts_and_styles_travel_gzipped_and_revalidate_with_their_etag(
    client: TestClient,
) -> None:
    url = static_url("live.js")
    response = client.get(url, headers={"accept-encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    assert response.headers["vary"] == "Accept-Encoding"
    assert response.headers["content-type"].startswith("text/javascript")
    raw = (STATIC_DIR / "live.js").read_bytes()
    assert int(response.headers["content-length"]) < len(raw) / 2
    again = client.get(
        url, headers={"accept-encoding": "gzip", "if-none-match": response.headers["etag"]}
    )
    assert again.status_code == 304
    plain = client.get(url, headers={"accept-encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert plain.content == raw
    part = client.get(url, headers={"accept-encoding": "gzip", "range": "bytes=0-9"})
    assert part.status_code == 206
    assert part.content == raw[:10]


def test_old_and_stale_urls_still_work_but_are_asked_about_again(client: TestClient) -> None:
    raw = (STATIC_DIR / "app.css").read_bytes()
    for url in ("/static/app.css", "/static/app.0123456789ab.css"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.content == raw
        assert response.headers["cache-control"] == "no-cache", url
    assert client.get("/static/nothing.0123456789ab.css").status_code == 404
    assert client.get("/static/../app/main.py").status_code == 404


def test_a_changed_file_gets_a_new_name(tmp_path: Path) -> None:
    shutil.copy(STATIC_DIR / "chime.js", tmp_path / "chime.js")
    files = StaticAssets(tmp_path)
    before = files.catalog.url("chime.js")
    (tmp_path / "chime.js").write_text("// changed\n")
    after = files.catalog.url("chime.js")
    assert before != after
    assert re.fullmatch(r"/static/chime\.[0-9a-f]{12}\.js", after)


def test_pages_and_api_answers_are_gzipped_when_large(client: TestClient) -> None:
    page = client.get("/sessions/new", headers={"accept-encoding": "gzip"})
    assert page.headers["content-encoding"] == "gzip"
    assert "Content-Security-Policy" in page.headers  # the security headers still apply
    small = client.get("/healthz", headers={"accept-encoding": "gzip"})
    assert "content-encoding" not in small.headers
    assert "<html" in page.text  # httpx decoded it
    assert page.num_bytes_downloaded < len(page.content) / 2


def test_pdf_exports_are_sent_as_they_are(client: TestClient) -> None:
    made = make_session(client)
    response = client.get(
        f"/api/v1/sessions/{made.id}/summary.pdf",
        headers={**bearer(made.facilitator), "accept-encoding": "gzip"},
    )
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert "content-encoding" not in response.headers


def test_the_board_modules_load_each_other_by_plain_revalidated_urls(client: TestClient) -> None:
    """The page names the board's entry module by its hash; the entry's relative imports
    (``./order.js``) resolve to plain ``/static/board/<name>.js``, which must be served as
    JavaScript (a module with another MIME type does not run), gzipped, and revalidated with
    their ETag so a deploy's new module is picked up on the next page load."""
    entry = client.get(static_url("board/main.js"), headers={"accept-encoding": "gzip"})
    assert entry.status_code == 200
    assert entry.headers["cache-control"] == IMMUTABLE
    imports = re.findall(r'^import .* from "\./([\w.]+\.js)";$', entry.text, re.MULTILINE)
    assert {"dom.js", "net.js", "offline_queue.js", "order.js"} <= set(imports)
    for name in imports:
        module = client.get(f"/static/board/{name}", headers={"accept-encoding": "gzip"})
        assert module.status_code == 200, name
        assert module.headers["content-type"].startswith("text/javascript"), name
        assert module.headers["content-encoding"] == "gzip", name
        assert module.headers["cache-control"] == "no-cache", name
        again = client.get(
            f"/static/board/{name}",
            headers={"accept-encoding": "gzip", "if-none-match": module.headers["etag"]},
        )
        assert again.status_code == 304, name
        assert module.content == (STATIC_DIR / "board" / name).read_bytes()
