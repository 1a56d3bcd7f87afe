"""Settings of this client: a TOML file in the platform config directory, env overrides.

Order for the database URL: `--db URL`, then `CASHIER_DATABASE_URL`, then the settings file,
then an SQLite file in the application's data directory. A PostgreSQL password never comes
from this file: it comes from the OS keyring (cashier.store.secrets), or libpq reads it from
PGPASSWORD, ~/.pgpass or a service file.
"""

from __future__ import annotations

import json
import os
import sys
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path

import platformdirs
from sqlalchemy.engine import make_url

from cashier.domain.errors import UserError

APP_NAME = "cashier"


class SettingsError(UserError):
    """The settings file cannot be read or holds a wrong value."""


@dataclass(frozen=True)
class Settings:
    """What this client needs to start: database, counter, company details, printer."""

    database_url: str = ""
    counter_code: str = "A01"
    company_name: str = ""
    service_phone: str = ""
    printer_uri: str = ""
    printer_profile: str = "58"
    idle_lock_minutes: int = 10
    offline_database_url: str = ""
    signing_key: str = ""
    """Path of the Ed25519 private key that signs day-close anchors (kept off the database
    server; `cashier day close --key` overrides it)."""


def data_dir() -> Path:
    """Machine-wide on Windows (ProgramData, shared by every login), else per user."""
    if sys.platform == "win32":
        return Path(platformdirs.site_data_dir(APP_NAME, appauthor=False))
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    """Where the rotating log file lives."""
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def settings_path() -> Path:
    """The settings file: `CASHIER_CONFIG`, else settings.toml in the platform config dir."""
    override = os.environ.get("CASHIER_CONFIG")
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "settings.toml"


def default_database_url() -> str:
    """The embedded SQLite database in the data directory."""
    return f"sqlite:///{data_dir() / 'cashier.db'}"


def load_settings(db_override: str | None = None) -> Settings:
    """Read the settings file (if any) and apply `--db` and environment overrides."""
    settings = _read_file(settings_path())
    url = db_override or os.environ.get("CASHIER_DATABASE_URL") or settings.database_url
    counter = os.environ.get("CASHIER_COUNTER") or settings.counter_code
    return replace(settings, database_url=url or default_database_url(), counter_code=counter)


def _read_file(path: Path) -> Settings:
    if not path.exists():
        return Settings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SettingsError(
            f"设置文件格式错误：{path}：{exc}", f"bad settings file {path}: {exc}"
        ) from exc
    known = {f.name: f.type for f in fields(Settings)}
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise SettingsError(
            f"设置文件 {path} 含有未知项：{', '.join(unknown)}",
            f"unknown keys in {path}: {', '.join(unknown)}",
        )
    if _has_password(data):
        raise SettingsError(
            "设置文件不得保存数据库密码，请使用 cashier db password（系统钥匙串）、"
            "PGPASSWORD 或 ~/.pgpass。",
            "the settings file must not hold a database password: use `cashier db password` "
            "(the OS keyring), PGPASSWORD or ~/.pgpass",
        )
    return Settings(**data)


def _has_password(data: dict) -> bool:
    url = data.get("database_url")
    return bool(url) and make_url(url).password is not None


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write the settings file (strings and integers only)."""
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = []
    for f in fields(Settings):
        value = getattr(settings, f.name)
        lines.append(f"{f.name} = {json.dumps(value, ensure_ascii=False)}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
