"""Jinja2 set-up: one template per page, its blocks rendered alone for htmx requests."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from jinja2_fragments.fastapi import Jinja2Blocks

from app.assets import TEMPLATES_DIR
from app.web.bounds import lines_hint, model_bounds
from app.web.static_assets import module_preloads, static_url


def local_time(value: datetime, zone: str, fmt: str = "%a %d %b %Y, %H:%M") -> str:
    """Show an aware datetime in a session's time zone."""
    return value.astimezone(ZoneInfo(zone)).strftime(fmt)


def make_templates() -> Jinja2Blocks:
    """The template renderer, with autoescaping on for every HTML template."""
    templates = Jinja2Blocks(directory=str(TEMPLATES_DIR))
    templates.env.filters["local_time"] = local_time
    templates.env.globals["model_bounds"] = model_bounds
    templates.env.globals["lines_hint"] = lines_hint
    templates.env.globals["static_url"] = static_url
    templates.env.globals["module_preloads"] = module_preloads
    templates.env.globals["role_names"] = {
        "facilitator": "Facilitator",
        "participant": "Department head",
        "executive": "Executive (read only)",
    }
    return templates


templates = make_templates()
