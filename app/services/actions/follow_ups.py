"""Use cases for after-meeting follow-ups: save (private, to the board, or proposed as an
action item), the facilitator's confirmation, and the count of agreed next steps.

Sending to the board and confirming go through the board's own commands, in the same
transaction as the follow-up row (``board.execute`` commits both, or rolls both back).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, col, select

from app.domain.board.commands import Capture, MakeAction
from app.domain.board.model import FACILITATOR, CaptureDraft
from app.domain.errors import Conflict, Invalid, NotFound
from app.domain.prep.follow_up import DEFAULT_DUE_DAYS, Share, follow_up_errors
from app.services.board import service as board
from app.store import repo
from app.store.models import FollowUp, LiveEvent, Participant
from app.store.types import utcnow


@dataclass(frozen=True)
class FollowUpInput:
    """What the author sends after a meeting."""

    text: str
    share: str = Share.PRIVATE
    owner_id: int | None = None
    due: date | None = None
    round_no: int | None = None


def save(
    db: Session, session_id: str, author_id: int, counterpart_id: int, data: FollowUpInput
) -> tuple[FollowUp, LiveEvent | None]:
    """Store the author's follow-up; ``board`` also captures it as a board item.

    Raises:
        Invalid: a rule is broken (``errors`` name the fields).
        NotFound: the counterpart is not in this session.
        Conflict: already confirmed as an action item, so it cannot change any more.
    """
    me, other = _people(db, session_id, author_id, counterpart_id)
    errors = follow_up_errors(
        data.text,
        data.share,
        data.owner_id,
        data.due,
        allowed_owners={author_id, counterpart_id},
        today=utcnow().date(),
    )
    if errors:
        raise Invalid("The follow-up needs fixing.", errors)
    row = _row(db, author_id, counterpart_id)
    if row is not None and row.share == Share.ACCEPTED:
        raise Conflict("The facilitator already made this an action item; update it there.")
    row = row or FollowUp(
        session_id=session_id, author_id=author_id, counterpart_id=counterpart_id, text=""
    )
    row.text, row.share, row.owner_id = data.text.strip(), data.share, data.owner_id
    row.due, row.round_no, row.updated_at = data.due, data.round_no, utcnow()
    event: LiveEvent | None = None
    db.add(row)
    if data.share == Share.BOARD and row.board_item_id is None:
        row.board_item_id = uuid.uuid4().hex
        capture = Capture(
            id=row.board_item_id, by=str(author_id), at=utcnow(), draft=_draft(row, me, other)
        )
        _, event = board.execute(db, session_id, capture)  # commits the row with the item
    else:
        db.commit()
    db.refresh(row)
    return row, event


def mine(db: Session, session_id: str, author_id: int) -> list[FollowUp]:
    """The author's follow-ups, private ones included."""
    query = select(FollowUp).where(
        FollowUp.session_id == session_id, FollowUp.author_id == author_id
    )
    return list(db.exec(query.order_by(col(FollowUp.id))).all())


def proposed(db: Session, session_id: str) -> list[FollowUp]:
    """Follow-ups proposed as action items, waiting for the facilitator (never private ones)."""
    query = select(FollowUp).where(
        FollowUp.session_id == session_id, FollowUp.share == Share.PROPOSED
    )
    return list(db.exec(query.order_by(col(FollowUp.id))).all())


def accept(db: Session, session_id: str, follow_up_id: int) -> tuple[FollowUp, LiveEvent | None]:
    """The facilitator confirms a proposal: it becomes a board item and an action item.

    Raises:
        NotFound: no such proposal in this session (private follow-ups are never found here).
    """
    row = db.get(FollowUp, follow_up_id)
    if row is None or row.session_id != session_id or row.share != Share.PROPOSED:
        raise NotFound("No proposed follow-up with this id.")
    me, other = _people(db, session_id, row.author_id, row.counterpart_id)
    if row.board_item_id is None:  # kept with the item, so a failed confirmation reuses it
        row.board_item_id = uuid.uuid4().hex
        db.add(row)
        capture = Capture(
            id=row.board_item_id, by=FACILITATOR, at=utcnow(), draft=_draft(row, me, other)
        )
        board.execute(db, session_id, capture)
    item_id = row.board_item_id
    action_id = uuid.uuid4().hex
    row.action_id, row.share = action_id, Share.ACCEPTED
    row.updated_at = utcnow()
    db.add(row)
    make = MakeAction(
        id=action_id,
        by=FACILITATOR,
        at=utcnow(),
        item_id=item_id,
        action_id=action_id,
        owner=str(row.owner_id or row.author_id),
        what=row.text,
        due=row.due or utcnow().date() + timedelta(days=DEFAULT_DUE_DAYS),
    )
    _, event = board.execute(db, session_id, make)  # commits the row with the action item
    db.refresh(row)
    return row, event


def agreed_counts(db: Session, session_id: str) -> dict[int, int]:
    """Meetings that ended with an agreed next step, per round (no round: 0); counts only."""
    query = select(FollowUp).where(FollowUp.session_id == session_id)
    counts: dict[int, int] = {}
    for row in db.exec(query).all():
        counts[row.round_no or 0] = counts.get(row.round_no or 0, 0) + 1
    return counts


def _draft(row: FollowUp, me: Participant, other: Participant) -> CaptureDraft:
    return CaptureDraft(
        from_team=me.department,
        to_teams=(other.department,),
        what_happens=f"Agreed with {other.name}: {row.text}",
        impact="medium",
        no_goal=True,
        round_no=row.round_no,
        with_person=other.name,
    )


def _people(
    db: Session, session_id: str, author_id: int, counterpart_id: int
) -> tuple[Participant, Participant]:
    me = repo.get_participant(db, session_id, author_id)
    other = repo.get_participant(db, session_id, counterpart_id)
    if me is None or other is None or author_id == counterpart_id:
        raise NotFound(f"Participant {counterpart_id} is not someone you met in this session.")
    return me, other


def _row(db: Session, author_id: int, counterpart_id: int) -> FollowUp | None:
    query = select(FollowUp).where(
        FollowUp.author_id == author_id, FollowUp.counterpart_id == counterpart_id
    )
    return db.exec(query).first()
