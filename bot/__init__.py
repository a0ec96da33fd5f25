"""PDX 311 assistant: the front-door service, its channels, language and rendering."""
