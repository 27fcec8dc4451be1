"""Statements compiled once per database dialect, then run on a unit of work's connection with
their parameters converted by the columns' own types.

A Core `connection.execute(insert(table), row)` spends about 50 µs of Python per statement on
this hardware (cache key, cache lookup, execution context, result object) before the driver sees
it, and even `exec_driver_sql` about 25 µs; a sale is a dozen statements, which made the Python
around a sale cost several times its SQL. A `Prepared` statement is compiled by SQLAlchemy once for
the engine's dialect (placeholders, casts and quoting as SQLAlchemy renders them); its parameters
go through the bind processors of the column types (UUIDs, UTC datetimes, enums, JSON, booleans
exactly as the ORM writes them); and it runs on the DBAPI cursor of the unit of work's own
connection (`run_on_driver`), so it is part of that transaction. The engine's before/after cursor
events still fire, and a driver error is still raised as SQLAlchemy's DBAPIError (which the unit
of work turns into a StorageError that says what to do). That connection is a `DriverConnection`
(a pooled DBAPI connection the unit of work begins and commits itself) unless the unit of work's
ORM Session had begun first, in which case it is the Session's.

Every bind parameter must be given a value on each call: nothing is filled in from column
defaults.
"""

from __future__ import annotations

import operator
import threading
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Dialect
from sqlalchemy.sql import ClauseElement
from sqlalchemy.types import TypeEngine


def run_on_driver(conn: Connection | DriverConnection, sql: str, params: Any = (), *, many: bool = False,
                  fetch: bool = False, fetch_all: bool = False) -> Any:
    """Runs `sql` on the DBAPI cursor of `conn` (in its transaction), as `exec_driver_sql` does
    without building an execution context and a result: the engine's `before_cursor_execute` and
    `after_cursor_execute` listeners are called (with no execution context), and a driver error
    is raised as SQLAlchemy's DBAPIError, the connection invalidated when the driver says it is
    gone. Returns the first row when `fetch`, every row when `fetch_all`, else the cursor's rowcount."""
    dialect = conn.dialect
    cursor = None
    try:
        cursor = conn.connection.dbapi_connection.cursor()
        dispatch = conn.dispatch
        for before in dispatch.before_cursor_execute:
            sql, params = before(conn, cursor, sql, params, None, many)
        if conn.engine.echo:
            conn.engine.logger.info("%s %r", sql, params)
        if many:
            cursor.executemany(sql, params)
        else:
            cursor.execute(sql, params)
        if dispatch.after_cursor_execute:
            dispatch.after_cursor_execute(conn, cursor, sql, params, None, many)
        if fetch_all:
            return cursor.fetchall()
        return cursor.fetchone() if fetch else cursor.rowcount
    except dialect.loaded_dbapi.Error as exc:
        raise _driver_error(conn, sql, params, exc, cursor, many) from exc
    finally:
        if cursor is not None:
            try:
                cursor.close()
            except dialect.loaded_dbapi.Error:
                pass  # a cursor of a connection gone: nothing left to release


SQLITE_BEGIN = "BEGIN IMMEDIATE"  # every SQLite transaction takes the write lock at its start (engine.py)


def _driver_error(conn: Any, statement: str, params: Any, exc: Exception, cursor: Any = None,
                  many: bool = False) -> sa_exc.DBAPIError:
    """`exc` of the driver as SQLAlchemy raises it; the connection invalidated when it is gone."""
    dialect = conn.dialect
    gone = dialect.is_disconnect(exc, conn.connection.dbapi_connection, cursor)
    if gone:
        conn.invalidate(exc)
    return sa_exc.DBAPIError.instance(statement, params, exc, dialect.loaded_dbapi.Error,
                                      hide_parameters=conn.engine.hide_parameters, connection_invalidated=gone,
                                      dialect=dialect, ismulti=many)


class DriverConnection:
    """A pooled DBAPI connection that a unit of work runs prepared statements on without an
    SQLAlchemy Connection: checking one out, beginning, committing and returning it through
    SQLAlchemy cost more than a sale's statements do. It offers what `run_on_driver` uses of a
    Connection (engine, dialect, connection, dispatch, invalidate), so the engine's cursor events
    see these statements (with this object as their `conn`), and errors are SQLAlchemy's.

    `sa()` is the SQLAlchemy Connection over the same DBAPI connection, made when an ORM Session
    joins the unit of work: its begin finds the transaction begun (the engine's begin listener
    then issues nothing) and its commit commits the whole of it."""

    __slots__ = ("engine", "dialect", "connection", "dispatch", "_sa")

    def __init__(self, engine: Any) -> None:
        self.engine = engine
        self.dialect = engine.dialect
        self.connection = engine.raw_connection()
        self.dispatch = engine.dispatch
        self._sa: Connection | None = None

    def sa(self) -> Connection:
        if self._sa is None:
            self._sa = Connection(self.engine, connection=self.connection)
        return self._sa

    @property
    def current(self) -> Any:
        """What statements run on: the SQLAlchemy Connection once there is one, else this."""
        return self._sa if self._sa is not None else self

    def invalidate(self, exception: BaseException | None = None) -> None:
        """The DBAPI connection is gone: the pool discards it (through the SQLAlchemy Connection
        when there is one, which then knows it too)."""
        if self._sa is not None:
            self._sa.invalidate(exception)
        elif self.connection.dbapi_connection is not None:
            self.connection.invalidate(exception)

    def begin(self) -> None:
        """Begins a transaction unless one is open. PostgreSQL's driver begins by itself."""
        if self.dialect.name != "sqlite":
            return
        try:
            begun = self.connection.dbapi_connection.in_transaction
        except self.dialect.loaded_dbapi.Error as exc:  # closed under us
            raise _driver_error(self, SQLITE_BEGIN, None, exc) from exc
        if not begun:
            run_on_driver(self.current, SQLITE_BEGIN)

    def commit(self) -> None:
        self._end("commit")

    def rollback(self) -> None:
        self._end("rollback")

    def _end(self, how: str) -> None:
        dbapi = self.connection.dbapi_connection
        if dbapi is None:  # invalidated: its transaction died with it
            if how == "commit":
                raise sa_exc.OperationalError("COMMIT", None, ConnectionError(
                    "the database connection was lost before the commit; nothing was saved"))
            return
        try:
            getattr(dbapi, how)()  # a no-op without a transaction
        except self.dialect.loaded_dbapi.Error as exc:
            error = _driver_error(self, how.upper(), None, exc)
            if how == "rollback" and error.connection_invalidated:
                return  # gone: the transaction went with it, as a rollback would have
            raise error from exc

    def close(self) -> None:
        """Back to the pool (through the SQLAlchemy Connection when there is one); an
        invalidated one is back already."""
        if self._sa is not None:
            self._sa.close()
        elif self.connection.dbapi_connection is not None:
            self.connection.close()


class Prepared:
    __slots__ = ("sql", "names", "processors", "positional", "_convert", "_result", "_row")

    def __init__(self, statement: ClauseElement, dialect: Dialect, keys: Sequence[str] | None = None, *,
                 result_type: TypeEngine | None = None, result_types: Sequence[TypeEngine] | None = None) -> None:
        """`keys`: the column keys of an INSERT's VALUES (all of them, in any order); `result_type`:
        the type of the one column a SELECT or RETURNING gives back, for `scalar()`; `result_types`:
        the types of the columns a SELECT gives back, in order, for `rows()`."""
        compiled = statement.compile(dialect=dialect, column_keys=list(keys) if keys is not None else None)
        if getattr(compiled, "escaped_bind_names", None):
            raise ValueError(f"bind names needing escapes are not supported: {compiled.escaped_bind_names}")
        self.sql: str = compiled.string
        self.positional: bool = bool(compiled.positional)
        names = list(compiled.positiontup) if self.positional else list(compiled.binds)
        if keys is not None and not set(names) <= set(keys):
            raise ValueError(f"the statement binds {sorted(set(names) - set(keys))} beyond the given keys")
        self.names: tuple[str, ...] = tuple(names)
        self.processors = tuple(compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect)
                                for name in self.names)
        self._convert = self._build_converter()
        self._result = None if result_type is None else result_type.dialect_impl(dialect).result_processor(dialect, None)
        self._row = None if result_types is None else self._build_row(result_types, dialect)

    @staticmethod
    def _build_row(types: Sequence[TypeEngine], dialect: Dialect) -> Callable[[Sequence[Any]], tuple]:
        """A driver row to a tuple of Python values, each column through its type's result
        processor (enum names to members, UTC datetimes, UUIDs...); NULL stays None."""
        processors = tuple((i, p) for i, p in enumerate(t.dialect_impl(dialect).result_processor(dialect, None)
                                                        for t in types) if p is not None)
        if not processors:
            return tuple

        def convert(row: Sequence[Any]) -> tuple:
            values = list(row)
            for i, process in processors:
                if values[i] is not None:
                    values[i] = process(values[i])
            return tuple(values)
        return convert

    def _build_converter(self) -> Callable[[Mapping[str, Any]], Any]:
        names, positional = self.names, self.positional
        if not names:
            return lambda values: () if positional else {}
        pick = operator.itemgetter(*names)
        single = len(names) == 1
        processed = tuple((i, p) for i, p in enumerate(self.processors) if p is not None)

        def convert(values: Mapping[str, Any]) -> tuple | dict:
            row = [pick(values)] if single else list(pick(values))
            for i, process in processed:
                if row[i] is not None:
                    row[i] = process(row[i])
            return tuple(row) if positional else dict(zip(names, row))
        return convert

    def params(self, values: Mapping[str, Any]) -> tuple | dict:
        """The driver's parameters for `values` (every bind name → its Python value)."""
        return self._convert(values)

    def execute(self, conn: Connection | DriverConnection, values: Mapping[str, Any]) -> int:
        """Runs the statement once; returns the rows it changed."""
        return run_on_driver(conn, self.sql, self._convert(values))

    def scalar(self, conn: Connection | DriverConnection, values: Mapping[str, Any]) -> Any:
        """The first column of the first row (converted by `result_type`), or None without a row."""
        row = run_on_driver(conn, self.sql, self._convert(values), fetch=True)
        if row is None or row[0] is None:
            return None
        return row[0] if self._result is None else self._result(row[0])

    def rows(self, conn: Connection | DriverConnection, values: Mapping[str, Any]) -> list[tuple]:
        """Every row of a SELECT, each column converted by `result_types`."""
        if self._row is None:
            raise TypeError("rows() needs the statement prepared with result_types")
        convert = self._row
        return [convert(row) for row in run_on_driver(conn, self.sql, self._convert(values), fetch_all=True)]

    def executemany(self, conn: Connection | DriverConnection, rows: Iterable[Mapping[str, Any]]) -> None:
        params = [self._convert(r) for r in rows]
        if len(params) == 1:
            run_on_driver(conn, self.sql, params[0])
        elif params:
            run_on_driver(conn, self.sql, params, many=True)


class PreparedSet:
    """Statements prepared on first use, one set per dialect object (each engine has its own):
    `statements(dialect)["name"]`."""

    def __init__(self, builders: Mapping[str, Callable[[Dialect], Prepared]]) -> None:
        self._builders = dict(builders)
        self._by_dialect: weakref.WeakKeyDictionary[Dialect, dict[str, Prepared]] = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def __call__(self, dialect: Dialect) -> dict[str, Prepared]:
        found = self._by_dialect.get(dialect)
        if found is None:
            with self._lock:
                found = self._by_dialect.get(dialect)
                if found is None:
                    found = {name: build(dialect) for name, build in self._builders.items()}
                    self._by_dialect[dialect] = found
        return found
