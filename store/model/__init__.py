"""Records and their rules: the schema, ids, TOML, validation, links, search, attention (no git)."""
