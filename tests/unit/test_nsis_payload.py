"""The NSIS file list: every installed file is deleted again, folders bottom-up, names escaped."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support.packaging import load_packaging_module

nsis_payload = load_packaging_module("nsis_payload")


def _tree(root: Path, files: dict[str, bytes]) -> Path:
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return root


@pytest.fixture
def payload(tmp_path: Path) -> Path:
    return _tree(
        tmp_path / "cashier",
        {
            "cashier.exe": b"x" * 1500,
            "_internal/base_library.zip": b"z" * 10,
            "_internal/PySide6/Qt/plugins/platforms/qwindows.dll": b"q",
            "_internal/PySide6/Qt/translations/qtbase_zh_CN.qm": b"t",
            "_internal/resources/i18n/供热_zh_CN.qm": b"c",
            "_internal/odd$name.txt": b"d",
        },
    )


def _quoted(lines: list[str], command: str) -> list[str]:
    return [re.fullmatch(rf'\s*{command} "(.*)"', line).group(1) for line in lines
            if line.strip().startswith(command + " ")]


def _macro(text: str, name: str) -> list[str]:
    body = text.split(f"!macro {name}\n", 1)[1].split("!macroend", 1)[0]
    return body.splitlines()


def test_every_installed_file_is_deleted_by_the_uninstaller(payload):
    text = nsis_payload.render_include(nsis_payload.scan_payload(payload), "cashier")
    installed = _quoted(_macro(text, "PAYLOAD_INSTALL"), "File")
    deleted = _quoted(_macro(text, "PAYLOAD_UNINSTALL"), "Delete")
    on_disk = sorted(p.relative_to(payload).as_posix() for p in payload.rglob("*") if p.is_file())
    as_nsis = [f.replace("$", "$$").replace("/", "\\") for f in on_disk]
    assert sorted(installed) == sorted("${PAYLOAD}\\" + f for f in as_nsis)
    assert sorted(deleted) == sorted("$INSTDIR\\" + f for f in as_nsis)


def test_each_file_is_copied_into_its_own_folder(payload):
    text = nsis_payload.render_include(nsis_payload.scan_payload(payload), "cashier")
    out_path = None
    for line in _macro(text, "PAYLOAD_INSTALL"):
        [command, argument] = line.strip().split(" ", 1)
        argument = argument.strip('"')
        if command == "SetOutPath":
            out_path = argument.removeprefix("$INSTDIR")
        else:
            assert argument.removeprefix("${PAYLOAD}").rsplit("\\", 1)[0] == out_path


def test_folders_are_removed_bottom_up_without_recursion(payload):
    text = nsis_payload.render_include(nsis_payload.scan_payload(payload), "cashier")
    uninstall = _macro(text, "PAYLOAD_UNINSTALL")
    removed = _quoted(uninstall, "RMDir")
    assert not any("/r" in line for line in uninstall if "RMDir" in line)
    folders = {p.relative_to(payload).as_posix().replace("/", "\\")
               for p in payload.rglob("*") if p.is_dir()}
    assert sorted(removed) == sorted("$INSTDIR\\" + f for f in folders)
    for position, folder in enumerate(removed):
        later = removed[position + 1 :]
        assert not any(other.startswith(folder + "\\") for other in later), folder
    assert removed.index("$INSTDIR\\_internal\\PySide6\\Qt\\plugins\\platforms") < removed.index(
        "$INSTDIR\\_internal\\PySide6\\Qt"
    )


def test_a_dollar_in_a_name_is_escaped_for_nsis(payload):
    text = nsis_payload.render_include(nsis_payload.scan_payload(payload), "cashier")
    assert 'Delete "$INSTDIR\\_internal\\odd$$name.txt"' in text
    assert "odd$name" not in text


@pytest.mark.parametrize("name", ["star*.dll", "what?.txt", "new\nline.txt"])
def test_names_nsis_cannot_install_are_refused(tmp_path, name):
    _tree(tmp_path / "p", {f"_internal/{name}": b"x"})
    with pytest.raises(ValueError, match="NSIS cannot install"):
        nsis_payload.scan_payload(tmp_path / "p")


def test_size_is_rounded_up_to_whole_kib(tmp_path):
    _tree(tmp_path / "p", {"a": b"x" * 1024, "b/c": b"y"})
    payload = nsis_payload.scan_payload(tmp_path / "p")
    assert (payload.size_bytes, payload.size_kb) == (1025, 2)
    text = nsis_payload.render_include(payload, "p")
    assert "!define PAYLOAD_SIZE_KB 2\n" in text and "!define PAYLOAD_FILE_COUNT 2\n" in text


def test_a_missing_payload_folder_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        nsis_payload.scan_payload(tmp_path / "nothing")


def test_include_is_written_with_a_byte_order_mark(payload, tmp_path):
    target = tmp_path / "out" / "payload.nsh"
    listed = nsis_payload.write_include(payload, target)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert "供热_zh_CN.qm" in raw.decode("utf-8-sig")
    assert len(listed.files) == 6
