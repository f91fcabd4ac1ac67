"""Static files for phones on conference Wi-Fi: content-hashed names, cached for a year, gzipped.

Pages name their scripts and styles through :func:`static_url` (a template global):
``static_url("app.js")`` is ``/static/app.<12 hex of its SHA-256>.js``. A file's name changes
whenever its bytes do, so :class:`StaticAssets` serves such a name with ``Cache-Control: public,
max-age=31536000, immutable``: a phone that comes back fetches the page's HTML and nothing else,
and never revalidates. The plain name (``/static/app.js``, what a page rendered before this
existed asks for, and what tests inject) still works, with ``no-cache``: the browser may keep the
file but asks first (ETag, 304). So does a stale hash, e.g. a page rendered before a deploy
asking for the previous version: it gets today's file, not a 404, and not for a year.

Scripts, styles and SVG are sent gzipped when the browser accepts it, compressed once per file
version and kept in memory (a few hundred KB for everything in static/), so a room of phones
loading at once costs no compression at all; :class:`~app.web.middleware.Compression` leaves
responses that already carry a ``Content-Encoding`` alone. Range requests get the plain file.

ES modules (a ``.js`` file with a line starting ``import`` or ``export``: ``board/main.js``,
``live/main.js``, ``screen/main.js`` and what they import) load each other by relative URLs
(``./list.js``, ``../shared/dom.js``) that a per-file hash cannot reach without a build step,
and an import map would be an inline script the CSP (``script-src 'self'``) forbids. So a
module is named under a folder versioned by one digest over every module:
``static_url("board/main.js")`` is ``/static/m/<12 hex>/board/main.js``, its imports resolve to
``/static/m/<12 hex>/board/list.js`` and so on, and all of them are cached for a year. A change
to any module changes the folder, so a deploy refetches the modules (a few KB gzipped, once),
never a mix of versions; a stale folder is served today's files with ``no-cache``.
:func:`module_preloads` lists what an entry imports, directly or not, for ``<link
rel="modulepreload">``: the browser then fetches the whole graph at once instead of discovering
it import by import (three round trips deep for the board).
"""

from __future__ import annotations

import gzip
import hashlib
import os
import posixpath
import re
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from starlette.datastructures import Headers
from starlette.responses import Response
from starlette.staticfiles import NotModifiedResponse, StaticFiles
from starlette.types import Scope

from app.assets import STATIC_DIR

__all__ = ["IMMUTABLE", "MODULES", "REVALIDATE", "StaticAssets", "module_preloads", "static_url"]

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
DIGEST_CHARS = 12
COMPRESSIBLE = {
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
}
MODULES = "m"  # /static/m/<digest of every module>/<path>
MODULES_TTL_S = 1.0
_MODULE_SYNTAX = re.compile(rb"^(?:import|export)\b", re.MULTILINE)
# ``import { a } from "./x.js"``, ``export { b } from "../y.js"`` and ``import "./z.js"`` (an entry
# that only runs its imports, e.g. live/participant_entry.js).
_IMPORT_FROM = re.compile(
    rb'^(?:import\s*|(?:import|export)\b[^;"]*?\bfrom\s*)"(\.{1,2}/[^"]+)"', re.MULTILINE
)
_IN_MODULES = re.compile(rf"^{MODULES}/(?P<digest>[0-9a-f]{{{DIGEST_CHARS}}})/(?P<name>.+)$")
_HASHED = re.compile(
    rf"^(?P<stem>.+)\.(?P<digest>[0-9a-f]{{{DIGEST_CHARS}}})(?P<ext>\.[A-Za-z0-9]+)$"
)


@dataclass(frozen=True)
class _Version:
    """One version of one file: its digest and, once asked for, its gzipped bytes."""

    key: tuple[int, int]  # (mtime_ns, size): a changed file is read again
    digest: str
    gzipped: bytes | None
    module: bool  # an ES module: named under the modules' versioned folder
    imports: tuple[str, ...]  # a module's relative imports, as written ("./list.js")


class _Catalog:
    """Digests and gzipped copies of the files under one directory, per file version."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._versions: dict[str, _Version] = {}
        self._modules: tuple[float, str] | None = None  # (when, digest of every module)

    def version(self, full_path: str, stat_result: os.stat_result, *, zipped: bool) -> _Version:
        key = (stat_result.st_mtime_ns, stat_result.st_size)
        known = self._versions.get(full_path)
        if known is not None and known.key == key and (known.gzipped is not None or not zipped):
            return known
        data = Path(full_path).read_bytes()
        digest = hashlib.sha256(data).hexdigest()[:DIGEST_CHARS]
        packed = gzip.compress(data, compresslevel=9, mtime=0) if zipped else None
        module = full_path.endswith(".js") and _MODULE_SYNTAX.search(data) is not None
        imports = tuple(m.decode() for m in _IMPORT_FROM.findall(data)) if module else ()
        made = _Version(key, digest, packed, module, imports)
        self._versions[full_path] = made
        return made

    def url(self, name: str) -> str:
        """``/static/<name>`` with the file's digest before its extension."""
        path = self.root / name
        try:
            stat_result = path.stat()
        except OSError:
            return f"/static/{name}"  # a missing file is the page's bug: let it 404 visibly
        version = self.version(str(path), stat_result, zipped=False)
        if version.module:
            return f"/static/{MODULES}/{self.modules_digest()}/{name}"
        stem, dot, ext = name.rpartition(".")
        digest = version.digest
        return f"/static/{stem}.{digest}.{ext}" if dot else f"/static/{name}.{digest}"

    def graph(self, entry: str) -> list[str]:
        """``entry`` and every module it imports, directly or not (paths under the root)."""
        order: list[str] = []
        todo = [entry]
        while todo:
            name = todo.pop(0)
            path = self.root / name
            if name in order or not path.is_file():
                continue
            order.append(name)
            version = self.version(str(path), path.stat(), zipped=False)
            folder = posixpath.dirname(name)
            todo.extend(posixpath.normpath(posixpath.join(folder, i)) for i in version.imports)
        return order

    def modules_digest(self) -> str:
        """One digest over every ES module's path and digest (vendor/ holds none of ours).

        Kept for a second: walking and stat-ing the ~40 files costs ~0.3 ms of CPU, and a page
        load asks once per module. Files change only by a deploy (a new process) or in
        development, where a second is shorter than switching to the browser.
        """
        now = time.monotonic()
        if self._modules is not None and now - self._modules[0] < MODULES_TTL_S:
            return self._modules[1]
        parts: list[str] = []
        for folder, subfolders, files in os.walk(self.root):
            subfolders[:] = sorted(d for d in subfolders if d != "vendor")
            for file in sorted(files):
                if not file.endswith(".js"):
                    continue
                full = os.path.join(folder, file)
                version = self.version(full, os.stat(full), zipped=False)
                if version.module:
                    parts.append(f"{os.path.relpath(full, self.root)}:{version.digest}")
        joined = "\n".join(parts).encode()
        digest = hashlib.sha256(joined).hexdigest()[:DIGEST_CHARS]
        self._modules = (now, digest)
        return digest


_catalog = _Catalog(STATIC_DIR)


def module_preloads(*entries: str) -> list[str]:
    """The URLs of the modules the ``entries`` import, directly or not, each once, for
    ``rel="modulepreload"`` (the entries themselves have their ``<script>``)."""
    names: list[str] = []
    for entry in entries:
        names.extend(n for n in _catalog.graph(entry) if n not in names and n not in entries)
    return [_catalog.url(name) for name in names]


def static_url(name: str) -> str:
    """The cache-forever URL of ``static/<name>``, e.g. ``/static/app.3f2a9c1b7d0e.js``."""
    return _catalog.url(name)


class StaticAssets(StaticFiles):
    """``StaticFiles`` that understands hashed names, sets Cache-Control and sends gzip."""

    def __init__(self, directory: Path = STATIC_DIR) -> None:
        super().__init__(directory=directory)
        self.catalog = _catalog if directory == STATIC_DIR else _Catalog(directory)

    async def get_response(self, path: str, scope: Scope) -> Response:
        in_modules = _IN_MODULES.match(path)
        if in_modules is not None:
            digest = in_modules["digest"]
            fresh = digest == self.catalog.modules_digest()
            scope["roundtable.asset_digest"] = "modules" if fresh else None
            return await super().get_response(in_modules["name"], scope)
        asked = _HASHED.match(path)
        if asked is not None and self._is_file(path):
            asked = None  # a real file whose name only looks hashed
        scope["roundtable.asset_digest"] = asked["digest"] if asked else None
        name = f"{asked['stem']}{asked['ext']}" if asked else path
        return await super().get_response(name, scope)

    def file_response(
        self,
        full_path: os.PathLike[str] | str,
        stat_result: os.stat_result,
        scope: Scope,
        status_code: int = 200,
    ) -> Response:
        headers = Headers(scope=scope)
        media_type = COMPRESSIBLE.get(os.path.splitext(str(full_path))[1].lower())
        zipped = (
            media_type is not None
            and "gzip" in headers.get("accept-encoding", "")
            and "range" not in headers
        )
        version = self.catalog.version(str(full_path), stat_result, zipped=zipped)
        asked = scope.get("roundtable.asset_digest")
        current = asked == version.digest or (asked == "modules" and version.module)
        response: Response
        if zipped and version.gzipped is not None:
            etag = f'"{version.digest}-gz"'
            held = headers.get("if-none-match", "").split(",")
            cached = [tag.strip().removeprefix("W/") for tag in held]
            vary = {"etag": etag, "vary": "Accept-Encoding"}
            if etag in cached:
                response = NotModifiedResponse(Headers(vary))
            else:
                response = Response(
                    version.gzipped if scope["method"] == "GET" else b"",
                    media_type=media_type,
                    headers={**vary, "content-encoding": "gzip"},
                )
                if scope["method"] == "HEAD":
                    response.headers["content-length"] = str(len(version.gzipped))
        else:
            response = super().file_response(full_path, stat_result, scope, status_code)
        response.headers["cache-control"] = IMMUTABLE if current else REVALIDATE
        return response

    def _is_file(self, path: str) -> bool:
        _full, stat_result = self.lookup_path(path)
        return stat_result is not None and stat.S_ISREG(stat_result.st_mode)
