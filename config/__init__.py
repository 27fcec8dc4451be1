"""Settings: schema, loader, defaults (defaults.toml) and examples for known hardware."""
