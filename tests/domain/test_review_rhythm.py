"""The review rhythm: when the next review of a series is due, and when it is overdue."""

from __future__ import annotations

from datetime import date

from app.domain.series.review_rhythm import add_months, next_review, review_ics

TODAY = date(2026, 12, 5)


def test_a_scheduled_session_is_the_next_review() -> None:
    due = next_review(
        [date(2026, 9, 5)], [date(2027, 1, 10), date(2026, 12, 20)], cadence_months=3, today=TODAY
    )

    assert due is not None
    assert (due.due, due.scheduled, due.overdue, due.cadence) == (
        date(2026, 12, 20),
        True,
        False,
        "quarterly",
    )


def test_without_a_scheduled_session_it_is_due_one_cadence_after_the_last() -> None:
    due = next_review([date(2026, 6, 1), date(2026, 10, 1)], [], cadence_months=3, today=TODAY)

    assert due is not None
    assert (due.due, due.scheduled, due.overdue) == (date(2027, 1, 1), False, False)


def test_past_its_day_with_nothing_scheduled_it_is_overdue() -> None:
    due = next_review([date(2026, 8, 31)], [], cadence_months=3, today=TODAY)

    assert due is not None
    assert (due.due, due.overdue) == (date(2026, 11, 30), True)  # 31 Nov does not exist


def test_no_session_no_review() -> None:
    assert next_review([], [], cadence_months=3, today=TODAY) is None


def test_months_are_added_on_the_calendar() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 15), 3) == date(2027, 2, 15)
    assert add_months(date(2024, 11, 29), 3) == date(2025, 2, 28)


def test_the_calendar_file_has_one_all_day_event_escaped() -> None:
    due = next_review([date(2026, 9, 5)], [], cadence_months=6, today=TODAY)
    assert due is not None

    ics = review_ics("Ops; Sales, EMEA", due, uid="s1-review@roundtable", stamp="20261205T120000Z")

    assert ics.count("BEGIN:VEVENT") == 1
    assert "DTSTART;VALUE=DATE:20270305\r\n" in ics
    assert "DTEND;VALUE=DATE:20270306\r\n" in ics
    assert "SUMMARY:Leadership review due: Ops\\; Sales\\, EMEA\r\n" in ics
    assert "twice a year" in ics
