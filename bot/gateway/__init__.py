"""The gateway: widget, agent desk, analytics, the handoff queue and the conversation store."""
