"""Project-wide rules: the domain stays pure, settings are documented, tokens stay out of logs."""

from __future__ import annotations

import ast
import logging
import re
from pathlib import Path

from app.config import Settings
from app.web.redaction import RedactLinkTokens

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = (
    "fastapi",
    "starlette",
    "sqlmodel",
    "sqlalchemy",
    "redis",
    "jinja2",
    "httpx",
    "uvicorn",
    "websockets",
    "app.store",
    "app.web",
    "app.services",
    "app.realtime",
)


def test_domain_imports_no_framework_database_or_io_layer() -> None:
    offenders = []
    for path in (ROOT / "app" / "domain").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.startswith(FORBIDDEN)]
    assert offenders == []


def test_every_setting_is_documented_in_env_example() -> None:
    documented = set(re.findall(r"^#?\s*([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    for name, field in Settings.model_fields.items():
        alias = field.validation_alias
        choices = getattr(alias, "choices", None) or [alias]
        assert any(str(choice) in documented for choice in choices), name


def test_link_tokens_are_redacted_from_access_logs() -> None:
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", "/l/AbC-123_secretTOKEN?x=1", "1.1", 303),
        None,
    )
    RedactLinkTokens().filter(record)
    message = record.getMessage()
    assert "secretTOKEN" not in message
    assert "/l/[redacted]?x=1" in message
