"""Safety net: a deterministic English/Spanish detector for messages about someone in danger right now."""

from bot.safety.emergency import EmergencySignal, detect_emergency

__all__ = ["EmergencySignal", "detect_emergency"]
