"""QR codes as inline SVG, drawn by segno (a maintained QR encoder), for the join URL.

The SVG carries no size of its own (only a viewBox), so CSS sizes it; dark modules on a
white quiet zone keep it scannable on a dark projector page as on paper.
"""

from __future__ import annotations

import io
from functools import lru_cache
from urllib.parse import urlsplit

import segno
from markupsafe import Markup


@lru_cache(maxsize=256)
def qr_svg(data: str) -> Markup:
    """An ``<svg>`` QR code of ``data`` (medium error correction), safe to embed in a page."""
    code = segno.make(data, error="m", micro=False)
    out = io.BytesIO()
    code.save(
        out,
        kind="svg",
        xmldecl=False,
        svgns=True,
        nl=False,
        omitsize=True,
        border=4,
        dark="#000",
        light="#fff",
        svgclass="qr-svg",
        lineclass=None,
    )
    # segno writes only numbers and fixed markup: nothing of ``data`` reaches the SVG as text.
    return Markup(out.getvalue().decode("ascii"))  # noqa: S704


def join_url(base_url: str, session_id: str) -> str:
    """The short address a room types or scans to open its live view."""
    return f"{base_url.rstrip('/')}/j/{session_id}"


def short_form(url: str) -> str:
    """``url`` as shown on a screen: without the scheme (``rt.example.com/j/ab12``)."""
    parts = urlsplit(url)
    return f"{parts.netloc}{parts.path}"
