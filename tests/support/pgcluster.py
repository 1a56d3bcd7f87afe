"""A throwaway PostgreSQL cluster for tests.

`PgCluster.start()` runs `initdb` into a fresh temporary directory and starts the server with
`pg_ctl` on 127.0.0.1 at a free port, tuned for speed (fsync off, no WAL archiving, small
buffers). PostgreSQL refuses to run as root, so when the tests run as root the server runs as
the `postgres` user through `runuser`. `stop()` kills the server and removes the directory.

When the environment variable `CASHIER_TEST_PG_URL` is set, no server is started: the cluster
object hands out databases on that existing server instead.

When PostgreSQL cannot be had, `start()` raises `PgUnavailable` with a readable reason.
"""

from __future__ import annotations

import atexit
import os
import pwd
import re
import shutil
import socket
import stat
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

ENV_URL = "CASHIER_TEST_PG_URL"
LOCALE = "C.UTF-8"
SERVER_USER = "postgres"
HOST = "127.0.0.1"
REQUIRED_BINARIES = ("initdb", "pg_ctl", "pg_isready")
START_ATTEMPTS = 5
READY_TIMEOUT_S = 60.0
_FROM_ENV = object()
_DB_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
_MAX_SOCKET_DIR = 80

SERVER_SETTINGS = {
    "listen_addresses": f"'{HOST}'",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "wal_level": "minimal",
    "max_wal_senders": "0",
    "max_wal_size": "'256MB'",
    "shared_buffers": "'32MB'",
    "work_mem": "'8MB'",
    "max_connections": "100",
    "autovacuum": "off",
    "jit": "off",
    "log_min_messages": "warning",
    "log_line_prefix": "'%m [%p] %d '",
}


class PgUnavailable(RuntimeError):
    """PostgreSQL cannot be used for tests; `reason` says why in one line."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def find_pg_bindir() -> Path | None:
    """Return the directory holding initdb/pg_ctl/pg_isready, or None if there is none.

    Looks at `pg_config --bindir`, then the newest /usr/lib/postgresql/*/bin, then `initdb`
    on PATH.
    """
    for candidate in _bindir_candidates():
        if all((candidate / name).is_file() for name in REQUIRED_BINARIES):
            return candidate
    return None


def _bindir_candidates() -> list[Path]:
    candidates: list[Path] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        result = subprocess.run(
            [pg_config, "--bindir"], capture_output=True, text=True, check=False
        )
        if result.returncode == 0 and result.stdout.strip():
            candidates.append(Path(result.stdout.strip()))
    versions = Path("/usr/lib/postgresql").glob("*/bin")
    candidates.extend(sorted(versions, key=_version_key, reverse=True))
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(Path(initdb).resolve().parent)
    return candidates


def _version_key(bindir: Path) -> tuple[int, ...]:
    parts = re.findall(r"\d+", bindir.parent.name)
    return tuple(int(part) for part in parts) or (0,)


def to_libpq_url(url: str) -> str:
    """Turn a SQLAlchemy URL (`postgresql+psycopg://...`) into a plain libpq URL."""
    scheme, rest = url.split("://", 1)
    return f"{scheme.split('+', 1)[0]}://{rest}"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _traversable_by(path: Path, uid: int) -> bool:
    """True when `uid` can reach `path` (every directory on the way has an x bit for it)."""
    for directory in [path, *path.parents]:
        info = directory.stat()
        if info.st_uid == uid and info.st_mode & stat.S_IXUSR:
            continue
        if not info.st_mode & stat.S_IXOTH:
            return False
    return True


def _quote_db(name: str) -> str:
    if not _DB_NAME.match(name):
        raise ValueError(f"not a safe test database name: {name!r}")
    return f'"{name}"'


class PgCluster:
    """One PostgreSQL server for a test run: a throwaway local cluster or an existing server.

    Use `start()`, then `url()` / `create_database()` / `drop_database()`, then `stop()`.
    `bindir` overrides where the binaries are looked for; `external_url` (default: the
    `CASHIER_TEST_PG_URL` environment variable, None to ignore it) selects an existing server.
    """

    def __init__(self, bindir: Path | None = None, external_url: object = _FROM_ENV) -> None:
        if external_url is _FROM_ENV:
            external_url = os.environ.get(ENV_URL) or None
        if external_url is not None and not isinstance(external_url, str):
            raise TypeError("external_url must be a URL string or None")
        self.external_url: str | None = external_url
        self.bindir = bindir
        self.port: int | None = None
        self.root: Path | None = None
        self._run_as: pwd.struct_passwd | None = None

    @property
    def is_external(self) -> bool:
        """True when databases live on the server named by `CASHIER_TEST_PG_URL`."""
        return self.external_url is not None

    @property
    def datadir(self) -> Path:
        """The cluster's data directory (only for a local cluster that was started)."""
        if self.root is None:
            raise RuntimeError("cluster not started")
        return self.root / "data"

    def __enter__(self) -> PgCluster:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def start(self) -> PgCluster:
        """Start the throwaway cluster (or check the external server) and wait until ready.

        Raises PgUnavailable when the binaries, the postgres user or the server are missing,
        or the server does not come up.
        """
        if self.is_external:
            self._check_external()
            return self
        if self.root is not None:
            return self
        self.bindir = self.bindir or find_pg_bindir()
        self._check_binaries()
        self._run_as = self._server_account()
        self.root = self._make_root()
        atexit.register(self.stop)
        try:
            self._initdb()
            self._start_server()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Kill the local server (`pg_ctl stop -m immediate`) and remove its directory."""
        if self.root is None:
            return
        root, self.root = self.root, None
        atexit.unregister(self.stop)
        if (root / "data" / "postmaster.pid").exists():
            self._pg(["pg_ctl", "stop", "-D", str(root / "data"), "-m", "immediate", "-w"])
        shutil.rmtree(root, ignore_errors=True)
        self.port = None

    def url(self, dbname: str = "postgres", user: str | None = None) -> str:
        """SQLAlchemy URL of database `dbname`, e.g. postgresql+psycopg://postgres@127.0.0.1:5433/x.

        `user` defaults to the superuser: `postgres` locally, the URL's user when external.
        """
        if self.external_url is not None:
            return _external_url(self.external_url, dbname, user)
        if self.port is None:
            raise RuntimeError("cluster not started")
        return f"postgresql+psycopg://{quote(user or SERVER_USER)}@{HOST}:{self.port}/{dbname}"

    def create_database(self, name: str) -> str:
        """Create an empty UTF8, C.UTF-8 database from template0 and return its URL.

        Raises ValueError for a name that is not lower-case letters, digits and underscores.
        """
        self._admin_execute(
            f"CREATE DATABASE {_quote_db(name)} TEMPLATE template0 ENCODING 'UTF8' "
            f"LC_COLLATE '{LOCALE}' LC_CTYPE '{LOCALE}'"
        )
        return self.url(name)

    def drop_database(self, name: str) -> None:
        """Drop database `name` if it exists, ending any sessions still connected to it."""
        self._admin_execute(f"DROP DATABASE IF EXISTS {_quote_db(name)} WITH (FORCE)")

    def _admin_execute(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(to_libpq_url(self.url()), autocommit=True) as conn:
            conn.execute(statement.encode("utf-8"))

    def _check_external(self) -> None:
        try:
            import psycopg

            with psycopg.connect(to_libpq_url(self.url()), connect_timeout=10) as conn:
                conn.execute("SELECT 1")
        except Exception as exc:
            raise PgUnavailable(f"cannot connect to {ENV_URL}: {exc}".strip()) from exc

    def _check_binaries(self) -> None:
        if self.bindir is None:
            raise PgUnavailable(
                "PostgreSQL server binaries not found (pg_config --bindir, "
                "/usr/lib/postgresql/*/bin, PATH); install postgresql or set " + ENV_URL
            )
        missing = [n for n in REQUIRED_BINARIES if not (self.bindir / n).is_file()]
        if missing:
            raise PgUnavailable(f"missing {', '.join(missing)} in {self.bindir}")

    def _server_account(self) -> pwd.struct_passwd | None:
        """The account to run the server as when we are root (PostgreSQL refuses root)."""
        if os.geteuid() != 0:
            return None
        try:
            account = pwd.getpwnam(SERVER_USER)
        except KeyError:
            raise PgUnavailable(f"running as root but there is no '{SERVER_USER}' user") from None
        if shutil.which("runuser") is None:
            raise PgUnavailable("running as root but runuser is not installed")
        return account

    def _make_root(self) -> Path:
        base = Path(tempfile.gettempdir())
        too_long = len(str(base)) > _MAX_SOCKET_DIR - 30
        if too_long or (self._run_as and not _traversable_by(base, self._run_as.pw_uid)):
            base = Path("/tmp")
        root = Path(tempfile.mkdtemp(prefix="cashier-pg-", dir=base))
        if self._run_as is not None:
            os.chown(root, self._run_as.pw_uid, self._run_as.pw_gid)
        return root

    def _pg(self, argv: list[str], check: bool = False) -> subprocess.CompletedProcess[str]:
        """Run a PostgreSQL binary from bindir, as the server account when we are root."""
        command = [str(Path(self.bindir or "") / argv[0]), *argv[1:]]
        if self._run_as is not None:
            command = ["runuser", "-u", self._run_as.pw_name, "--", *command]
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        env["LC_ALL"] = LOCALE
        result = subprocess.run(
            command,
            cwd=self.root,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            check=False,
        )
        if check and result.returncode != 0:
            output = (result.stdout + result.stderr).strip()[-2000:]
            raise PgUnavailable(f"{argv[0]} failed ({result.returncode}): {output}")
        return result

    def _initdb(self) -> None:
        self._pg(
            [
                "initdb",
                "-D",
                str(self.datadir),
                "--auth=trust",
                "--encoding=UTF8",
                f"--locale={LOCALE}",
                "-U",
                SERVER_USER,
                "--no-sync",
            ],
            check=True,
        )
        with (self.datadir / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.write("\ninclude_if_exists = 'cashier_test.conf'\n")

    def _write_settings(self, port: int) -> None:
        settings = {**SERVER_SETTINGS, "port": str(port)}
        settings["unix_socket_directories"] = f"'{self.root}'"
        path = self.datadir / "cashier_test.conf"
        path.write_text("".join(f"{k} = {v}\n" for k, v in settings.items()), encoding="utf-8")
        if self._run_as is not None:
            os.chown(path, self._run_as.pw_uid, self._run_as.pw_gid)

    def _start_server(self) -> None:
        """Start on a free port, retrying when another process grabbed the port first."""
        log = self.datadir.parent / "server.log"
        for _attempt in range(START_ATTEMPTS):
            log.unlink(missing_ok=True)
            port = _free_port()
            self._write_settings(port)
            argv = ["pg_ctl", "start", "-D", str(self.datadir), "-l", str(log), "-w"]
            result = self._pg([*argv, "-t", str(int(READY_TIMEOUT_S))])
            if result.returncode == 0:
                self.port = port
                self._wait_ready()
                return
            log_text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
            if "could not bind" not in log_text and "in use" not in log_text:
                tail = (result.stderr + log_text).strip()[-2000:]
                raise PgUnavailable(f"pg_ctl start failed ({result.returncode}): {tail}")
            self._pg(["pg_ctl", "stop", "-D", str(self.datadir), "-m", "immediate"])
        raise PgUnavailable(f"no free port after {START_ATTEMPTS} attempts")

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + READY_TIMEOUT_S
        argv = ["pg_isready", "-h", HOST, "-p", str(self.port), "-U", SERVER_USER, "-t", "2"]
        while True:
            result = self._pg([*argv, "-d", "postgres"])
            if result.returncode == 0:
                return
            if time.monotonic() > deadline:
                raise PgUnavailable(f"server not ready: {result.stdout.strip()}")
            time.sleep(0.1)


def _external_url(base: str, dbname: str, user: str | None) -> str:
    """The external server's URL with the database (and optionally the user) replaced."""
    parts = urlsplit(base)
    netloc = parts.netloc
    if user is not None and user != parts.username:
        netloc = f"{quote(user)}@{netloc.rsplit('@', 1)[-1]}"
    return urlunsplit(("postgresql+psycopg", netloc, f"/{dbname}", parts.query, ""))
