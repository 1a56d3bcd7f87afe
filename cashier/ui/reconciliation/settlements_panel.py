"""The settlement tab of the Reconciliation page (结算对账): import a provider's statement of
the day with a column mapping, see what matched and what did not, resolve each item with a
note. Everything runs through the background runner."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cashier.domain.money import format_yuan
from cashier.domain.settlement_files import PROVIDERS, ColumnMapping
from cashier.services.context import AppContext
from cashier.services.settlements import (
    DayMatch,
    ImportSummary,
    all_presets,
    import_statement,
    match_day,
    resolve_item,
    save_preset,
)
from cashier.ui.reconciliation.models import SettlementItemsModel
from cashier.ui.reconciliation.preset_dialog import PresetDialog
from cashier.ui.runner import JobFailure, Runner

AskNote = Callable[[QWidget, str, str], str | None]


def ask_note(parent: QWidget, title: str, label: str) -> str | None:
    """A one-line note typed by the accountant; None when cancelled."""
    text, ok = QInputDialog.getText(parent, title, label)
    return text if ok else None


class SettlementsPanel(QWidget):
    """See the module docstring. `day` gives the page's date; `ask` the note (tests)."""

    def __init__(
        self,
        context: AppContext,
        runner: Runner,
        day: Callable[[], dt.date],
        parent: QWidget | None = None,
        *,
        ask: AskNote | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.runner = runner
        self.day = day
        self.ask = ask or ask_note
        self.presets: list[ColumnMapping] = []
        self.match: DayMatch | None = None
        self._request = 0
        """Numbers the matching reads; only the answer to the last one is shown."""
        self.provider = QComboBox(self)
        self.provider.setObjectName("providerChoice")
        for code, label in PROVIDERS.items():
            self.provider.addItem(label, code)
        self.preset = QComboBox(self)
        self.preset.setObjectName("presetChoice")
        self.model = SettlementItemsModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("settlementItems")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.verticalHeader().setVisible(False)
        self.summary = QLabel(self)
        self.summary.setObjectName("settlementSummary")
        self.summary.setWordWrap(True)
        self._build()
        self.provider.currentIndexChanged.connect(self._provider_changed)
        self.load_presets()

    def _build(self) -> None:
        buttons = []
        for text, slot, name in (
            (self.tr("Import statement…"), self.ask_import, "importStatement"),
            (self.tr("Edit mapping…"), self.edit_preset, "editPreset"),
            (self.tr("Refresh"), self.refresh, "refreshSettlement"),
            (self.tr("Resolve selected…"), self.resolve_selected, "resolveItem"),
        ):
            button = QPushButton(text, self)
            button.setObjectName(name)
            button.clicked.connect(slot)
            buttons.append(button)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Provider:"), self))
        top.addWidget(self.provider)
        top.addWidget(QLabel(self.tr("Mapping:"), self))
        top.addWidget(self.preset, 1)
        for button in buttons:
            top.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)

    def provider_code(self) -> str:
        """The provider chosen."""
        return str(self.provider.currentData())

    def load_presets(self) -> None:
        """Read the column mappings again."""
        self.runner.submit(all_presets, self.context.actor, on_done=self._presets,
                           on_error=self._failed)

    def _presets(self, presets: list[ColumnMapping]) -> None:
        # No matching here: it does not depend on the mappings, and the page asks for it.
        self.presets = presets
        self._list_presets()

    def _provider_changed(self) -> None:
        self._list_presets()
        self.refresh()

    def _list_presets(self) -> None:
        self.preset.clear()
        for mapping in self.presets:
            if mapping.provider == self.provider_code():
                self.preset.addItem(mapping.name)

    def chosen_preset(self) -> ColumnMapping | None:
        """The mapping chosen for the provider."""
        name = self.preset.currentText()
        return next((m for m in self.presets if m.name == name), None)

    def refresh(self) -> None:
        """Match the provider's statement of the day again."""
        self._request += 1
        asked = self._request
        self.runner.submit(
            match_day, self.context.actor, self.provider_code(), self.day(),
            on_done=lambda match: self._matched(match) if asked == self._request else None,
            on_error=self._failed,
        )

    def _matched(self, match: DayMatch) -> None:
        self.match = match
        self.model.set_match(match)
        self.view.resizeColumnsToContents()
        result = match.result
        self.summary.setText(self.tr(
            "{day}: {matched} matched, {mismatched} with different amounts, {lines} only on "
            "the statement, {parts} only in the books; {open} not resolved yet."
        ).format(
            day=match.day.isoformat(), matched=len(result.matched),
            mismatched=len(result.mismatched), lines=len(result.unmatched_lines),
            parts=len(result.unmatched_parts), open=len(match.unresolved),
        ))

    def ask_import(self) -> None:
        """Pick a statement file and import it with the chosen mapping."""
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import a statement"), "", self.tr("Statements (*.csv *.xlsx)")
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        """Import `path` for the page's day with the chosen mapping, then match again."""
        mapping = self.chosen_preset()
        if mapping is None:
            self.summary.setText(self.tr("Choose a column mapping first."))
            return
        job = partial(import_statement, day=self.day())
        self.runner.submit(job, self.context.actor, path, mapping, on_done=self._imported,
                           on_error=self._failed)

    def _imported(self, summary: ImportSummary) -> None:
        self.summary.setText(self.tr("Imported {lines} lines, {total}.").format(
            lines=summary.lines, total=format_yuan(summary.total_fen)
        ))
        self.refresh()

    def edit_preset(self) -> None:
        """Edit the chosen mapping (or a new one from it) and save it."""
        mapping = self.chosen_preset()
        if mapping is None:
            return
        dialog = PresetDialog(mapping, self)
        try:
            if not dialog.exec():
                return
            edited = dialog.mapping
        finally:
            dialog.deleteLater()
        self.runner.submit(save_preset, self.context.actor, edited,
                           on_done=lambda _none: self.load_presets(), on_error=self._failed)

    def resolve_selected(self) -> None:
        """Record a note on the selected unmatched or mismatched item."""
        rows = self.view.selectionModel().selectedRows()
        if not rows or self.match is None:
            return
        item = self.model.items[rows[0].row()]
        if not item.key:
            return
        note = self.ask(self, self.tr("Resolve"), self.tr("What was found or done:"))
        if not note:
            return
        self.runner.submit(resolve_item, self.context.actor, self.provider_code(),
                           self.match.day, item.key, note,
                           on_done=lambda _resolution: self.refresh(), on_error=self._failed)

    def _failed(self, failure: JobFailure) -> None:
        self.summary.setText(failure.message)
