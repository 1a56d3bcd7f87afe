"""Whole-database copies: SQLite online backup and restore; PostgreSQL explains pg_dump.

SQLite uses the online backup API, so a copy is consistent even while counters are writing
(WAL mode). A restore never touches the backup file itself: it is copied to a temporary
folder, upgraded to this program's schema, checked, and only then copied into the live
database (again with the backup API, after a safety copy of the live file beside it).
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from cashier.domain.errors import UserError
from cashier.store.engine import make_engine
from cashier.store.migrate import backup_sqlite, current_revision, open_database, sqlite_path
from cashier.store.uow import uow_factory


class BackupUnsupported(UserError):
    """This kind of database is backed up with its own tools (PostgreSQL: pg_dump)."""


class BackupFileError(UserError):
    """The backup file cannot be written, or read as an SQLite database."""


@dataclass
class SqlitePreparedCopy:
    """A temporary, upgraded copy of a backup file with a unit-of-work factory on it."""

    path: Path
    uow_factory: object


class SqliteBackup:
    """The DatabaseBackup port for an SQLite file database."""

    def __init__(self, engine: Engine) -> None:
        path = sqlite_path(engine)
        if path is None:
            raise BackupUnsupported("内存数据库无法备份。", "an in-memory database has no file")
        self.engine = engine
        self.path = path

    def backup(self, target: Path) -> None:
        """A consistent copy into `target` (written beside it first, then renamed)."""
        target = Path(target)
        if target.exists():
            raise BackupFileError(
                f"备份文件已存在：{target}，请换一个文件名。", f"{target} exists already"
            )
        partial = target.with_name(target.name + ".partial")
        try:
            _copy_database(self.path, partial)
            partial.replace(target)
        except (OSError, sqlite3.Error) as exc:
            partial.unlink(missing_ok=True)
            raise BackupFileError(f"无法写入备份文件 {target}：{exc}", str(exc)) from exc

    def integrity_problems(self, path: Path) -> list[str]:
        """What `PRAGMA integrity_check` reports on `path`; empty when it says "ok"."""
        path = Path(path)
        if not path.is_file():
            return [f"文件不存在：{path}"]
        try:
            with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as db:
                rows = [row[0] for row in db.execute("PRAGMA integrity_check")]
        except sqlite3.DatabaseError as exc:
            return [f"不是有效的 SQLite 数据库：{exc}"]
        return [] if rows == ["ok"] else rows

    @contextmanager
    def prepare_copy(self, source: Path) -> Iterator[SqlitePreparedCopy]:
        """A temporary copy of `source`, upgraded to this program's schema, removed after."""
        folder = Path(tempfile.mkdtemp(prefix="cashier-restore-"))
        copy = folder / "restore.db"
        engine = None
        try:
            _copy_database(Path(source), copy)
            engine = make_engine(f"sqlite:///{copy}")
            if current_revision(engine) is None:
                raise BackupFileError(
                    f"{source} 不是本程序的数据库备份。", f"{source} is not a cashier database"
                )
            open_database(engine)
            yield SqlitePreparedCopy(copy, uow_factory(engine, read_only=True))
        finally:
            if engine is not None:
                engine.dispose()
            shutil.rmtree(folder, ignore_errors=True)

    def replace_with(self, copy: Path) -> Path:
        """Copy `copy` into the live database after a safety copy beside the live file."""
        safety = backup_sqlite(self.engine, suffix="before-restore")
        self.engine.dispose()
        _copy_database(Path(copy), self.path)
        self.engine.dispose()
        return safety


class PostgresBackup:
    """PostgreSQL is backed up with pg_dump and restored with pg_restore; every method says so."""

    def __init__(self, engine: Engine) -> None:
        url = engine.url
        self.host = url.host or "localhost"
        self.user = url.username or "postgres"
        self.database = url.database or "cashier"

    def advice(self) -> BackupUnsupported:
        """The error explaining pg_dump and pg_restore for this database."""
        dump = f"pg_dump -Fc -h {self.host} -U {self.user} -f cashier.dump {self.database}"
        restore = (
            f"pg_restore --clean --if-exists -h {self.host} -U {self.user} "
            f"-d {self.database} cashier.dump"
        )
        return BackupUnsupported(
            f"PostgreSQL 数据库请由数据库管理员备份：{dump}；恢复：{restore}；"
            "恢复后运行 cashier verify 校验。",
            f"back up PostgreSQL with `{dump}`, restore with `{restore}`, "
            "then run `cashier verify`",
        )

    def backup(self, target: Path) -> None:
        """Refuses with the pg_dump advice."""
        raise self.advice()

    def integrity_problems(self, path: Path) -> list[str]:
        """Refuses with the pg_dump advice."""
        raise self.advice()

    def prepare_copy(self, source: Path):
        """Refuses with the pg_dump advice."""
        raise self.advice()

    def replace_with(self, copy: Path) -> Path:
        """Refuses with the pg_dump advice."""
        raise self.advice()


def database_backup(engine: Engine) -> SqliteBackup | PostgresBackup:
    """The backup port for `engine`'s database."""
    if engine.dialect.name == "sqlite":
        return SqliteBackup(engine)
    return PostgresBackup(engine)


def _copy_database(source: Path, target: Path) -> None:
    """Copy with SQLite's online backup API (consistent while others write)."""
    if not source.is_file():
        raise BackupFileError(f"文件不存在：{source}", f"no such file: {source}")
    try:
        with (
            closing(sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)) as src,
            closing(sqlite3.connect(target)) as dst,
        ):
            src.backup(dst)
    except sqlite3.DatabaseError as exc:
        raise BackupFileError(
            f"无法读取数据库文件 {source}：{exc}", f"cannot read {source}: {exc}"
        ) from exc
