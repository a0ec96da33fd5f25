"""What every process shares: settings, the database, errors, PII protection, HTTP, sockets, rate limits."""
