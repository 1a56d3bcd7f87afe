"""The frozen bundle dist/cashier/ really starts, and makensis compiles installer.nsi against it.

Runs only with CASHIER_TEST_DIST=1 (CI sets it after `make dist`); then a missing bundle or a
missing makensis is a failure, not a skip. The bundle is dist/cashier/, or CASHIER_DIST_DIR.
Every run of the bundle gets its own temporary database, settings and log folders.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from support.packaging import load_packaging_module

REPO = Path(__file__).resolve().parents[2]
build_dist = load_packaging_module("build_dist")
EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("CASHIER_TEST_DIST") != "1",
        reason="set CASHIER_TEST_DIST=1 after `make dist` to test the bundle",
    ),
]


@pytest.fixture(scope="module")
def bundle() -> Path:
    folder = Path(os.environ.get("CASHIER_DIST_DIR") or REPO / "dist" / "cashier")
    if not (folder / f"cashier{EXE_SUFFIX}").is_file():
        pytest.fail(f"no bundle in {folder}: run `make dist` first", pytrace=False)
    return folder


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def run(bundle: Path, home: Path, *args: str, program: str = "cashier", **env: str):
    """Run a program of the bundle in an isolated environment; returns the CompletedProcess."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("CASHIER_", "PYTHON", "QT_", "XDG_"))
    }
    environment.update(
        {f"XDG_{kind}_HOME": str(home / kind.lower()) for kind in ("CONFIG", "DATA", "STATE")}
    )
    environment.update(CASHIER_CONFIG=str(home / "settings.toml"), QT_QPA_PLATFORM="offscreen")
    environment.update(env)
    return subprocess.run(
        [str(bundle / f"{program}{EXE_SUFFIX}"), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment,
        timeout=180,
    )


def log_text(home: Path) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in home.rglob("cashier.log*"))


@pytest.mark.parametrize("program", ["cashier", "cashierw"])
def test_both_programs_report_the_project_version(bundle, home, program):
    result = run(bundle, home, "--version", program=program)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"cashier {build_dist.project_version()}\n"


def test_upgrade_and_demo_on_sqlite(bundle, home, tmp_path):
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    upgrade = run(bundle, home, "--db", url, "db", "upgrade")
    assert upgrade.returncode == 0, upgrade.stderr
    demo = run(bundle, home, "--db", url, "demo", "--accounts", "50")
    assert demo.returncode == 0, demo.stderr
    assert "50 户" in demo.stdout
    with sqlite3.connect(tmp_path / "demo.db") as db:
        assert db.execute("SELECT count(*) FROM accounts").fetchone() == (50,)
    assert not list(bundle.rglob("__pycache__")), "the bundle wrote bytecode into itself"


def test_upgrade_and_demo_on_postgresql(bundle, home, pg_url_factory):
    url = pg_url_factory()
    for args in (["db", "upgrade"], ["demo", "--accounts", "50"]):
        result = run(bundle, home, "--db", url, *args)
        assert result.returncode == 0, result.stderr
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM accounts")).scalar() == 50
    finally:
        engine.dispose()


def test_a_refused_input_exits_1_with_the_chinese_message(bundle, home, tmp_path):
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    assert run(bundle, home, "--db", url, "demo", "--accounts", "5").returncode == 0
    again = run(bundle, home, "--db", url, "demo", "--accounts", "5")
    assert again.returncode == 1
    assert again.stderr.startswith("错误：")


def test_the_window_opens_offscreen_in_chinese(bundle, home, tmp_path):
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    assert run(bundle, home, "--db", url, "demo", "--accounts", "50").returncode == 0
    picture = tmp_path / "window.png"
    result = run(bundle, home, "--db", url, program="cashierw", CASHIER_SMOKE_TEST=str(picture))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("smoke test: window shown: 供热收费收银台"), result.stdout
    assert picture.stat().st_size > 10_000
    log = log_text(home)
    assert "not loaded" not in log and "Traceback" not in log, log


def test_data_files_pyinstaller_cannot_find_are_bundled(bundle):
    internal = bundle / "_internal"
    capabilities = json.loads((internal / "escpos" / "capabilities.json").read_text("utf-8"))
    assert "default" in capabilities["profiles"]
    assert (internal / "reportlab" / "fonts" / "Vera.ttf").is_file()
    assert (internal / "resources" / "i18n" / "cashier_zh_CN.qm").is_file()
    assert (internal / "migrations" / "env.py").is_file()
    assert list((internal / "migrations" / "versions").glob("*.py"))
    assert list(internal.rglob("qtbase_zh_CN.qm"))
    assert not (internal / "resources" / "packaging").exists()


def test_makensis_compiles_the_installer_against_the_bundle(bundle, tmp_path):
    makensis = build_dist.find_makensis()
    if makensis is None:
        pytest.fail("makensis is required (CASHIER_TEST_DIST=1): apt-get install nsis")
    listing = tmp_path / "payload.nsh"
    payload = build_dist.write_include(bundle, listing)
    assert f"cashierw{EXE_SUFFIX}" in payload.files
    outfile = tmp_path / "cashier-setup.exe"
    command = build_dist.makensis_command(
        makensis,
        version=build_dist.project_version(),
        payload=bundle,
        payload_list=listing,
        outfile=outfile,
        compressor="off",
    )
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert outfile.stat().st_size > payload.size_bytes // 2
