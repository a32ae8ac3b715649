"""Errors meant for the user: the CLI prints them as one line, the GUI in a message box."""


class UserError(Exception):
    """Bad input or an unusable environment, explained in words the user can act on."""
