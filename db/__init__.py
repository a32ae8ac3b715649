"""Data layer: SQLAlchemy models, engine/session factory and Alembic migrations.

Nothing here imports Qt; everything works from the command line and in tests.
"""
