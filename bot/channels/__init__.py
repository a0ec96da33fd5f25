"""How residents reach the assistant: one sub-package per channel, each with a ``setup(app, deps)``."""
