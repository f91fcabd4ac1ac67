"""Invitations, reminders, owners' and executives' messages, through a real SMTP server."""

from __future__ import annotations

import time
from datetime import date, timedelta

import icalendar
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.mail import messages, outbox
from app.mail.worker import MailWorker
from app.store.models import LeadershipSession
from app.store.types import utcnow
from tests.factories import add_person, bearer, invite, make_session
from tests.mail.conftest import MailApp
from tests.support.actions import backdate, capture, key, make_action
from tests.web.test_api_agendas import complete


def ics_of(message):  # type: ignore[no-untyped-def]
    for part in message.iter_attachments():
        if part.get_content_type() == "text/calendar":
            return icalendar.Calendar.from_ical(part.get_content())
    raise AssertionError("no calendar attached")


def wait_status(client: TestClient, session_id: str, token: str, status: str, n: int) -> list:  # type: ignore[type-arg]
    deadline = time.monotonic() + 15
    rows: list = []  # type: ignore[type-arg]
    while time.monotonic() < deadline:
        rows = client.get(f"/api/v1/sessions/{session_id}/messages", headers=bearer(token)).json()
        if sum(r["status"] == status for r in rows) >= n:
            return rows
        time.sleep(0.1)
    raise AssertionError(rows)


def test_each_participant_gets_their_own_link_and_a_calendar_request(mail_app: MailApp) -> None:
    client, box = mail_app.client, mail_app.box
    made = make_session(client, starts_at="2030-03-04T09:00:00", timezone="Europe/Berlin")
    dana = add_person(client, made, "Dana Lee", "Finance")
    marcus = add_person(client, made, "Marcus Okafor", "Sales")
    dana_token = invite(client, made, dana["id"])
    sent = client.post(
        f"/api/v1/sessions/{made.id}/invitations", json={}, headers=bearer(made.facilitator)
    )
    assert sent.json() == {"queued": 2}
    box.wait_for(2)
    to_dana, to_marcus = box.to(dana["email"])[0], box.to(marcus["email"])[0]
    dana_text = to_dana.get_body(("plain",)).get_content()
    assert dana_token in dana_text  # her existing link, not a new one
    marcus_text = to_marcus.get_body(("plain",)).get_content()
    assert dana_token not in marcus_text
    assert "/l/" in marcus_text
    assert "Monday 04 March 2030, 09:00" in dana_text
    assert "Europe/Berlin" in dana_text
    assert "Dana Lee" in to_dana.get_body(("html",)).get_content()
    cal = ics_of(to_dana)
    assert cal["METHOD"] == "REQUEST"
    event = cal.walk("VEVENT")[0]
    assert event.decoded("DTSTART").isoformat() == "2030-03-04T08:00:00+00:00"  # 09:00 Berlin
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(hours=2)
    assert str(event["ATTENDEE"]) == "mailto:" + dana["email"]
    first_uid, first_seq = str(event["UID"]), int(event["SEQUENCE"])

    # Sending again without "resend" queues nothing; moving the session sends an update.
    again = client.post(
        f"/api/v1/sessions/{made.id}/invitations", json={}, headers=bearer(made.facilitator)
    )
    assert again.json() == {"queued": 0}
    client.patch(
        f"/api/v1/sessions/{made.id}",
        json={"starts_at": "2030-03-05T14:00:00"},
        headers=bearer(made.facilitator),
    ).raise_for_status()
    box.wait_for(4)
    update = box.to(dana["email"])[-1]
    assert update["Subject"].startswith("Updated:")
    event = ics_of(update).walk("VEVENT")[0]
    assert str(event["UID"]) == first_uid  # replaces the earlier one in the calendar
    assert int(event["SEQUENCE"]) >= first_seq
    assert event.decoded("DTSTART").isoformat() == "2030-03-05T13:00:00+00:00"


def test_agenda_reminders_go_only_to_those_who_owe_one(mail_app: MailApp) -> None:
    client, box = mail_app.client, mail_app.box
    deadline = (utcnow() + timedelta(hours=30)).replace(microsecond=0)
    made = make_session(client, starts_at="2030-03-04T09:00:00", timezone="UTC")
    owing = add_person(client, made, "Dana Lee", "Finance")
    done = add_person(client, made, "Marcus Okafor", "Sales")
    token = invite(client, made, done["id"])
    goals = client.get(f"/api/v1/sessions/{made.id}", headers=bearer(made.facilitator)).json()[
        "goals"
    ]
    agenda = {
        "what_we_do": "We close the books every month and run payroll for everyone.",
        "pressing_issue": "Invoices arrive late from sales so month-end close slips by days.",
        "pressing_ask": "Send signed contracts to finance within a day of signing.",
        "pressing_goal_id": goals[0]["id"],
        "butterfly_issue": "When discount codes reach billing late, "
        "invoices go out wrong and customers complain.",
        "butterfly_targets": ["Finance"],
        "butterfly_goal_id": goals[0]["id"],
        "butterfly_cost": "Two days of rework for billing every month and angry customers.",
        "butterfly_next_step": "Agree a daily hand-over of discount codes between the teams.",
    }
    submitted = client.post(
        f"/api/v1/sessions/{made.id}/agendas/{done['id']}/submit",
        json=agenda,
        headers=bearer(token),
    )
    assert submitted.status_code in (200, 201), submitted.text
    client.patch(
        f"/api/v1/sessions/{made.id}",
        json={"agenda_deadline": deadline.isoformat()},
        headers=bearer(made.facilitator),
    ).raise_for_status()
    # 30 h before the deadline the 48 h reminder is due, the 24 h one is not.
    reminders = box.wait_for(1)
    time.sleep(0.5)  # a few more scheduler rounds: still one reminder
    assert [str(m["To"]) for m in box.messages] == [owing["email"]]
    text = reminders[0].get_body(("plain",)).get_content()
    assert "48 hours" in text
    assert "/mail/opt-out?" in text
    assert reminders[0]["List-Unsubscribe"]


def test_opting_out_stops_reminders(mail_app: MailApp) -> None:
    client, box = mail_app.client, mail_app.box
    made = make_session(client, starts_at="2030-03-04T09:00:00", timezone="UTC")
    person = add_person(client, made, "Dana Lee", "Finance")
    url = messages.recipients.opt_out_link(
        messages.of(Session(client.app.state.engine)),
        person["email"],  # type: ignore[arg-type, attr-defined]
    )
    path = url.split("testserver", 1)[1]
    assert client.get(path.replace("token=", "token=x")).status_code == 400
    page = client.get(path)
    assert "Stop reminders" in page.text
    query = dict(p.split("=", 1) for p in path.split("?", 1)[1].split("&"))
    from urllib.parse import unquote

    done = client.post("/mail/opt-out", data={k: unquote(v) for k, v in query.items()})
    assert "will receive no more reminders" in done.text
    deadline = utcnow() + timedelta(hours=10)
    client.patch(
        f"/api/v1/sessions/{made.id}",
        json={"agenda_deadline": deadline.isoformat()},
        headers=bearer(made.facilitator),
    ).raise_for_status()
    time.sleep(1.0)
    assert box.messages == []


def test_locking_the_board_mails_owners_and_executives(mail_app: MailApp) -> None:
    client, box = mail_app.client, mail_app.box
    made = make_session(client, timezone="UTC")
    dana = add_person(client, made, "Dana Lee", "Finance")
    marcus = add_person(client, made, "Marcus Okafor", "Sales")
    dana_token, marcus_token = invite(client, made, dana["id"]), invite(client, made, marcus["id"])
    item = capture(client, made, marcus_token)
    due = date.today() + timedelta(days=20)
    make_action(client, made, dana["id"], item, due, what="Send discount codes earlier")
    put = client.put(
        f"/api/v1/sessions/{made.id}/executives",
        json={"emails": ["ceo@example.com"]},
        headers=bearer(made.facilitator),
    )
    assert put.json() == {"emails": ["ceo@example.com"]}
    bad = client.put(
        f"/api/v1/sessions/{made.id}/executives",
        json={"emails": ["not-an-address"]},
        headers=bearer(made.facilitator),
    )
    assert bad.status_code == 422
    client.post(
        f"/api/v1/sessions/{made.id}/board/lock",
        json={"id": key()},
        headers=bearer(made.facilitator),
    ).raise_for_status()
    box.wait_for(2)
    owner_mail = box.to(dana["email"])
    assert len(owner_mail) == 1
    assert box.to(marcus["email"]) == []  # Marcus owns nothing
    text = owner_mail[0].get_body(("plain",)).get_content()
    assert "Send discount codes earlier" in text
    assert dana_token in text
    assert marcus_token not in text
    event = ics_of(owner_mail[0]).walk("VEVENT")[0]
    assert event.decoded("DTSTART") == due
    (ceo,) = box.to("ceo@example.com")
    ceo_text = ceo.get_body(("plain",)).get_content()
    assert "Top frictions" in ceo_text
    assert "Dana Lee" in ceo_text
    assert "Send discount codes earlier" in ceo_text
    assert made.executive in ceo_text  # the link to the full summary page
    pdfs = [p for p in ceo.iter_attachments() if p.get_content_type() == "application/pdf"]
    assert pdfs
    assert pdfs[0].get_content().startswith(b"%PDF")
    # Unlocking and locking again does not send it all a second time.
    client.post(
        f"/api/v1/sessions/{made.id}/board/lock",
        json={"id": key(), "on": False},
        headers=bearer(made.facilitator),
    ).raise_for_status()
    client.post(
        f"/api/v1/sessions/{made.id}/board/lock",
        json={"id": key()},
        headers=bearer(made.facilitator),
    ).raise_for_status()
    time.sleep(0.5)
    assert len(box.messages) == 2


def test_a_refused_message_fails_with_the_smtp_error_and_can_be_retried(mail_app: MailApp) -> None:
    client, box = mail_app.client, mail_app.box
    made = make_session(client)
    person = add_person(client, made, "Dana Lee", "Finance")
    box.refuse[person["email"]] = "550 5.1.1 Mailbox unavailable"
    client.post(
        f"/api/v1/sessions/{made.id}/invitations", json={}, headers=bearer(made.facilitator)
    )
    rows = wait_status(client, made.id, made.facilitator, "failed", 1)
    assert "550 5.1.1 Mailbox unavailable" in rows[0]["last_error"]
    del box.refuse[person["email"]]
    retried = client.post(
        f"/api/v1/sessions/{made.id}/messages/{rows[0]['id']}/retry",
        headers=bearer(made.facilitator),
    )
    assert retried.json()["status"] == "queued"
    wait_status(client, made.id, made.facilitator, "sent", 1)
    # "sent" is recorded just before the final dot: the server has it a moment later.
    assert [str(m["To"]) for m in box.wait_for(1)] == [person["email"]]
    time.sleep(0.3)
    assert len(box.messages) == 1


def test_agenda_returned_message_carries_the_note(mail_app: MailApp) -> None:
    client, box = mail_app.client, mail_app.box
    made = make_session(client)
    person = add_person(client, made, "Dana Lee", "Finance")
    with Session(client.app.state.engine) as db:  # type: ignore[attr-defined]
        assert messages.queue_agenda_returned(
            db, made.id, person["id"], "Name the team you depend on."
        )
        db.commit()
    (mail,) = box.wait_for(1)
    assert "returned" in mail["Subject"]
    assert "Name the team you depend on." in mail.get_body(("plain",)).get_content()


def test_sending_an_agenda_back_mails_its_author_the_note(mail_app: MailApp) -> None:
    client, box = mail_app.client, mail_app.box
    made = make_session(client)
    person = add_person(client, made, "Dana Lee", "Finance")
    token = invite(client, made, person["id"])
    base = f"/api/v1/sessions/{made.id}/agendas/{person['id']}"
    body = complete(made.body["session"]["goals"][0]["id"])
    assert client.post(f"{base}/submit", json=body, headers=bearer(token)).status_code == 200

    note = "Please name one recent example."
    returned = client.post(f"{base}/return", json={"note": note}, headers=bearer(made.facilitator))

    assert returned.status_code == 200, returned.text
    (mail,) = box.wait_for(1)
    assert mail["To"] == person["email"]
    assert note in mail.get_body(("plain",)).get_content()


def test_a_published_plan_mails_each_person_their_rounds_and_a_new_version_only_the_moved(
    mail_app: MailApp,
) -> None:
    client, box = mail_app.client, mail_app.box
    made = make_session(client, starts_at="2030-03-04T09:00:00", timezone="Europe/Berlin")
    people = [
        add_person(client, made, name, department)
        for name, department in [
            ("Dana Lee", "Finance"),
            ("Marcus Okafor", "Sales"),
            ("Priya Raman", "Product"),
            ("Tom Becker", "Engineering"),
        ]
    ]
    url = f"/api/v1/sessions/{made.id}/plan"
    first = client.post(url, json={"rounds": 3, "seed": 1}, headers=bearer(made.facilitator))
    assert first.status_code in (200, 201), first.text

    mails = box.wait_for(4)
    assert sorted(m["To"] for m in mails) == sorted(p["email"] for p in people)
    dana = box.to(people[0]["email"])[0].get_body(("plain",)).get_content()
    assert "Round 1" in dana
    assert "Round 3" in dana
    assert "Dana Lee (Finance)" not in dana  # she meets others, not herself
    assert "/l/" in dana  # her personal link

    # The same plan again (same settings and seed): nobody's rounds moved, nobody is mailed.
    again = client.post(url, json={"rounds": 3, "seed": 1}, headers=bearer(made.facilitator))
    assert again.status_code in (200, 201), again.text
    with Session(client.app.state.engine) as db:  # type: ignore[attr-defined]
        assert outbox.counts(db).get("sent", 0) + outbox.counts(db).get("queued", 0) == 4


def test_without_smtp_settings_nothing_is_queued_and_the_page_says_so(client: TestClient) -> None:
    made = make_session(client)
    add_person(client, made)
    refused = client.post(
        f"/api/v1/sessions/{made.id}/invitations", json={}, headers=bearer(made.facilitator)
    )
    assert refused.status_code == 422
    assert "ROUNDTABLE_SMTP_URL" in refused.text
    with Session(client.app.state.engine) as db:  # type: ignore[attr-defined]
        assert messages.queue_agenda_returned(db, made.id, 1, "x") is False
        assert outbox.counts(db) == {}
    page = client.get(f"/l/{made.facilitator}", follow_redirects=True)
    page = client.get(f"/s/{made.id}/facilitate/messages")
    assert "E-mail is off" in page.text


def test_worker_is_idempotent_per_key(mail_app: MailApp) -> None:
    client = mail_app.client
    engine = client.app.state.engine  # type: ignore[attr-defined]
    with Session(engine) as db:
        db.add(LeadershipSession(id="s-key", title="T", starts_at=utcnow(), timezone="UTC"))
        db.commit()
        first = outbox.enqueue(
            db,
            key="k1",
            channel="email",
            kind="test",
            recipient="a@x.io",
            body={"text": "hi"},
            session_id="s-key",
        )
        second = outbox.enqueue(
            db,
            key="k1",
            channel="email",
            kind="test",
            recipient="a@x.io",
            body={"text": "hi"},
            session_id="s-key",
        )
        db.commit()
    assert (first, second) == (True, False)
    mail_app.box.wait_for(1)
    assert isinstance(client.app.state.mail_worker, MailWorker)  # type: ignore[attr-defined]


def test_due_soon_reminder_then_a_weekly_overdue_digest_until_opt_out(mail_app: MailApp) -> None:
    client, box = mail_app.client, mail_app.box
    made = make_session(client, timezone="UTC")
    dana = add_person(client, made, "Dana Lee", "Finance")
    marcus = add_person(client, made, "Marcus Okafor", "Sales")
    invite(client, made, dana["id"])
    item = capture(client, made, invite(client, made, marcus["id"]))
    action = make_action(client, made, dana["id"], item, date.today() + timedelta(days=1))
    (soon,) = box.wait_for(1)
    assert soon["Subject"].startswith("Due soon")
    assert str(soon["To"]) == dana["email"]
    backdate(client, made.id, action, date.today() - timedelta(days=2))
    digest = box.wait_for(2)[1]
    assert digest["Subject"].startswith("Overdue")
    digest_text = digest.get_body(("plain",)).get_content()
    assert "Send discount codes earlier" in digest_text
    assert "weekly" in digest_text
    time.sleep(0.5)
    assert len(box.messages) == 2  # once a week, not once a scheduler round


def test_resend_on_demand_sends_again(mail_app: MailApp) -> None:
    client, box = mail_app.client, mail_app.box
    made = make_session(client)
    person = add_person(client, made)
    url, auth = f"/api/v1/sessions/{made.id}/invitations", bearer(made.facilitator)
    assert client.post(url, json={}, headers=auth).json() == {"queued": 1}
    body = {"participant_ids": [person["id"]], "resend": True}
    assert client.post(url, json=body, headers=auth).json() == {"queued": 1}
    first, second = box.wait_for(2)
    assert ics_of(first).walk("VEVENT")[0]["UID"] == ics_of(second).walk("VEVENT")[0]["UID"]
