"""Announcements: notices a content owner publishes for a while (issue 7)."""
