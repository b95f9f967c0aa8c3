"""The handoff life cycle: which state may follow which. Everything else is a HandoffError."""

from __future__ import annotations

from typing import Literal

State = Literal["waiting", "assigned", "closed", "ticket"]
STATES: tuple[State, ...] = ("waiting", "assigned", "closed", "ticket")
OPEN_STATES: tuple[State, ...] = ("waiting", "assigned", "ticket")
CLAIMABLE: tuple[State, ...] = ("waiting", "ticket")
TRANSITIONS: dict[State, frozenset[State]] = {
    "waiting": frozenset({"assigned", "ticket"}),
    "ticket": frozenset({"assigned"}),
    "assigned": frozenset({"closed", "waiting"}),
    "closed": frozenset(),
}


class HandoffError(Exception):
    """A refused handoff operation; `code` is stable for clients, `status` is the HTTP answer."""

    def __init__(self, code: str, message: str, status: int = 409, **details: object) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status
        self.details = details


def check_transition(current: str, target: State) -> None:
    allowed = TRANSITIONS.get(current, frozenset())  # type: ignore[call-overload]
    if target not in allowed:
        raise HandoffError(
            "invalid_transition",
            f"A case in state {current!r} cannot become {target!r}; "
            f"allowed next states: {', '.join(sorted(allowed)) or 'none'}.",
            current=current,
            target=target,
        )
