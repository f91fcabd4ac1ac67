"""A user's installs, for real: the wheel in a fresh virtualenv, and the README's quick start.

Both run outside this checkout's .venv and import path, so a file the package forgets to ship
(templates, static files, fonts, migrations) or a README command that drifted fails here.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from tests.e2e.server import free_port, token_of
from tests.support.services import in_ci

ROOT = Path(__file__).resolve().parents[2]
UV = ROOT / ".tools" / "bin" / "uv"
STARTUP_TIMEOUT = 240.0  # the quick start installs the project before it serves

pytestmark = pytest.mark.slow


def require_uv() -> Path:
    if UV.exists():
        return UV
    reason = f"{UV} is missing: run `bash scripts/install --dev` first"
    if in_ci():
        pytest.fail(reason)
    pytest.skip(reason)


def clean_env(**extra: str) -> dict[str, str]:
    """The caller's environment without any Roundtable or virtualenv setting leaking in."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("ROUNDTABLE_", "UV_", "VIRTUAL_ENV", "PYTHON"))
        and key not in ("DATABASE_URL", "BROADCAST_URL")
    }
    env["PYTHONUNBUFFERED"] = "1"  # links are printed before the server starts
    env.update(extra)
    return env


@contextmanager
def launched(command: list[str], cwd: Path, env: dict[str, str]) -> Iterator[Path]:
    """Run ``command`` in its own process group, logging to a file; kill the group at exit."""
    log = cwd / "launched.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            yield log
        finally:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)


def wait_for_demo(base: str, log: Path) -> dict[str, str]:
    """Wait until ``/healthz`` answers; return the links the demo printed, by label."""
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    else:
        pytest.fail(f"no answer from {base}/healthz:\n{log.read_text()[-4000:]}")
    printed = log.read_text()
    links = dict(
        re.findall(r"^\s+(Facilitator console|Executive summary)\s+:\s+(\S+)", printed, re.M)
    )
    assert set(links) == {"Facilitator console", "Executive summary"}, printed[-4000:]
    return links


def check_demo_serves(base: str, links: dict[str, str]) -> None:
    """What a newcomer does first: open the links, load the styles, read the summary PDF."""
    for url in links.values():
        assert url.startswith(f"{base}/l/"), f"{url} does not point at {base}"
    with httpx.Client(base_url=base, timeout=30) as browser:
        facilitator = browser.get(links["Facilitator console"], follow_redirects=True)
        assert facilitator.status_code == 200
        assert "Facilitator" in facilitator.text
        summary = browser.get(links["Executive summary"], follow_redirects=True)
        assert summary.status_code == 200
        assert "<h1" in summary.text
        session_id = re.search(r"/s/([^/]+)/summary", str(summary.url))
        assert session_id is not None, summary.url
        css = browser.get("/static/app.css")
        assert css.status_code == 200
        assert css.headers["content-type"].startswith("text/css")
        htmx = browser.get("/static/vendor/htmx.org/htmx.min.js")
        assert htmx.status_code == 200
    pdf = httpx.get(
        f"{base}/api/v1/sessions/{session_id.group(1)}/summary.pdf",
        headers={"Authorization": f"Bearer {token_of(links['Executive summary'])}"},
        timeout=30,
    )
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")  # set in the DejaVu font shipped in the wheel
    assert httpx.get(f"{base}/healthz", timeout=5).status_code == 200


def test_the_wheel_serves_pages_static_files_and_pdfs_from_any_directory(
    tmp_path: Path,
) -> None:
    uv = require_uv()
    dist, venv, run = tmp_path / "dist", tmp_path / "venv", tmp_path / "run"
    run.mkdir()
    env = clean_env(UV_PYTHON_DOWNLOADS="never")
    subprocess.run(
        [uv, "build", "--wheel", "--out-dir", dist, ROOT], check=True, env=env, cwd=tmp_path
    )
    wheel = next(dist.glob("roundtable-*.whl"))
    subprocess.run([uv, "venv", "--quiet", "--python", sys.executable, venv], check=True, env=env)
    locked = tmp_path / "locked.txt"
    exported = subprocess.run(
        [uv, "export", "--frozen", "--no-dev", "--no-emit-project", "--format", "requirements-txt"],
        check=True,
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    locked.write_text(exported.stdout)
    subprocess.run(
        [uv, "pip", "install", "--quiet", "--python", venv / "bin" / "python", "-r", locked],
        check=True,
        env=env,
    )
    subprocess.run(
        [uv, "pip", "install", "--quiet", "--no-deps", "--python", venv / "bin" / "python", wheel],
        check=True,
        env=env,
    )
    installed = subprocess.run(
        [venv / "bin" / "python", "-c", "import app; print(app.__file__)"],
        check=True,
        cwd=run,
        env=env,
        capture_output=True,
        text=True,
    ).stdout
    assert str(venv) in installed, f"app was imported from {installed}, not the wheel"

    port = free_port()
    command = [str(venv / "bin" / "roundtable"), "serve", "--demo", "--port", str(port)]
    with launched(command, run, env) as log:
        base = f"http://127.0.0.1:{port}"
        check_demo_serves(base, wait_for_demo(base, log))
    assert (run / "data").is_dir(), "the database and secret key belong to the working directory"


def readme_quick_start() -> list[str]:
    """The two commands of the README's Quick start, in order."""
    readme = (ROOT / "README.md").read_text()
    section = re.search(r"^## Quick start\n(.*?)(?=^## )", readme, re.M | re.S)
    assert section, "README has no '## Quick start' section"
    commands = re.findall(r"```sh\n(.*?)\n```", section.group(1), re.S)
    assert len(commands) == 2, commands
    return commands


def test_the_readme_quick_start_serves_the_demo_from_a_fresh_clone(tmp_path: Path) -> None:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs a git checkout to clone")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", ROOT, clone], check=True)
    serve_command, test_command = readme_quick_start()
    assert "scripts/check" in test_command

    port = free_port()
    command = ["bash", "-c", f"{serve_command} --port {port}"]
    with launched(command, clone, clean_env()) as log:
        base = f"http://127.0.0.1:{port}"
        links = wait_for_demo(base, log)
        check_demo_serves(base, links)
    assert (clone / ".venv" / "bin" / "roundtable").exists()
