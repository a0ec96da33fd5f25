"""The broadcasters' page in the console and its API (``docs/broadcasts-api.md``)."""
