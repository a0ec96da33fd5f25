"""Canned responses for agents, in English and Spanish (edit here; each stays within two SMS segments)."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Canned:
    """One ready-made reply."""

    id: str
    language: str
    title: str
    text: str


RESPONSES: tuple[Canned, ...] = (
    Canned("greeting", "en", "Greeting", "Hi, this is 311. I've read your conversation so far. How can I help?"),
    Canned("greeting", "es", "Saludo", "Hola, le atiende el 311. Ya leí su conversación. ¿En qué le puedo ayudar?"),
    Canned("location", "en", "Ask for the location", "Can you tell me the nearest cross streets or the address?"),
    Canned("location", "es", "Pedir el lugar", "¿Me puede dar las calles que se cruzan más cerca o la dirección?"),
    Canned("filed", "en", "Report filed", "I filed your report. Your case number is in the next message."),
    Canned(
        "filed", "es", "Reporte enviado", "Ya envié su reporte. Le mando el número de caso en el siguiente mensaje."
    ),
    Canned("emergency", "en", "Emergency", "If anyone is in danger right now, please call 911."),
    Canned("emergency", "es", "Emergencia", "Si alguien está en peligro ahora mismo, llame al 911."),
    Canned("interpreter", "en", "Interpreter", "I'm arranging an interpreter. Please stay on this conversation."),
    Canned("interpreter", "es", "Intérprete", "Estoy buscando un intérprete. Por favor, siga en esta conversación."),
    Canned("closing", "en", "Closing", "Thank you for contacting 311. Is there anything else I can help with?"),
    Canned(
        "closing", "es", "Despedida", "Gracias por comunicarse con el 311. ¿Hay algo más en lo que le pueda ayudar?"
    ),
)


def canned_responses() -> list[dict[str, str]]:
    """Every canned response as JSON-ready dicts."""
    return [asdict(c) for c in RESPONSES]
