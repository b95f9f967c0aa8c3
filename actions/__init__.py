"""Custom actions run by the Rasa action server (`python -m actions`, started by the supervisor)."""
