"""Domain and services: no Qt widgets here, so everything runs from the CLI and tests."""

__version__ = "0.1.0"
