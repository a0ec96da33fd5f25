"""Live-agent handoff: the queue of conversations waiting for 311 staff."""
