"""Reader: news articles kept as files, read as articles."""
__version__ = "0.1.0"
