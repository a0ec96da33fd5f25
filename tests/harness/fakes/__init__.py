"""Local stand-ins for outside services."""
