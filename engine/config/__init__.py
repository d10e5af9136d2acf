"""Reading a config: the TOML file, its sweep, its scenarios and its vote files."""
