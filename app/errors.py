"""Errors meant for the user: the CLI prints them as one line, the GUI in a message box."""


class UserError(Exception):
    """Bad input or an unusable environment, explained in words the user can act on."""


class ConflictError(UserError):
    """Someone saved the same row first; the caller shows both versions and lets the user
    choose. Nothing is overwritten without that choice."""
