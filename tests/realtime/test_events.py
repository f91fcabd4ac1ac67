"""Live events render their frame once; frames parse back to equal events."""

from __future__ import annotations

import json

import pytest

from app.realtime import FramedEvent, resync_frame


def test_the_frame_is_rendered_once_and_shared() -> None:
    event = FramedEvent("s1", 3, "issue.added", {"title": "Hand-offs ✓"})
    assert event.frame is event.frame
    assert json.loads(event.frame) == {
        "type": "issue.added",
        "session": "s1",
        "seq": 3,
        "data": {"title": "Hand-offs ✓"},
    }


def test_a_frame_parses_back_to_an_equal_event_with_the_same_text() -> None:
    event = FramedEvent("s1", 7, "clock.paused", {"at": 12.5, "by": None})
    parsed = FramedEvent.from_frame(event.frame)
    assert parsed == event
    assert parsed.frame == event.frame


@pytest.mark.parametrize(
    "frame",
    [
        "not json",
        "[]",
        '{"type": "x", "session": "s1", "seq": 1}',
        '{"type": "x", "session": "s1", "seq": "1", "data": {}}',
        '{"type": "x", "session": "s1", "seq": true, "data": {}}',
        '{"type": "resync", "session": "s1", "seq": 1, "data": {}}',
        '{"type": "x", "session": "s1", "seq": 0, "data": {}}',
    ],
)
def test_malformed_frames_are_refused(frame: str) -> None:
    with pytest.raises(ValueError, match="not a live event frame"):
        FramedEvent.from_frame(frame)


def test_events_must_be_json_and_numbered_from_one() -> None:
    with pytest.raises(ValueError, match="seq starts at 1"):
        FramedEvent("s1", 0, "x")
    with pytest.raises(ValueError, match="invalid"):
        FramedEvent("s1", 1, "resync")
    with pytest.raises(TypeError):
        FramedEvent("s1", 1, "x", {"when": object()})


def test_the_resync_frame_names_the_head_and_the_reason() -> None:
    assert json.loads(resync_frame("s1", 42, "ahead")) == {
        "type": "resync",
        "session": "s1",
        "seq": 42,
        "reason": "ahead",
    }
