"""The Simplified Chinese translation is complete and the committed .qm is up to date.

Regenerate after changing UI strings:
    pyside6-lupdate -locations none cashier/ui/<area files> -ts resources/i18n/zh_CN/<area>.ts
    (translate the new entries), then
    pyside6-lrelease resources/i18n/zh_CN/*.ts -qm resources/i18n/cashier_zh_CN.qm
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

from cashier.ui.resources import resources_dir, translation_file

REPO = Path(__file__).resolve().parents[2]
UI_SOURCES = sorted((REPO / "cashier" / "ui").rglob("*.py"))
TS_FILES = sorted((resources_dir() / "i18n" / "zh_CN").glob("*.ts"))
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}|%L?\d+")
SKIPPED_TYPES = {"obsolete", "vanished"}

Key = tuple[str, str]


def _tool(name: str) -> str:
    beside_python = Path(sys.executable).parent / name
    if beside_python.exists():
        return str(beside_python)
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} not found next to {sys.executable} or on PATH")
    return found


def _messages(ts_file: Path) -> dict[Key, ET.Element]:
    """(context, source) -> the <translation> element, for messages still in use."""
    found: dict[Key, ET.Element] = {}
    for context in ET.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None, f"{ts_file.name}: {name!r} message without translation"
            if translation.get("type") in SKIPPED_TYPES:
                continue
            found[(name, message.findtext("source") or "")] = translation
    return found


def _finished_text(translation: ET.Element) -> str | None:
    if translation.get("type") == "unfinished":
        return None
    forms = [form.text or "" for form in translation.iter("numerusform")]
    texts = forms or [translation.text or ""]
    return texts[0] if all(text.strip() for text in texts) else None


@pytest.fixture(scope="module")
def committed() -> dict[Key, str | None]:
    """Every (context, source) in the committed zh_CN/*.ts files and its finished translation."""
    assert TS_FILES, "no resources/i18n/zh_CN/*.ts files"
    merged: dict[Key, str | None] = {}
    for ts_file in TS_FILES:
        for key, translation in _messages(ts_file).items():
            text = _finished_text(translation)
            if merged.get(key) is None:
                merged[key] = text
            elif text is not None and text != merged[key]:
                pytest.fail(f"{key} is translated differently in {ts_file.name}")
    return merged


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> set[Key]:
    """Every (context, source) that lupdate finds in cashier/ui today."""
    out = tmp_path_factory.mktemp("lupdate") / "extracted.ts"
    subprocess.run(
        [_tool("pyside6-lupdate"), "-silent", "-locations", "none", *map(str, UI_SOURCES),
         "-ts", str(out)],
        check=True,
        capture_output=True,
    )
    return set(_messages(out))


def test_lupdate_finds_the_shell_strings(extracted):
    assert ("MainWindow", "Collect") in extracted
    assert ("SettingsPage", "Service phone:") in extracted


def test_every_ui_string_has_a_finished_chinese_translation(extracted, committed):
    missing = sorted(key for key in extracted if committed.get(key) is None)
    assert not missing, "untranslated (context, source):\n" + "\n".join(map(repr, missing))


def test_translations_keep_the_placeholders(committed):
    broken = [
        (key, text)
        for key, text in committed.items()
        if text is not None
        and sorted(PLACEHOLDER.findall(key[1])) != sorted(PLACEHOLDER.findall(text))
    ]
    assert not broken, "placeholders differ:\n" + "\n".join(map(repr, broken))


def test_committed_qm_matches_a_fresh_lrelease(tmp_path, committed):
    fresh = tmp_path / "fresh.qm"
    subprocess.run(
        [_tool("pyside6-lrelease"), "-silent", *map(str, TS_FILES), "-qm", str(fresh)],
        check=True,
        capture_output=True,
    )
    qm = translation_file()
    assert qm.exists(), f"{qm} is missing: run pyside6-lrelease"
    if qm.read_bytes() == fresh.read_bytes():
        return
    old, new = QTranslator(), QTranslator()
    assert old.load(str(qm)) and new.load(str(fresh))
    stale = [
        key
        for key in committed
        if old.translate(key[0], key[1]) != new.translate(key[0], key[1])
    ]
    assert not stale, f"{qm.name} is out of date for:\n" + "\n".join(map(repr, stale))
