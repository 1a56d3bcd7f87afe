"""Write the NSIS include that lists every file of the PyInstaller bundle.

installer.nsi installs with the PAYLOAD_INSTALL macro and uninstalls with PAYLOAD_UNINSTALL,
both generated here from the same walk of the payload folder, so the uninstaller deletes
exactly the files the installer copied and then removes the folders bottom-up with a plain
RMDir, which leaves a folder alone if anything else was put in it. Never `RMDir /r`: the user
may have chosen a folder that holds other files.

    python resources/packaging/nsis_payload.py dist/cashier build/installer/payload.nsh
"""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

FORBIDDEN_CHARACTERS = set('*?"<>|\n\r\t')
"""Wildcards for File/Delete, characters NSIS strings or Windows file names cannot hold."""


@dataclass(frozen=True)
class Payload:
    """What the bundle holds, as paths relative to its root with "/" separators."""

    files: tuple[str, ...]
    folders: tuple[str, ...]
    size_bytes: int

    @property
    def size_kb(self) -> int:
        """Size in KiB, rounded up, as Add/Remove Programs' EstimatedSize wants it."""
        return -(-self.size_bytes // 1024)


def scan_payload(root: Path) -> Payload:
    """Walk `root` (following symbolic links, as makensis does) and list files and folders.

    Raises ValueError for a name NSIS cannot express (a wildcard, a quote, a control
    character) and FileNotFoundError if `root` is not a folder.
    """
    if not root.is_dir():
        raise FileNotFoundError(f"payload folder not found: {root}")
    files: list[str] = []
    folders: list[str] = []
    size = 0
    for current, dirnames, filenames in os.walk(root, followlinks=True):
        dirnames.sort()
        relative = Path(current).relative_to(root).as_posix()
        if relative != ".":
            folders.append(_checked(relative))
        for name in sorted(filenames):
            path = Path(current) / name
            files.append(_checked(path.relative_to(root).as_posix()))
            size += path.stat().st_size
    return Payload(files=tuple(files), folders=tuple(folders), size_bytes=size)


def _checked(relative: str) -> str:
    bad = FORBIDDEN_CHARACTERS & set(relative)
    if bad:
        raise ValueError(f"file name NSIS cannot install: {relative!r} (has {sorted(bad)!r})")
    return relative


def nsis_path(base: str, relative: str) -> str:
    """`base\\relative` with Windows separators and NSIS's `$` escaped ($$)."""
    if relative in ("", "."):
        return base
    return base + "\\" + relative.replace("$", "$$").replace("/", "\\")


def render_include(payload: Payload, source: str) -> str:
    """The text of the include file: two defines and the two macros."""
    lines = [
        f"; Generated from {source} by resources/packaging/nsis_payload.py: do not edit.",
        f"!define PAYLOAD_SIZE_KB {payload.size_kb}",
        f"!define PAYLOAD_FILE_COUNT {len(payload.files)}",
        "",
        "!macro PAYLOAD_INSTALL",
    ]
    lines += _install_lines(payload)
    lines += ["!macroend", "", "!macro PAYLOAD_UNINSTALL"]
    lines += [f'  Delete "{nsis_path("$INSTDIR", f)}"' for f in payload.files]
    lines += [f'  RMDir "{nsis_path("$INSTDIR", d)}"' for d in bottom_up(payload.folders)]
    lines += ["!macroend", ""]
    return "\n".join(lines)


def _install_lines(payload: Payload) -> list[str]:
    by_folder: dict[str, list[str]] = {"": []}
    for folder in payload.folders:
        by_folder[folder] = []
    for file in payload.files:
        parent = str(PurePosixPath(file).parent)
        by_folder["" if parent == "." else parent].append(file)
    lines = []
    for folder, files in by_folder.items():
        lines.append(f'  SetOutPath "{nsis_path("$INSTDIR", folder)}"')
        lines += [f'  File "{nsis_path("${PAYLOAD}", f)}"' for f in files]
    lines.append('  SetOutPath "$INSTDIR"')
    return lines


def bottom_up(folders: tuple[str, ...]) -> list[str]:
    """Folders ordered so that every folder comes before the folder that contains it."""
    return sorted(folders, key=lambda f: (-f.count("/"), f))


def write_include(payload_dir: Path, target: Path) -> Payload:
    """Scan `payload_dir` and write the include file to `target`; returns what was listed."""
    payload = scan_payload(payload_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_include(payload, payload_dir.name), encoding="utf-8-sig")
    return payload


def main(argv: list[str] | None = None) -> int:
    """Command line: PAYLOAD_DIR TARGET.nsh."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("payload", type=Path, help="the PyInstaller folder (dist/cashier)")
    parser.add_argument("target", type=Path, help="the .nsh file to write")
    args = parser.parse_args(argv)
    payload = write_include(args.payload, args.target)
    print(f"{args.target}: {len(payload.files)} files, {payload.size_kb} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
