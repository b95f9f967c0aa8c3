"""Speed patches to the frozen Rasa 3.6, installed through registry.py behind one switch."""
