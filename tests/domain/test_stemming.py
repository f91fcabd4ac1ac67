"""The one stemmer is shared by the server's threads: stemming at once must not corrupt it."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator

import pytest

from app.domain.stemming import stem

BASES = ("invoice", "hoard", "delay", "approve", "connect", "generous", "run")
SUFFIXES = ("s", "ing", "ed", "ation", "ness", "ly", "ful", "ive", "ize", "ement")
WORDS = [base + suffix for base in BASES for suffix in SUFFIXES] * 100


@pytest.fixture
def eager_thread_switching() -> Iterator[None]:
    """Switch threads every microsecond, so two stemmings interleave mid-word (without a lock
    this fails eight threads out of eight with ``IndexError`` or wrong stems)."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(before)


@pytest.mark.usefixtures("eager_thread_switching")
def test_threads_stemming_at_once_each_get_the_right_stems() -> None:
    uncached = stem.__wrapped__  # the cache would hide the shared stemmer after the first call
    expected = [uncached(word) for word in WORDS]
    outcomes: list[object] = []

    def work() -> None:
        try:
            outcomes.append([uncached(word) for word in WORDS] == expected)
        except Exception as error:  # the failure this test is about
            outcomes.append(error)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes == [True] * 8
    assert stem("Invoicing") == stem("invoices") == "invoic"
