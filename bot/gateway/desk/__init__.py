"""The agent desk: accounts and config, login and CSRF, the case API and the desk websocket."""
