"""Capability links: issue, resolve, revoke, and show.

A link token is ``HMAC-SHA256(secret_key, nonce)`` with a fresh 128-bit random nonce, encoded
base64url (256 bits). The database keeps only ``sha256(token)`` (to recognise a presented token)
and the nonce (so the facilitator can copy a participant's link again later). Without the
secret key, which lives outside the database, nobody can rebuild a token from a database copy.
Revoking sets ``revoked_at``; it takes effect on the next request because every request looks
the hash up.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlmodel import Session

from app.domain.errors import Conflict, FieldError, Invalid, NotFound, UnknownLink
from app.services.links.schemas import Principal, Role
from app.store import repo
from app.store.models import AccessLink
from app.store.types import utcnow

LANDING_PATHS: dict[str, str] = {
    "facilitator": "/s/{session_id}/facilitate",
    "participant": "/s/{session_id}/me",
    "executive": "/s/{session_id}/summary",
}


@dataclass(frozen=True)
class LinkKeys:
    """What deriving and rendering links needs: the secret key and the public base URL."""

    secret_key: str
    base_url: str

    def token_for(self, nonce: str) -> str:
        digest = hmac.new(self.secret_key.encode(), nonce.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()

    def url_for(self, token: str) -> str:
        return f"{self.base_url.rstrip('/')}/l/{token}"


def hash_token(token: str) -> str:
    """The at-rest form of a token."""
    return hashlib.sha256(token.encode()).hexdigest()


def issue_link(
    db: Session, keys: LinkKeys, session_id: str, role: Role, participant_id: int | None = None
) -> tuple[AccessLink, str]:
    """Create a link for a role (and person), revoking that target's active links.

    Returns the stored link and its token. The caller commits.

    Raises:
        Invalid: participant links without a participant, or other roles with one.
        NotFound: the participant is not in this session.
    """
    if (role == "participant") != (participant_id is not None):
        message = (
            "A participant link needs participant_id."
            if role == "participant"
            else "Only participant links name a participant."
        )
        raise Invalid(message, [FieldError("participant_id", message)])
    if participant_id is not None and repo.get_participant(db, session_id, participant_id) is None:
        raise NotFound(f"No participant {participant_id} in this session.")
    now = utcnow()
    for old in repo.list_active_links_for(db, session_id, role, participant_id):
        old.revoked_at = now
        db.add(old)
    nonce = secrets.token_urlsafe(16)
    token = keys.token_for(nonce)
    link = AccessLink(
        session_id=session_id,
        role=role,
        participant_id=participant_id,
        token_hash=hash_token(token),
        nonce=nonce,
        created_at=now,
    )
    db.add(link)
    db.flush()
    return link, token


def displayable_url(keys: LinkKeys, link: AccessLink) -> str | None:
    """The link's URL, or None when revoked or minted under another secret key."""
    if link.revoked_at is not None:
        return None
    token = keys.token_for(link.nonce)
    if not hmac.compare_digest(hash_token(token), link.token_hash):
        return None
    return keys.url_for(token)


def revoke_link(db: Session, session_id: str, link_id: int) -> AccessLink:
    """Revoke a link at once; the caller commits.

    Raises:
        NotFound: no such link in this session.
        Conflict: it is already revoked, or it is the facilitator's (re-issue that instead).
    """
    link = repo.get_link(db, session_id, link_id)
    if link is None:
        raise NotFound(f"No link {link_id} in this session.")
    if link.revoked_at is not None:
        raise Conflict("This link is already revoked.")
    if link.role == "facilitator":
        raise Conflict(
            "A session always keeps a facilitator link; re-issue it to replace the old one."
        )
    link.revoked_at = utcnow()
    db.add(link)
    return link


def resolve_token(db: Session, token: str) -> Principal:
    """Who holds ``token``.

    Raises:
        UnknownLink: unknown or revoked token.
    """
    if not token or len(token) > 128:
        raise UnknownLink("This link is not valid.")
    link = repo.get_link_by_hash(db, hash_token(token))
    if link is None or link.revoked_at is not None:
        raise UnknownLink("This link is not valid or has been revoked.")
    assert link.id is not None
    return Principal(
        session_id=link.session_id,
        role=link.role,
        participant_id=link.participant_id,
        link_id=link.id,
    )


def landing_path(principal: Principal) -> str:
    """Where a link holder lands after the token is swapped for a cookie."""
    return LANDING_PATHS[principal.role].format(session_id=principal.session_id)
