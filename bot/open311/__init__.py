"""The Open311 GeoReport v2 API over the reports: routes, views, documents (JSON/XML) and input parsing."""
