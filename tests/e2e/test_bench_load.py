"""``bench/bench_load.py`` at a tiny size, against real PostgreSQL and Redis.

Two sessions of ten on ``roundtable serve --workers 2`` for a few seconds, with every socket
dropped and resumed about three times a minute (the bench's default is 5 %): every viewer must
end up with every event of its session exactly once, and no request may fail with a 5xx.
Timings are the bench's business, not this test's.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.support.services import POSTGRES_ADMIN_URL, REDIS_URL, require_service

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.slow
def test_a_small_multi_room_load_loses_nothing_and_fails_nothing() -> None:
    require_service("PostgreSQL", POSTGRES_ADMIN_URL, 5432)
    require_service("Redis", REDIS_URL, 6379)
    sys.path.insert(0, str(BENCH))
    import bench_load

    config = bench_load.Config(
        sessions=[2],
        workers=[2],
        duration=8.0,
        warmup=4.0,
        participants=10,
        admin_url=POSTGRES_ADMIN_URL,
        redis_url=REDIS_URL,
        control_every=3.0,
        capture_per_min=6.0,
        vote_per_min=6.0,
        summary_every=4.0,
        drop_per_min=3.0,
    )
    [run] = bench_load.run_load(config)

    assert run.viewers == 2 * (10 + 2)  # ten phones, the console and the screen per session
    assert run.latency["control"], "no clock control reached a viewer"
    assert run.latency["capture"], "no capture reached a viewer"
    assert run.drops > 0, "no socket was dropped and resumed"
    assert len(run.viewers_by_worker) == 2, "every socket landed on one worker"
    assert run.expected > 0
    assert (run.lost, run.duplicates, run.resyncs) == (0, 0, 0)
    assert run.server_errors == 0, run.statuses
    assert run.requests > 0
    assert run.errors == 0, run.statuses
    # the database figures the capacity model reads: every capture is a commit that writes WAL
    assert run.commits_s > 0
    assert run.wal_kib_s > 0
    assert 0 < run.machine_busy <= 100
