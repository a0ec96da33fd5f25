"""The message path: every message stored and routed (inbox), every reply stored and delivered (outbox)."""
