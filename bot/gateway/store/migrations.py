"""Brings a database made by an older gateway up to schema.py.

`metadata.create_all` creates missing tables but never changes an existing one, so a column or an
index added to an existing table later is added here. Only additions, never a rename or a drop:
nullable columns (old rows read NULL, and every reader handles NULL) and indexes. Each step is
idempotent, and safe when several gateways start on one database at once: a step another gateway
finished first is recognised and skipped.
"""

from __future__ import annotations

import logging

from sqlalchemy import inspect
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.schema import Column, CreateIndex

from bot.gateway.store.schema import metadata

log = logging.getLogger("gateway")
# (table, column) added after the table first shipped.
ADDED_COLUMNS: tuple[tuple[str, str], ...] = (("turns", "replies"), ("handoffs", "claimed_at"))


def _column_names(engine: Engine, table: str) -> set[str]:
    return {column["name"] for column in inspect(engine).get_columns(table)}


def _add_column(engine: Engine, column: Column) -> None:
    preparer = engine.dialect.identifier_preparer
    statement = (
        f"ALTER TABLE {preparer.quote(column.table.name)} ADD COLUMN "
        f"{preparer.quote(column.name)} {column.type.compile(dialect=engine.dialect)}"
    )
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql(statement)
    except DBAPIError:
        if column.name not in _column_names(engine, column.table.name):
            raise
        return  # another gateway added it meanwhile
    log.info("gateway.store.migrated added=%s.%s", column.table.name, column.name)


def upgrade(engine: Engine) -> None:
    """Adds the columns and indexes an existing database lacks; call after create_all."""
    for table_name, column_name in ADDED_COLUMNS:
        table = metadata.tables[table_name]
        if column_name not in _column_names(engine, table_name):
            _add_column(engine, table.c[column_name])
    for table in metadata.sorted_tables:
        for index in table.indexes:
            # IF NOT EXISTS: SQLite and PostgreSQL alike; a no-op on a database made by create_all.
            with engine.begin() as connection:
                connection.execute(CreateIndex(index, if_not_exists=True))
