"""Liveness for load balancers and operators: is the database reachable, what is the live hub
doing on this worker. No credentials, so nothing here names a session or a person."""

from __future__ import annotations

import dataclasses
import os
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: str = Field(description='"ok", or "degraded" when the database does not answer.')
    database: str = Field(description='"ok" or "unreachable".')
    worker: int = Field(description="The answering worker's process id.")
    live: dict[str, int] = Field(
        description="This worker's hub: connections (and how many of them take frames "
        "directly, bypassing the per-socket ASGI send), sessions, largest pending queue and "
        "counters (lagging clients closed, gaps filled, resyncs, broadcast failures...)."
    )


@router.get("/healthz", response_model=Health, responses={503: {"model": Health}})
async def healthz(request: Request) -> Any:
    """200 while the database answers; 503 (same body) when it does not."""

    def ping(db: Session) -> bool:
        try:
            db.exec(text("SELECT 1"))  # type: ignore[call-overload]
            return True
        except SQLAlchemyError:
            return False

    database_ok = await request.app.state.database.run(ping)
    body = Health(
        status="ok" if database_ok else "degraded",
        database="ok" if database_ok else "unreachable",
        worker=os.getpid(),
        live=dataclasses.asdict(request.app.state.hub.stats()),
    )
    return JSONResponse(body.model_dump(), status_code=200 if database_ok else 503)
