"""The import-linter contracts catch a wrong import (the contracts themselves are in pyproject)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(tree: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(tree))
    return subprocess.run(
        [str(LINT_IMPORTS), str(tree / "pyproject.toml"), "--no-cache"],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
    )


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    if not LINT_IMPORTS.exists():
        pytest.fail(f"lint-imports not installed beside {sys.executable}")
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(ROOT / "cashier", tmp_path / "cashier", ignore=ignore)
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def _inject(tree: Path, module: str, line: str) -> None:
    path = tree / (module.replace(".", "/") + ".py")
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


def test_clean_tree_keeps_every_contract(tree):
    result = _lint(tree)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("module", "line"),
    [
        ("cashier.domain.money", "import cashier.ui"),
        ("cashier.domain.money", "import sqlalchemy"),
        ("cashier.domain.actor", "from PySide6 import QtCore"),
        ("cashier.services.company", "import cashier.store.uow"),
        ("cashier.services.company", "import cashier.printing"),
        ("cashier.store.engine", "import PySide6"),
    ],
)
def test_a_wrong_import_breaks_a_contract(tree, module, line):
    _inject(tree, module, line)
    result = _lint(tree)
    assert result.returncode != 0, f"{line} in {module} was not caught"
    assert "BROKEN" in result.stdout
