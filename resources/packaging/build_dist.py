"""Build the application bundle with PyInstaller, then the Windows installer with makensis.

Run from any folder with the Python of a virtual environment that has `.[dist]` installed:

    python resources/packaging/build_dist.py                 bundle and (if makensis) installer
    python resources/packaging/build_dist.py --no-installer  only dist/cashier/
    python resources/packaging/build_dist.py --installer-only

Writes dist/cashier/ (onedir: cashier and cashierw programs, _internal/),
build/installer/payload.nsh (the file list installer.nsi includes) and
dist/cashier-VERSION-setup.exe. VERSION is pyproject.toml's. makensis runs with -WX, so any
warning fails the build. Exit status 0 on success, 1 when a step failed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from nsis_payload import write_include

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "resources" / "packaging" / "cashier.spec"
DIST = ROOT / "dist"
PAYLOAD = DIST / "cashier"
PAYLOAD_LIST = ROOT / "build" / "installer" / "payload.nsh"
WINDOWS_MAKENSIS = ("NSIS/makensis.exe", "NSIS/Bin/makensis.exe")


def project_version(pyproject: Path = ROOT / "pyproject.toml") -> str:
    """The [project] version of pyproject.toml (what the installer and About show)."""
    with pyproject.open("rb") as file:
        return tomllib.load(file)["project"]["version"]


def build_bundle(python: str = sys.executable) -> Path:
    """Run PyInstaller on cashier.spec; returns dist/cashier. Raises CalledProcessError."""
    subprocess.run(
        [
            python,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level=WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(ROOT / "build" / "pyinstaller"),
            str(SPEC),
        ],
        check=True,
        cwd=ROOT,
    )
    return PAYLOAD


def find_makensis(explicit: str | None = None) -> str | None:
    """makensis from --makensis, $MAKENSIS, PATH, or NSIS's usual Windows folders."""
    for candidate in (explicit, os.environ.get("MAKENSIS"), shutil.which("makensis")):
        if candidate:
            return candidate
    for variable in ("ProgramFiles(x86)", "ProgramFiles"):
        base = os.environ.get(variable)
        for relative in WINDOWS_MAKENSIS if base else ():
            path = Path(base) / relative
            if path.is_file():
                return str(path)
    return None


def makensis_command(
    makensis: str,
    *,
    version: str,
    payload: Path,
    payload_list: Path,
    outfile: Path,
    compressor: str = "lzma",
) -> list[str]:
    """The makensis command line for installer.nsi; paths absolute (makensis cds to it)."""
    return [
        makensis,
        "-WX",
        "-V2",
        f"-DVERSION={version}",
        f"-DPAYLOAD={payload.resolve()}",
        f"-DPAYLOAD_LIST={payload_list.resolve()}",
        f"-DOUTFILE={outfile.resolve()}",
        f"-DCOMPRESSOR={compressor}",
        str(ROOT / "installer.nsi"),
    ]


def build_installer(makensis: str, version: str, compressor: str = "lzma") -> Path:
    """List dist/cashier/ into payload.nsh and compile installer.nsi; returns the setup file."""
    payload = write_include(PAYLOAD, PAYLOAD_LIST)
    print(f"payload: {len(payload.files)} files, {payload.size_kb} KiB")
    outfile = DIST / f"cashier-{version}-setup.exe"
    command = makensis_command(
        makensis,
        version=version,
        payload=PAYLOAD,
        payload_list=PAYLOAD_LIST,
        outfile=outfile,
        compressor=compressor,
    )
    subprocess.run(command, check=True)
    return outfile


def _timed(label: str, action):
    start = time.monotonic()
    result = action()
    print(f"{label}: {time.monotonic() - start:.0f} s")
    return result


def main(argv: list[str] | None = None) -> int:
    """Command line; see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    steps = parser.add_mutually_exclusive_group()
    steps.add_argument("--no-installer", action="store_true", help="build only dist/cashier/")
    steps.add_argument(
        "--installer-only", action="store_true", help="compile the installer from dist/cashier/"
    )
    parser.add_argument("--makensis", help="path of makensis (default: $MAKENSIS, PATH)")
    parser.add_argument(
        "--compressor",
        default="lzma",
        choices=["lzma", "bzip2", "zlib", "off"],
        help="installer compression (default lzma: smallest, slowest)",
    )
    args = parser.parse_args(argv)
    version = project_version()
    try:
        if not args.installer_only:
            _timed("PyInstaller", build_bundle)
        if args.no_installer:
            return 0
        makensis = find_makensis(args.makensis)
        if makensis is None:
            print("makensis not found (install NSIS 3): installer not built", file=sys.stderr)
            return 1 if args.installer_only else 0
        setup = _timed("makensis", lambda: build_installer(makensis, version, args.compressor))
    except (subprocess.CalledProcessError, FileNotFoundError, ValueError) as exc:
        print(f"build failed: {exc}", file=sys.stderr)
        return 1
    print(f"installer: {setup}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
