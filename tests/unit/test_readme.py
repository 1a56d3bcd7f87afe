"""The README tells a newcomer about every command the program has."""

from __future__ import annotations

from pathlib import Path

from cashier.cli import build_parser

README = Path(__file__).resolve().parents[2] / "README.md"


def _commands() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return [choice.dest for choice in sub._choices_actions]


def test_every_command_is_in_the_readme_table():
    text = README.read_text(encoding="utf-8")
    missing = [name for name in _commands() if f"| `cashier {name}` |" not in text]
    assert not missing, f"add these commands to the README's command table: {missing}"


def test_readme_gives_the_two_commands():
    text = README.read_text(encoding="utf-8")
    assert "make run" in text and "make test" in text
