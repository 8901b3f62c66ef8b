"""One module per file format; each exposes ``read(data, path, *, metadata_only=False) -> Article``."""
