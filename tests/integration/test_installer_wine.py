"""The installer really installs, upgrades, refuses and uninstalls: run under wine64.

Opt-in (CASHIER_TEST_WINE=1; needs Debian's wine64 and nsis): installer.nsi is compiled as a
64-bit installer (-DTARGET=amd64-unicode, which wine64 runs without 32-bit libraries) for a
small payload, then run silently in a fresh wine prefix. Checks what Windows would show:
files, shortcuts, the Add/Remove Programs key, the data folder, and what the uninstaller
leaves (only files it did not install, and the data).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from support.packaging import load_packaging_module

from cashier.ui.running_mutex import RUNNING_MUTEX_NAME

build_dist = load_packaging_module("build_dist")
WINE = shutil.which("wine64") or "/usr/lib/wine/wine64"
WINESERVER = shutil.which("wineserver") or "/usr/lib/wine/wineserver"
KEY = r"HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\cashier"
APP_NAME = "供热收费收银台"
PAYLOAD_FILES = (
    "cashier.exe",
    "cashierw.exe",
    "_internal/base_library.zip",
    "_internal/resources/i18n/cashier_zh_CN.qm",
    "_internal/resources/tariffs/示例.toml",
    "_internal/PySide6/Qt/plugins/platforms/qwindows.dll",
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("CASHIER_TEST_WINE") != "1",
        reason="set CASHIER_TEST_WINE=1 (with wine64 and nsis installed) to run the installer",
    ),
]

HOLDER = r"""
Unicode true
Target amd64-unicode
OutFile "{out}"
SilentInstall silent
RequestExecutionLevel user
!include LogicLib.nsh
Section
  System::Call 'kernel32::CreateMutexW(p 0, i 0, w "{mutex}") p .r0'
  FileOpen $1 "$EXEDIR\ready" w
  FileClose $1
  StrCpy $2 0
  ${{Do}}
    Sleep 100
    IntOp $2 $2 + 1
    ${{If}} ${{FileExists}} "$EXEDIR\stop"
    ${{OrIf}} $2 > 600
      ${{ExitDo}}
    ${{EndIf}}
  ${{Loop}}
SectionEnd
"""


class Wine:
    """A fresh wine prefix and the commands the tests run in it."""

    def __init__(self, prefix: Path) -> None:
        self.prefix = prefix
        self.env = {**os.environ, "WINEPREFIX": str(prefix), "WINEDEBUG": "-all"}
        self.env.pop("DISPLAY", None)

    def run(self, *args: str, wait: bool = True) -> int:
        """Run a Windows program; returns its exit code.

        With `wait`, also wait for every process it started (an uninstaller runs from a copy
        of itself in the temp folder); never while the mutex holder is running.
        """
        result = subprocess.run([WINE, *args], env=self.env, capture_output=True, timeout=300)
        if wait:
            self.wait()
        return result.returncode

    def wait(self) -> None:
        subprocess.run([WINESERVER, "-w"], env=self.env, timeout=300, check=False)

    def path(self, windows_path: str) -> Path:
        relative = windows_path.removeprefix("C:\\").replace("\\", "/")
        return self.prefix / "drive_c" / relative

    def key(self) -> dict[str, str] | None:
        """The Add/Remove Programs values, or None when the key does not exist."""
        export = self.prefix / "key.reg"
        if self.run("reg", "export", KEY, f"Z:{export}", "/y", wait=False) != 0:
            return None
        values = {}
        for line in export.read_text(encoding="utf-16").splitlines():
            match = re.fullmatch(r'"(\w+)"=(?:"(.*)"|(.*))', line)
            if match:
                name, text, other = match.groups()
                values[name] = re.sub(r"\\(.)", r"\1", text) if text is not None else other
        export.unlink()
        return values


def tree(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*")} if root.exists() else set()


def files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def wine(tmp_path: Path) -> Wine:
    if not (Path(WINE).exists() and build_dist.find_makensis()):
        pytest.fail("CASHIER_TEST_WINE=1 needs wine64 and makensis (Debian: wine64, nsis)")
    wine = Wine(tmp_path / "prefix")
    wine.run("wineboot", "--init")
    return wine


def make_installer(tmp_path: Path, version: str, files: tuple[str, ...]) -> Path:
    payload = tmp_path / f"payload-{version}" / "cashier"
    for relative in files:
        (payload / relative).parent.mkdir(parents=True, exist_ok=True)
        (payload / relative).write_text(f"{relative} {version}", encoding="utf-8")
    listing = payload.parent / "payload.nsh"
    build_dist.write_include(payload, listing)
    outfile = tmp_path / f"cashier-{version}-setup.exe"
    command = build_dist.makensis_command(
        build_dist.find_makensis(),
        version=version,
        payload=payload,
        payload_list=listing,
        outfile=outfile,
        compressor="off",
    )
    command.insert(-1, "-DTARGET=amd64-unicode")
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    return outfile


class Holder:
    """A stand-in for the running application: holds the mutex until stopped."""

    def __init__(self, wine: Wine, tmp_path: Path) -> None:
        self.folder = tmp_path / "holder"
        self.folder.mkdir(parents=True)
        script = self.folder / "holder.nsi"
        out = self.folder / "holder.exe"
        script.write_text(HOLDER.format(out=out, mutex=RUNNING_MUTEX_NAME), encoding="utf-8-sig")
        subprocess.run([build_dist.find_makensis(), "-V1", str(script)], check=True)
        self.process = subprocess.Popen([WINE, str(out)], env=wine.env)
        deadline = time.monotonic() + 60
        while not (self.folder / "ready").exists():
            assert time.monotonic() < deadline, "the mutex holder did not start"
            time.sleep(0.1)

    def stop(self) -> None:
        (self.folder / "stop").touch()
        self.process.wait(timeout=60)


def test_install_then_uninstall_removes_only_what_it_installed(wine, tmp_path):
    setup = make_installer(tmp_path, "0.1.0", PAYLOAD_FILES)
    assert wine.run(str(setup), "/S") == 0
    program = wine.path(r"C:\Program Files\cashier")
    assert files(program) == {*PAYLOAD_FILES, "uninstall.exe"}
    shortcuts = [
        wine.path(rf"C:\users\Public\Desktop\{APP_NAME}.lnk"),
        wine.path(rf"C:\ProgramData\Microsoft\Windows\Start Menu\Programs\{APP_NAME}.lnk"),
    ]
    assert all(s.is_file() for s in shortcuts)
    data = wine.path(r"C:\ProgramData\cashier")
    assert data.is_dir()
    key = wine.key()
    assert key["DisplayName"] == APP_NAME and key["DisplayVersion"] == "0.1.0"
    assert key["InstallLocation"] == r"C:\Program Files\cashier"
    assert key["QuietUninstallString"] == r'"C:\Program Files\cashier\uninstall.exe" /S'
    assert key["NoModify"] == key["NoRepair"] == "dword:00000001"

    (program / "notes.txt").write_text("mine", encoding="utf-8")
    (program / "_internal" / "resources" / "mine.toml").write_text("x", encoding="utf-8")
    (data / "cashier.db").write_bytes(b"SQLite format 3\x00")
    assert wine.run(r"C:\Program Files\cashier\uninstall.exe", "/S") == 0
    wine.wait()
    assert tree(program) == {
        "notes.txt",
        "_internal",
        "_internal/resources",
        "_internal/resources/mine.toml",
    }
    assert (data / "cashier.db").is_file()
    assert not any(s.exists() for s in shortcuts)
    assert wine.key() is None


def test_an_upgrade_removes_files_the_new_version_dropped(wine, tmp_path):
    old = make_installer(tmp_path, "0.1.0", (*PAYLOAD_FILES, "_internal/old/dropped.dll"))
    new = make_installer(tmp_path, "0.2.0", (*PAYLOAD_FILES, "_internal/new.dll"))
    assert wine.run(str(old), "/S") == 0
    assert wine.run(str(new), "/S") == 0
    program = wine.path(r"C:\Program Files\cashier")
    assert "_internal/new.dll" in tree(program)
    assert not {"_internal/old", "_internal/old/dropped.dll"} & tree(program)
    assert (program / "cashier.exe").read_text(encoding="utf-8") == "cashier.exe 0.2.0"
    assert wine.key()["DisplayVersion"] == "0.2.0"


def test_it_refuses_to_install_or_uninstall_while_the_application_runs(wine, tmp_path):
    setup = make_installer(tmp_path, "0.1.0", PAYLOAD_FILES)
    program = wine.path(r"C:\Program Files\cashier")
    holder = Holder(wine, tmp_path)
    try:
        assert wine.run(str(setup), "/S", wait=False) == 2
        assert not program.exists()
    finally:
        holder.stop()
    assert wine.run(str(setup), "/S") == 0
    holder = Holder(wine, tmp_path / "again")
    try:
        # _?= runs the uninstaller in place, so its exit is the end of its work.
        uninstaller = r"C:\Program Files\cashier\uninstall.exe"
        wine.run(uninstaller, "/S", r"_?=C:\Program Files\cashier", wait=False)
        assert (program / "cashier.exe").is_file()
        assert wine.key() is not None
    finally:
        holder.stop()
