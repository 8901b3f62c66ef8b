"""Qt item models and background jobs over core objects."""
