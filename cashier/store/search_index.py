"""Indexes for account search that the models cannot declare (run from schema.EXTRA_DDL).

Substring search looks in one text per account, its *haystack*: the name, the address as
printed (幸福小区3号楼2单元502), the phone and the account number, each followed by ``|``
(so no term matches across two fields and every two-character piece starts a trigram).

- SQLite: a contentless FTS5 table ``accounts_search`` with the trigram tokenizer, kept in step
  with ``accounts`` by triggers (insert, delete, update of a searched column), and an fts5vocab
  table over it: a two-character term is found through the trigrams that start with it (every
  field ends with ``|``, so every occurrence starts one).
- PostgreSQL: the pg_trgm extension and a GIN index on the haystack expression; a GIN index on
  the haystack's two-character pieces that hold a non-ASCII character (``cashier_bigrams``);
  b-tree indexes with ``COLLATE "C"`` so prefix ranges and their order use an index whatever
  the database's collation is.

Everything is idempotent; an index added to a database that already has accounts is filled.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

SEARCH_TABLE = "accounts_search"
VOCAB_TABLE = "accounts_search_vocab"
TRIGGERS = ("accounts_search_insert", "accounts_search_delete", "accounts_search_update")
TRGM_INDEX = "ix_accounts_search_trgm"
BIGRAM_INDEX = "ix_accounts_search_bigrams"
BIGRAM_FUNCTION = "cashier_bigrams"
C_INDEXES = {
    "ix_accounts_account_no_c": '(account_no COLLATE "C")',
    "ix_accounts_phone_c": '(phone COLLATE "C"), id',
    "ix_accounts_name_c": '(name COLLATE "C"), id',
}
SEARCHED_COLUMNS = ("account_no", "name", "phone", "estate", "building", "unit", "room")
_FTS_SHADOWS = ("_data", "_idx", "_content", "_docsize", "_config")


def haystack_sql(row: str = "") -> str:
    """The SQL expression of an account's haystack; ``row`` qualifies columns (``NEW.``)."""
    c = {name: f"{row}{name}" for name in SEARCHED_COLUMNS}
    building = (
        f"CASE WHEN {c['building']} LIKE '%号楼' "
        f"THEN {c['building']} ELSE {c['building']} || '号楼' END"
    )
    unit = (
        f"CASE WHEN {c['unit']} = '' OR {c['unit']} LIKE '%单元' "
        f"THEN {c['unit']} ELSE {c['unit']} || '单元' END"
    )
    address = f"{c['estate']} || {building} || {unit} || {c['room']}"
    return (
        f"({c['name']} || '|' || {address} || '|' || {c['phone']} || '|' "
        f"|| {c['account_no']} || '|')"
    )


_BIGRAMS_SQL = f"""
CREATE OR REPLACE FUNCTION {BIGRAM_FUNCTION}(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT piece), '{{}}')
  FROM (SELECT lower(substr(t, i, 2)) AS piece FROM generate_series(1, length(t) - 1) AS i) p
  WHERE octet_length(piece) > length(piece)
$$"""
"""PostgreSQL: the distinct two-character pieces of ``t`` that hold a non-ASCII character."""


def bigrams_sql(row: str = "") -> str:
    """PostgreSQL: the SQL expression of the haystack's two-character pieces (indexed)."""
    return f"{BIGRAM_FUNCTION}({haystack_sql(row)})"


def install_search_index(connection: Connection) -> None:
    """Create the search indexes for the connection's database (idempotent)."""
    if connection.dialect.name == "sqlite":
        _install_sqlite(connection)
    else:
        _install_postgres(connection)


def drop_search_index(connection: Connection) -> None:
    """Remove the search indexes (for downgrades)."""
    if connection.dialect.name == "sqlite":
        for trigger in TRIGGERS:
            connection.execute(text(f"DROP TRIGGER IF EXISTS {trigger}"))
        connection.execute(text(f"DROP TABLE IF EXISTS {VOCAB_TABLE}"))
        connection.execute(text(f"DROP TABLE IF EXISTS {SEARCH_TABLE}"))
        return
    for index in (TRGM_INDEX, BIGRAM_INDEX, *C_INDEXES):
        connection.execute(text(f"DROP INDEX IF EXISTS {index}"))
    connection.execute(text(f"DROP FUNCTION IF EXISTS {BIGRAM_FUNCTION}(text)"))


def is_search_object(name: str | None) -> bool:
    """True for a table or index this module creates (migrations' autogenerate ignores them)."""
    if not name:
        return False
    shadows = {SEARCH_TABLE + suffix for suffix in _FTS_SHADOWS}
    return name in {SEARCH_TABLE, VOCAB_TABLE, TRGM_INDEX, BIGRAM_INDEX, *C_INDEXES, *shadows}


def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to) -> bool:
    """Alembic ``include_object`` hook: leave the search objects out of autogenerate."""
    return not (reflected and compare_to is None and is_search_object(name))


def _install_sqlite(connection: Connection) -> None:
    exists = connection.execute(
        text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :name"),
        {"name": SEARCH_TABLE},
    ).first()
    if not exists:
        connection.execute(
            text(
                f"CREATE VIRTUAL TABLE {SEARCH_TABLE} USING fts5("
                "haystack, content='', tokenize='trigram')"
            )
        )
        fill = f"INSERT INTO {SEARCH_TABLE} (rowid, haystack) SELECT id, {haystack_sql()}"
        connection.execute(text(f"{fill} FROM accounts"))
    connection.execute(
        text(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {VOCAB_TABLE} "
            f"USING fts5vocab({SEARCH_TABLE}, 'row')"
        )
    )
    for statement in _sqlite_triggers():
        connection.execute(text(statement))


def _sqlite_triggers() -> list[str]:
    insert_new = (
        f"INSERT INTO {SEARCH_TABLE} (rowid, haystack) VALUES (NEW.id, {haystack_sql('NEW.')});"
    )
    delete_old = (
        f"INSERT INTO {SEARCH_TABLE} ({SEARCH_TABLE}, rowid, haystack) "
        f"VALUES ('delete', OLD.id, {haystack_sql('OLD.')});"
    )
    insert, delete, update = TRIGGERS
    columns = ", ".join(SEARCHED_COLUMNS)
    return [
        f"CREATE TRIGGER IF NOT EXISTS {insert} AFTER INSERT ON accounts BEGIN {insert_new} END",
        f"CREATE TRIGGER IF NOT EXISTS {delete} AFTER DELETE ON accounts BEGIN {delete_old} END",
        f"CREATE TRIGGER IF NOT EXISTS {update} AFTER UPDATE OF {columns} ON accounts "
        f"BEGIN {delete_old} {insert_new} END",
    ]


def _install_postgres(connection: Connection) -> None:
    connection.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    connection.execute(
        text(
            f"CREATE INDEX IF NOT EXISTS {TRGM_INDEX} ON accounts "
            f"USING gin ({haystack_sql()} gin_trgm_ops)"
        )
    )
    connection.execute(text(_BIGRAMS_SQL))
    connection.execute(
        text(
            f"CREATE INDEX IF NOT EXISTS {BIGRAM_INDEX} ON accounts "
            f"USING gin ({bigrams_sql()})"
        )
    )
    for name, columns in C_INDEXES.items():
        connection.execute(text(f"CREATE INDEX IF NOT EXISTS {name} ON accounts ({columns})"))
