"""Runs the Rasa server, the action server and the gateway as one program."""
