"""Handoff intake from the action server: validation, routing, the readable summary."""
