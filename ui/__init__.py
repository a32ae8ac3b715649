"""PySide6 widgets, Qt item models and dialogs. Depends on app/, never the other way."""
