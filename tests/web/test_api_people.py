"""Participants and CSV import through the API."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.factories import add_person, bearer, make_session


def test_add_list_update_and_remove_participants(client: TestClient) -> None:
    made = make_session(client)
    auth = bearer(made.facilitator)
    dana = add_person(client, made, "Dana Lee", "Finance")
    add_person(client, made, "Aisha Khan", "Customer Success")
    url = f"/api/v1/sessions/{made.id}/participants"

    names = [p["name"] for p in client.get(url, headers=auth).json()]
    assert names == ["Aisha Khan", "Dana Lee"]  # by department, then name
    changed = client.patch(
        f"{url}/{dana['id']}", json={"department": "Finance & Ops"}, headers=auth
    )
    assert changed.json()["department"] == "Finance & Ops"
    assert client.delete(f"{url}/{dana['id']}", headers=auth).status_code == 204
    assert client.get(f"{url}/{dana['id']}", headers=auth).status_code == 404


def test_participant_input_is_validated(client: TestClient) -> None:
    made = make_session(client)
    response = client.post(
        f"/api/v1/sessions/{made.id}/participants",
        json={"name": "", "email": "not-an-email", "department": "  "},
        headers=bearer(made.facilitator),
    )
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"name", "email", "department"}


def test_email_is_unique_per_session_case_insensitively(client: TestClient) -> None:
    made = make_session(client)
    add_person(client, made, "Dana Lee", email="dana@example.com")
    response = client.post(
        f"/api/v1/sessions/{made.id}/participants",
        json={"name": "Dana Again", "email": "DANA@example.com", "department": "Finance"},
        headers=bearer(made.facilitator),
    )
    assert response.status_code == 422
    assert "already in this session" in response.json()["errors"][0]["message"]
    other = make_session(client)
    add_person(client, other, "Dana Lee", email="dana@example.com")  # fine elsewhere


CSV = (
    "Name,Email,Department/Team,Job title\n"
    "Dana Lee,dana@example.com,Finance,Head of Finance\n"
    "Marcus Okafor,marcus@example.com,Sales,VP Sales\n"
    ",nobody@example.com,Legal,\n"
    "Priya Raman,not-an-email,Product,\n"
    "Dana Twin,DANA@example.com,Finance,\n"
    "\n"
    "Tom Becker,tom@example.com,Engineering\n"
)


def test_csv_import_adds_valid_rows_and_reports_each_rejected_one(client: TestClient) -> None:
    made = make_session(client)
    response = client.post(
        f"/api/v1/sessions/{made.id}/participants/import",
        content=CSV.encode(),
        headers={**bearer(made.facilitator), "content-type": "text/csv"},
    )
    assert response.status_code == 200
    report = response.json()
    assert [p["name"] for p in report["created"]] == ["Dana Lee", "Marcus Okafor", "Tom Becker"]
    rejected = {r["row"]: r for r in report["rejected"]}
    assert set(rejected) == {4, 5, 6}
    assert rejected[4]["errors"][0]["field"] == "name"
    assert rejected[5]["errors"][0]["field"] == "email"
    assert "already in this session" in rejected[6]["errors"][0]["message"]
    assert rejected[5]["values"]["name"] == "Priya Raman"


def test_csv_import_as_multipart_upload(client: TestClient) -> None:
    made = make_session(client)
    response = client.post(
        f"/api/v1/sessions/{made.id}/participants/import",
        files={"file": ("people.csv", b"name,email,department\nA B,ab@example.com,Ops\n")},
        headers=bearer(made.facilitator),
    )
    assert response.status_code == 200
    assert len(response.json()["created"]) == 1


def test_csv_import_refuses_a_file_it_cannot_read(client: TestClient) -> None:
    made = make_session(client)
    url = f"/api/v1/sessions/{made.id}/participants/import"
    headers = {**bearer(made.facilitator), "content-type": "text/csv"}
    missing = client.post(url, content=b"name,department\nA,B\n", headers=headers)
    assert missing.status_code == 422
    assert "missing: email" in missing.json()["errors"][0]["message"]
    latin1 = client.post(
        url, content="name,email,department\nJosé,j@x.io,Ops\n".encode("latin-1"), headers=headers
    )
    assert latin1.status_code == 422
    assert "UTF-8" in latin1.json()["detail"]
    empty = client.post(url, content=b"", headers=headers)
    assert empty.status_code == 422
    people = client.get(
        f"/api/v1/sessions/{made.id}/participants", headers=bearer(made.facilitator)
    )
    assert people.json() == []


def test_links_list_shows_urls_of_active_links_only(client: TestClient) -> None:
    made = make_session(client)
    person = add_person(client, made)
    auth = bearer(made.facilitator)
    url = f"/api/v1/sessions/{made.id}/links"
    first = client.post(
        url, json={"role": "participant", "participant_id": person["id"]}, headers=auth
    ).json()
    second = client.post(
        url, json={"role": "participant", "participant_id": person["id"]}, headers=auth
    ).json()
    listed = {x["id"]: x for x in client.get(url, headers=auth).json()}
    assert listed[first["id"]]["active"] is False
    assert listed[first["id"]]["url"] is None
    assert listed[second["id"]]["url"] == second["url"]
    bad = client.post(url, json={"role": "participant"}, headers=auth)
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "participant_id"


def test_adding_a_participant_issues_their_invite_link_as_the_page_does(
    client: TestClient,
) -> None:
    made = make_session(client)
    auth = bearer(made.facilitator)
    response = client.post(
        f"/api/v1/sessions/{made.id}/participants",
        json={"name": "Dana Lee", "email": "dana@example.com", "department": "Finance"},
        headers=auth,
    )
    assert response.status_code == 201
    body = response.json()
    link = body["link"]
    assert (link["role"], link["participant_id"], link["active"]) == (
        "participant",
        body["id"],
        True,
    )
    opened = client.get(link["url"], follow_redirects=False)  # the invite works at once
    assert opened.status_code == 303
    assert opened.headers["location"].startswith(f"/s/{made.id}/")
    listed = client.get(f"/api/v1/sessions/{made.id}/links", headers=auth).json()
    assert [x["url"] for x in listed if x["participant_id"] == body["id"]] == [link["url"]]

    page = client.post(
        f"/s/{made.id}/facilitate/participants",
        data={"name": "Marcus Okafor", "email": "marcus@example.com", "department": "Sales"},
        headers=bearer(made.facilitator),
    )
    assert page.status_code in (200, 303), page.text
    people = client.get(f"/api/v1/sessions/{made.id}/participants", headers=auth).json()
    marcus = next(p for p in people if p["name"] == "Marcus Okafor")
    listed = client.get(f"/api/v1/sessions/{made.id}/links", headers=auth).json()
    assert [x["active"] for x in listed if x["participant_id"] == marcus["id"]] == [True]
