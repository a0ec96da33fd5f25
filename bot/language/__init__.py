"""Languages: detection, explicit requests, gettext catalogs, the responses and Rasa's NLG endpoint."""
