"""Alembic environment: the engine comes from the caller (db.migrate), never from an ini."""

from __future__ import annotations

from alembic import context

from db.models import Base
from db.models.people import include_name

config = context.config
engine = config.attributes["engine"]

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        # FTS5 tables and trigram indexes are migration-only: autogenerate must not drop them.
        include_name=include_name,
    )
    context.run_migrations()
