"""Run a node script from a test: the front end's JavaScript checked where Python cannot run it
(the board order and the clock's advance against the server's cases, the pure modules' tests).

Without node the test is skipped, except in CI, where node is installed and a skip would hide a
check that no longer runs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping

import pytest


def run_node(
    *args: str, checks: str, timeout: float = 60, env: Mapping[str, str] | None = None
) -> str:
    """``node *args``; returns what it printed after asserting it exited 0.

    ``checks`` names what the script checks, for the skip (or, in CI, failure) without node.
    ``env`` is added to this process's environment.
    """
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"node is needed in CI to check {checks}")
        pytest.skip(f"node is not installed: not checking {checks} here")
    done = subprocess.run(
        [node, *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env={**os.environ, **env} if env else None,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout
