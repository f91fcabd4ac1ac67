"""Static files on a slow network: hashed names cached for a year, gzip, old URLs still served."""

from __future__ import annotations

import hashlib
import posixpath
import re
import shutil
import time
from pathlib import Path, PurePosixPath

from fastapi.testclient import TestClient

from app.assets import STATIC_DIR
from app.web.static_assets import (
    IMMUTABLE,
    MODULES_TTL_S,
    StaticAssets,
    module_preloads,
    static_url,
)
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
    url = static_url("app.js")
    response = client.get(url, headers={"accept-encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    assert response.headers["vary"] == "Accept-Encoding"
    assert response.headers["content-type"].startswith("text/javascript")
    raw = (STATIC_DIR / "app.js").read_bytes()
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


def test_scripts_and_styles_carry_nosniff_but_not_the_document_policies(
    client: TestClient,
) -> None:
    """A script, stylesheet or font is never a document, so the page's CSP, framing and
    permissions headers only cost bytes on each of the live page's modules; nosniff stays (a
    module must be served as JavaScript). SVG can run script when opened, so it keeps them."""
    for url in (static_url("board/main.js"), static_url("app.css"), static_url("app.js")):
        answer = client.get(url)
        assert answer.status_code == 200, url
        assert answer.headers["x-content-type-options"] == "nosniff", url
        for header in ("content-security-policy", "x-frame-options", "permissions-policy"):
            assert header not in answer.headers, (url, header)
    icon = client.get(static_url("favicon.svg"))
    assert icon.status_code == 200
    assert "script-src 'self'" in icon.headers["content-security-policy"]
    assert icon.headers["x-frame-options"] == "DENY"
    page = client.get("/sessions/new")
    assert "content-security-policy" in page.headers
    assert page.headers["x-frame-options"] == "DENY"


def test_pdf_exports_are_sent_as_they_are(client: TestClient) -> None:
    made = make_session(client)
    response = client.get(
        f"/api/v1/sessions/{made.id}/summary.pdf",
        headers={**bearer(made.facilitator), "accept-encoding": "gzip"},
    )
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert "content-encoding" not in response.headers


IMPORT = re.compile(
    r'^(?:import|(?:import|export) .*? from) "(\.{1,2}/[\w./]+\.js)";$', re.MULTILINE
)


def _module_graph(entry: str) -> set[str]:
    """Every module ``entry`` loads (itself included), by path under static/, from its imports."""
    seen: set[str] = set()
    todo = [entry]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        text = (STATIC_DIR / name).read_text(encoding="utf-8")
        folder = PurePosixPath(name).parent
        for relative in IMPORT.findall(text):
            todo.append(posixpath.normpath(str(folder / relative)))
    return seen


def test_every_module_a_page_loads_is_cached_for_a_year_under_one_versioned_folder(
    client: TestClient,
) -> None:
    """Pages name an entry module under /static/m/<digest>/; its relative imports
    (``./list.js``, ``../shared/dom.js``) resolve under the same folder, and each must come back
    as gzipped JavaScript (a module with another MIME type does not run) cached for a year."""
    graph = _module_graph("board/main.js") | _module_graph("live/main.js")
    graph |= _module_graph("screen/main.js")
    assert {"board/store.js", "shared/dom.js", "shared/live_socket.js", "screen/fit.js"} <= graph
    entry = static_url("board/main.js")
    folder = entry.removesuffix("board/main.js")
    assert re.fullmatch(r"/static/m/[0-9a-f]{12}/", folder)
    assert static_url("live/main.js") == folder + "live/main.js"
    for name in sorted(graph):
        assert static_url(name) == folder + name, name
        module = client.get(folder + name, headers={"accept-encoding": "gzip"})
        assert module.status_code == 200, name
        assert module.headers["content-type"].startswith("text/javascript"), name
        assert module.headers["content-encoding"] == "gzip", name
        assert module.headers["cache-control"] == IMMUTABLE, name
        assert module.content == (STATIC_DIR / name).read_bytes(), name
    # A page rendered before a deploy: today's file, asked about again. The plain name too.
    for url in ("/static/m/0123456789ab/board/list.js", "/static/board/list.js"):
        stale = client.get(url)
        assert stale.status_code == 200, url
        assert stale.headers["cache-control"] == "no-cache", url
    assert client.get("/static/m/0123456789ab/board/nothing.js").status_code == 404


def test_an_entry_preloads_every_module_it_imports_directly_or_not() -> None:
    """``<link rel="modulepreload">`` for the whole graph: the browser fetches it in one go
    rather than import by import (the board's graph is three round trips deep)."""
    entries = ("board/main.js", "live/main.js", "screen/main.js")
    # The pages that load after their first paint (static/shared/boot.js) name entries that
    # only import others: ``import "./main.js";``.
    for entry in (*entries, "screen/entry.js", "live/participant_entry.js"):
        preloads = module_preloads(entry)
        wanted = _module_graph(entry) - {entry}
        assert sorted(preloads) == sorted(static_url(name) for name in wanted), entry
        assert len(preloads) >= 5, entry


def test_a_changed_module_moves_every_module_to_a_new_folder(tmp_path: Path) -> None:
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "dom.js").write_text("export var x = 1;\n")
    (tmp_path / "main.js").write_text('import { x } from "./shared/dom.js";\n')
    (tmp_path / "classic.js").write_text("window.y = 2;\n")
    files = StaticAssets(tmp_path)
    before = files.catalog.url("main.js")
    classic = files.catalog.url("classic.js")
    assert re.fullmatch(r"/static/m/[0-9a-f]{12}/main\.js", before)
    assert re.fullmatch(r"/static/classic\.[0-9a-f]{12}\.js", classic)
    (tmp_path / "shared" / "dom.js").write_text("export var x = 2;\n")
    time.sleep(MODULES_TTL_S)
    after = files.catalog.url("main.js")
    assert after != before
    assert files.catalog.url("shared/dom.js") == after.replace("main.js", "shared/dom.js")
    assert files.catalog.url("classic.js") == classic  # classic scripts keep their own hash
