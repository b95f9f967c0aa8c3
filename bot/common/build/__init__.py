"""Content files (intents, announcements) and the model build: read by every process."""
