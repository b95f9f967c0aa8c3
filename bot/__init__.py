"""The assistant's own code: gateway, Rasa components, content build and the process supervisor."""
