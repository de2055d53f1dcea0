"""The package version, in a module of its own so that any layer can read it without
importing the package's public face (which imports the model)."""

__version__ = "0.1.0"
