"""installer.nsi: compiles with makensis -WX on a small payload; what its uninstaller touches.

The full bundle is compiled in test_dist.py (CASHIER_TEST_DIST=1); this one needs only
makensis (Debian package nsis) and runs in a second, so a broken script fails `make test`.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
from support.packaging import load_packaging_module

from cashier.ui.running_mutex import RUNNING_MUTEX_NAME

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "installer.nsi"
build_dist = load_packaging_module("build_dist")


def script_text() -> str:
    return SCRIPT.read_text(encoding="utf-8-sig")


def section(name: str) -> str:
    return script_text().split(f'Section "{name}"', 1)[1].split("SectionEnd", 1)[0]


def makensis_or_skip() -> str:
    makensis = build_dist.find_makensis()
    if makensis is None:
        if os.environ.get("CASHIER_TEST_DIST") == "1":
            pytest.fail("makensis is required (CASHIER_TEST_DIST=1): apt-get install nsis")
        pytest.skip("makensis not installed (Debian package nsis)")
    return makensis


@pytest.fixture
def small_payload(tmp_path: Path) -> tuple[Path, Path]:
    payload = tmp_path / "payload" / "cashier"
    for relative in ("cashier.exe", "cashierw.exe", "_internal/base_library.zip",
                     "_internal/resources/i18n/cashier_zh_CN.qm", "_internal/PySide6/Qt/a.dll"):
        (payload / relative).parent.mkdir(parents=True, exist_ok=True)
        (payload / relative).write_bytes(relative.encode())
    listing = tmp_path / "payload.nsh"
    build_dist.write_include(payload, listing)
    return payload, listing


def compile_script(makensis: str, tmp_path: Path, payload: Path, listing: Path, **defines):
    command = build_dist.makensis_command(
        makensis,
        version=defines.pop("version", build_dist.project_version()),
        payload=payload,
        payload_list=listing,
        outfile=tmp_path / "cashier-test-setup.exe",
        compressor="off",
    )
    if "target" in defines:
        command.insert(-1, f"-DTARGET={defines.pop('target')}")
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("target", ["x86-unicode", "amd64-unicode"])
def test_the_script_compiles_with_warnings_as_errors(tmp_path, small_payload, target):
    result = compile_script(makensis_or_skip(), tmp_path, *small_payload, target=target)
    assert result.returncode == 0, result.stdout + result.stderr
    exe = (tmp_path / "cashier-test-setup.exe").read_bytes()
    assert exe.startswith(b"MZ")
    version = build_dist.project_version()
    assert version.encode("utf-16-le") in exe  # the version resource carries pyproject's


def test_a_version_that_is_not_x_y_z_is_refused(tmp_path, small_payload):
    result = compile_script(makensis_or_skip(), tmp_path, *small_payload, version="1.2")
    assert result.returncode != 0
    assert not (tmp_path / "cashier-test-setup.exe").exists()


def test_a_missing_payload_file_fails_the_build(tmp_path, small_payload):
    payload, listing = small_payload
    (payload / "_internal" / "base_library.zip").unlink()
    result = compile_script(makensis_or_skip(), tmp_path, payload, listing)
    assert result.returncode != 0
    assert "base_library.zip" in result.stdout + result.stderr


def test_build_script_reads_the_version_from_pyproject():
    with (REPO / "pyproject.toml").open("rb") as file:
        expected = tomllib.load(file)["project"]["version"]
    assert build_dist.project_version() == expected
    assert re.fullmatch(r"\d+\.\d+\.\d+", expected)


def test_the_installer_checks_the_mutex_the_application_holds():
    [name] = re.findall(r'!define RUNNING_MUTEX "([^"]+)"', script_text())
    assert name == RUNNING_MUTEX_NAME
    assert "OpenMutexW" in script_text()


def test_the_uninstaller_never_removes_folders_recursively_nor_the_data():
    uninstall = section("Uninstall")
    assert "!insertmacro PAYLOAD_UNINSTALL" in uninstall
    commands = [line.split()[0] for line in uninstall.splitlines() if line.strip()]
    assert set(commands) <= {";", "Delete", "!insertmacro", "RMDir", "DeleteRegKey",
                             "DetailPrint"}
    assert not re.search(r"RMDir\s+/r", script_text(), re.IGNORECASE)
    for line in uninstall.splitlines():
        if line.strip().startswith(("Delete", "RMDir")):
            assert "$APPDATA" not in line and "*" not in line, line


def test_script_is_unicode_with_both_languages():
    raw = SCRIPT.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "makensis needs the BOM to read the Chinese text"
    text = script_text()
    assert "Unicode true" in text
    assert '!insertmacro MUI_LANGUAGE "SimpChinese"' in text
    assert '!insertmacro MUI_LANGUAGE "English"' in text
    strings = re.findall(r"^LangString (\w+) \$\{LANG_(\w+)\}", text, re.MULTILINE)
    by_language: dict[str, set[str]] = {}
    for name, language in strings:
        by_language.setdefault(language, set()).add(name)
    assert by_language["SIMPCHINESE"] == by_language["ENGLISH"] != set()


def test_makensis_is_found_through_the_environment(monkeypatch, tmp_path):
    fake = tmp_path / "makensis"
    monkeypatch.setenv("MAKENSIS", str(fake))
    assert build_dist.find_makensis() == str(fake)
    assert build_dist.find_makensis("explicit") == "explicit"
    monkeypatch.delenv("MAKENSIS")
    monkeypatch.setenv("PATH", str(tmp_path))
    assert build_dist.find_makensis() == shutil.which("makensis")
