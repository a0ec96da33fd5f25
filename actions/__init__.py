"""The Rasa action server: one module per capability."""
