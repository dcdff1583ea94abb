"""The website chat: the page, its scripts and styles (web/public/), and the server that serves them (web/server.py)."""
