"""Editing a settlement column mapping (preset): which header names carry which field.

Lists of header names are typed separated by commas (the first name found in a file is
used). Saving stores the mapping under its name; a built-in preset saved under its own name
is replaced by the edited one.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cashier.domain.settlement_files import ENCODINGS, PROVIDERS, ColumnMapping, StatementError
from cashier.ui.signin import dialog_buttons, error_label, heading

LIST_FIELDS = (
    "time", "date", "amount", "refund_amount", "debit", "refund_values", "references",
    "counterparty", "end_markers",
)


def _names(text: str) -> tuple[str, ...]:
    parts = text.replace("，", ",").split(",")
    return tuple(part.strip() for part in parts if part.strip())


class PresetDialog(QDialog):
    """Edits a copy of `mapping`; after `accept()`, `mapping` holds the edited one."""

    def __init__(self, mapping: ColumnMapping, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mapping = mapping
        self.setWindowTitle(self.tr("Column mapping"))
        self.setMinimumWidth(560)  # header names are typed here; keep them readable
        self.name = QLineEdit(mapping.name, self)
        self.name.setObjectName("presetName")
        self.provider = QComboBox(self)
        for code, label in PROVIDERS.items():
            self.provider.addItem(label, code)
        self.provider.setCurrentIndex(list(PROVIDERS).index(mapping.provider))
        self.encoding = QComboBox(self)
        self.encoding.setObjectName("presetEncoding")
        for code in ENCODINGS:
            label = self.tr("Detect automatically") if code == "auto" else code.upper()
            self.encoding.addItem(label, code)
        self.encoding.setCurrentIndex(max(self.encoding.findData(mapping.encoding), 0))
        self.skip_lines = QSpinBox(self)
        self.skip_lines.setRange(0, 100)
        self.skip_lines.setValue(mapping.skip_lines)
        self.kind = QLineEdit(mapping.kind, self)
        self.strip = QLineEdit(mapping.strip.replace("\t", "\\t"), self)
        self.lists = {
            name: QLineEdit(", ".join(getattr(mapping, name)), self) for name in LIST_FIELDS
        }
        self.lists["amount"].setObjectName("presetAmount")
        self.error = error_label(self)
        self._build()

    def _build(self) -> None:
        labels = {
            "time": self.tr("Time (or time of day)"),
            "date": self.tr("Date (when separate)"),
            "amount": self.tr("Amount"),
            "refund_amount": self.tr("Refund amount"),
            "debit": self.tr("Money out (bank)"),
            "refund_values": self.tr("Values meaning refund"),
            "references": self.tr("References"),
            "counterparty": self.tr("Counterparty"),
            "end_markers": self.tr("Details end at"),
        }
        form = QFormLayout()
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Provider:"), self.provider)
        form.addRow(self.tr("Encoding:"), self.encoding)
        form.addRow(self.tr("Preface lines to skip:"), self.skip_lines)
        form.addRow(self.tr("Kind column:"), self.kind)
        for name in LIST_FIELDS:
            form.addRow(labels[name] + "：", self.lists[name])
        form.addRow(self.tr("Characters stripped:"), self.strip)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Which columns hold what"), self))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(dialog_buttons(self, self.tr("Save"), self.tr("Cancel")))

    def edited(self) -> ColumnMapping:
        """The mapping as edited; raises StatementError when it is incomplete."""
        return ColumnMapping(
            name=self.name.text().strip(),
            provider=str(self.provider.currentData()),
            encoding=str(self.encoding.currentData()),
            skip_lines=self.skip_lines.value(),
            kind=self.kind.text().strip(),
            strip=self.strip.text().replace("\\t", "\t") or "`\t ",
            **{name: _names(edit.text()) for name, edit in self.lists.items()},
        )

    def submit(self) -> None:
        """Accept when the mapping is complete."""
        try:
            self.mapping = self.edited()
        except StatementError as error:
            self.error.setText(str(error))
            return
        self.accept()
