"""Content build: turns the content owners' files into a Rasa project."""
