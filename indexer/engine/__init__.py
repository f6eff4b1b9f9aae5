"""The search engine: the only code importing whoosh (schema, build, query, search, suggestions)."""
