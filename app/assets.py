"""Where the page templates and static files live, however Roundtable was installed.

The repository keeps ``templates/`` and ``static/`` at its top level. A wheel or sdist install
carries them inside the package (``app/templates``, ``app/static``: see ``force-include`` in
pyproject.toml), so a server started from any directory finds them next to this file; a checkout
or editable install finds them beside the package.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _locate(name: str) -> Path:
    bundled = PACKAGE_DIR / name
    return bundled if bundled.is_dir() else PACKAGE_DIR.parent / name


TEMPLATES_DIR = _locate("templates")
STATIC_DIR = _locate("static")
FONT_DIR = STATIC_DIR / "vendor" / "dejavu-fonts-ttf"
