"""The Rasa server: its entry point, NLU components, tracker store, channel and speed patches."""
