"""Telephony in the window: the CTI bridge, call controls on the card, missed calls."""
