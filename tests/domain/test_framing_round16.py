"""Round 16 of the framing check (docs/FRAMING.md, "Round 16").

- The rules gather their evidence on a worker thread while the calling thread runs the sentence
  encoder: a call gives the same verdict, reasons and spans whether it runs alone or beside many
  others, and an error in the rules reaches the caller.
- The "even a/an/just" exception (a request's bar lowered, not a jab) is one lexicon pattern that
  the loaded-question form and the wording evidence both read.
"""

from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor

import pytest

from app.domain.framing import check as check_module
from app.domain.framing import forms, pool
from app.domain.framing import lexicon as lex
from app.domain.framing.check import FramingResult, check_framing
from app.domain.framing.model import vader_valence
from app.domain.framing.text import Doc
from tests.domain.framing_cases import CASES

VALENCE = vader_valence()


def _summary(result: FramingResult) -> tuple[object, ...]:
    return (
        result.complaint,
        result.score,
        tuple((r.code, r.start, r.end, r.weight) for r in result.reasons),
        tuple((r.code, r.weight) for r in result.credits),
        result.suggestion,
    )


def test_checks_run_at_once_give_the_verdicts_they_give_alone() -> None:
    texts = [case.text for case in CASES][:60]
    alone = [_summary(check_framing(t, people_names=["Dana Lee"])) for t in texts]
    order = list(range(len(texts))) * 3
    random.Random(16).shuffle(order)
    with ThreadPoolExecutor(max_workers=8) as pool:
        together = list(
            pool.map(
                lambda i: (i, _summary(check_framing(texts[i], people_names=["Dana Lee"]))), order
            )
        )
    assert any(s[0] for s in alone)
    assert not all(s[0] for s in alone)
    for i, summary in together:
        assert summary == alone[i], texts[i]


def test_an_error_in_the_rules_reaches_the_caller(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object, **__: object) -> None:
        raise ValueError("rules failed")

    monkeypatch.setattr(check_module, "gather_evidence", broken)
    with pytest.raises(ValueError, match="rules failed"):
        check_framing("Procurement sat on the contract for three weeks.")


@pytest.mark.parametrize(
    "text",
    [
        "Could Legal send us even a rough draft by Friday?",
        "Can Finance share even just the headline numbers?",
        "Would Ops give us even an estimate?",
    ],
)
def test_even_a_lowers_the_bar_of_a_request(text: str) -> None:
    assert lex.BAR_LOWERED.search(text)
    assert not lex.LOADED.search(text)
    doc = Doc(text, [])
    assert "loaded_question" not in {e.code for e in forms.evidence(doc, VALENCE, asks=False)}


@pytest.mark.parametrize(
    "text",
    [
        "Does Legal even read the drafts we send?",
        "Has Finance even opened the file?",
    ],
)
def test_any_other_even_loads_a_question(text: str) -> None:
    assert not lex.BAR_LOWERED.search(text)
    assert lex.LOADED.search(text)
    assert lex.NEEDLING.search(text)
    doc = Doc(text, [])
    assert "loaded_question" in {e.code for e in forms.evidence(doc, VALENCE, asks=False)}


def test_the_stemmer_is_snowballs_c_backend_with_the_same_stems() -> None:
    """PyStemmer (locked) is what snowballstemmer runs when it is installed: 1.7 us a word
    instead of 38, which a capture's first words paid. Its stems are the pure-Python ones."""
    from snowballstemmer.english_stemmer import EnglishStemmer

    from app.domain import stemming

    assert type(stemming._STEMMER).__module__ == "Stemmer"
    python = EnglishStemmer()
    for word in ("Hoarding", "forgotten", "escalations", "ignored", "blamed", "generously"):
        assert stemming.stem(word) == python.stemWord(word.lower())


def test_a_process_forked_after_a_check_still_checks() -> None:
    """A child forked after the parent's check (gunicorn --preload, multiprocessing's fork)
    inherits the rule pool but none of its threads; it gets a pool of its own."""
    import os
    import signal

    text = "Procurement sat on the contract for three weeks."
    expected = check_framing(text).complaint
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child reports through the pipe
        signal.alarm(20)  # a hung pool would block forever
        result = check_framing(text)
        os.write(write, b"1" if result.complaint else b"0")
        os._exit(0)
    os.close(write)
    _, status = os.waitpid(pid, 0)
    got = os.read(read, 1)
    os.close(read)
    assert os.WIFEXITED(status), "the forked child did not finish its check"
    assert got == (b"1" if expected else b"0")


def test_a_check_during_interpreter_shutdown_runs_inline(monkeypatch: pytest.MonkeyPatch) -> None:
    class Closed:
        def submit(self, *_: object) -> None:
            raise RuntimeError("cannot schedule new futures after interpreter shutdown")

    text = "Procurement sat on the contract for three weeks."
    expected = _summary(check_framing(text))
    monkeypatch.setattr(pool, "_POOL", Closed())
    assert _summary(check_framing(text)) == expected
