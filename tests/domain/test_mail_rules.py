"""Pure mail rules: the SMTP URL, retry timing, which reminders are due, webhook signatures."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest

from app.domain.ics import CalendarEvent, request_calendar
from app.domain.mail.smtp_url import parse_smtp_url
from app.domain.mail.timing import due_reminder_offsets, gives_up, retry_delay, week_of
from app.domain.mail.webhook import signature, verify


def test_smtp_urls_with_starttls_tls_and_an_encoded_password() -> None:
    target = parse_smtp_url("smtp://me%40corp:p%3Ass@mail.example.com:587?starttls=true")
    assert (target.host, target.port, target.starttls, target.ssl) == (
        "mail.example.com",
        587,
        True,
        False,
    )
    assert (target.username, target.password) == ("me@corp", "p:ss")
    assert "p:ss" not in target.redacted()
    tls = parse_smtp_url("smtps://u:p@mail.example.com")
    assert (tls.port, tls.ssl, tls.starttls) == (465, True, False)
    assert parse_smtp_url("smtp://relay").port == 25


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("http://mail.example.com", "smtp:// or smtps://"),
        ("smtp://", "names no host"),
        ("smtp://h:99999", "bad port"),
        ("smtp://h?starttls=maybe", "use true or false"),
        ("smtps://h?starttls=true", "already encrypted"),
        ("smtp://h?timeout=soon", "number of seconds"),
    ],
)
def test_bad_smtp_urls_say_what_is_wrong(url: str, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        parse_smtp_url(url)


def test_retries_back_off_exponentially_and_give_up() -> None:
    base = timedelta(seconds=30)
    assert [retry_delay(n, base=base).total_seconds() for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert retry_delay(30) == timedelta(hours=2)
    assert gives_up(1, permanent=True)
    assert not gives_up(5, permanent=False)
    assert gives_up(6, permanent=False)


def test_only_the_nearest_passed_reminder_is_due() -> None:
    deadline = datetime(2030, 3, 4, 9, tzinfo=UTC)
    assert due_reminder_offsets(deadline, [48, 24], deadline - timedelta(hours=50)) == []
    assert due_reminder_offsets(deadline, [48, 24], deadline - timedelta(hours=47)) == [48]
    assert due_reminder_offsets(deadline, [24, 48], deadline - timedelta(hours=2)) == [24]
    assert due_reminder_offsets(deadline, [48, 24], deadline + timedelta(hours=1)) == []
    assert week_of(date(2030, 3, 4)) == "2030-W10"


def test_webhook_signature_covers_timestamp_and_body() -> None:
    sig = signature("s3cret", 1700000000, b'{"a":1}')
    assert sig.startswith("sha256=")
    assert verify("s3cret", 1700000000, b'{"a":1}', sig)
    assert not verify("s3cret", 1700000001, b'{"a":1}', sig)
    assert not verify("s3cret", 1700000000, b'{"a":2}', sig)


def test_an_invitation_calendar_parses_as_a_request() -> None:
    start = datetime(2030, 3, 4, 8, tzinfo=UTC)
    event = CalendarEvent(
        uid="s-1@roundtable",
        start=start,
        duration=timedelta(hours=2),
        summary="Q1, review; all",
        sequence=3,
        organizer="rt@example.org",
        attendee="dana@example.com",
        attendee_name="Dana Lee",
        description="Line one\nline two " + "x" * 120,
    )
    cal = icalendar.Calendar.from_ical(request_calendar([event], now=start, name="Q1"))
    assert cal["METHOD"] == "REQUEST"
    (parsed,) = cal.walk("VEVENT")
    assert parsed.decoded("DTEND") == start + timedelta(hours=2)
    assert str(parsed["SUMMARY"]) == "Q1, review; all"
    assert int(parsed["SEQUENCE"]) == 3
    assert str(parsed["DESCRIPTION"]).endswith("x" * 120)
