"""Qt-free core: the Article model, format readers, the library index and search."""
