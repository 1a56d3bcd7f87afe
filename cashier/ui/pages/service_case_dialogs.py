"""Receiving a complaint, report or application, and appending steps to a case."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cashier.domain.actor import Actor
from cashier.domain.service_cases import CATEGORIES, CHANNELS, STEP_KINDS, CaseStatus, NewCase
from cashier.services.context import AppContext
from cashier.services.ports import UnitOfWork
from cashier.services.service_cases import add_case_step, lookup_account, record_case
from cashier.ui.pages.service_forms import (
    AccountField,
    code_combo,
    error_label,
    fill_codes,
    moment_of,
    time_field,
)
from cashier.ui.pages.service_models import deadline_text, moment_text, state_text, word
from cashier.ui.pages.ui_tables import fill_table, read_only_table
from cashier.ui.runner import JobFailure, Runner


def save_case(uow: UnitOfWork, actor: Actor, draft: NewCase, account_no: str) -> CaseStatus:
    """Record ``draft`` for the account numbered ``account_no`` (none when empty)."""
    account_id = lookup_account(uow, actor, account_no).id if account_no.strip() else None
    return record_case(uow, actor, replace(draft, account_id=account_id))


class NewCaseDialog(QDialog):
    """Receive a case: kind, time, channel, category, account or contact, what was said.

    After saving, ``saved`` holds the CaseStatus (its number and deadline).
    """

    def __init__(
        self, context: AppContext, runner: Runner, kind: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context, self.runner = context, runner
        self.saved: CaseStatus | None = None
        self.setWindowTitle(self.tr("Receive: {kind}").format(kind=word(kind)))
        kinds = ("complaint", "report") if kind != "application" else ("application",)
        self.kind = code_combo(self, kinds)
        self.received = time_field(self)
        self.channel = code_combo(self, tuple(CHANNELS))
        self.category = code_combo(self, tuple(CATEGORIES[kinds[0]]))
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.account = AccountField(context, runner, self)
        self.contact_name = QLineEdit(self)
        self.contact_phone = QLineEdit(self)
        self.text = QPlainTextEdit(self)
        self.text.setPlaceholderText(self.tr("What the caller said, as exactly as possible"))
        self.error = error_label(self)
        self._layout()

    def _layout(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Kind:"), self.kind)
        form.addRow(self.tr("Received at:"), self.received)
        form.addRow(self.tr("Channel:"), self.channel)
        form.addRow(self.tr("Category:"), self.category)
        form.addRow(self.tr("Account:"), self.account)
        form.addRow(self.tr("Contact name:"), self.contact_name)
        form.addRow(self.tr("Contact phone:"), self.contact_phone)
        form.addRow(self.tr("Content:"), self.text)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(self.fontMetrics().horizontalAdvance("M") * 48, self.sizeHint().height())

    def _kind_changed(self) -> None:
        fill_codes(self.category, tuple(CATEGORIES[self.kind.currentData()]))

    def draft(self) -> NewCase:
        """The case as filled in (account resolved when saving)."""
        return NewCase(
            kind=self.kind.currentData(),
            received_at=moment_of(self.received),
            channel=self.channel.currentData(),
            category=self.category.currentData(),
            text=self.text.toPlainText(),
            contact_name=self.contact_name.text(),
            contact_phone=self.contact_phone.text(),
        )

    def save(self) -> None:
        """Record the case in the background; the dialog closes when it is stored."""
        self.error.clear()
        self.runner.submit(
            save_case, self.context.actor, self.draft(), self.account.number.text(),
            on_done=self._saved, on_error=self._failed,
        )  # fmt: skip

    def _saved(self, status: CaseStatus) -> None:
        self.saved = status
        self.accept()

    def _failed(self, failure: JobFailure) -> None:
        self.error.setText(failure.message)


class CaseDialog(QDialog):
    """One case: what was received, its deadline and state, its steps; append a step."""

    def __init__(
        self, context: AppContext, runner: Runner, status: CaseStatus,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.context, self.runner, self.status = context, runner, status
        self.changed = False
        self.setWindowTitle(status.case.case_no)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.steps = read_only_table(
            [self.tr("Time"), self.tr("Step"), self.tr("By"), self.tr("Text")], self
        )
        self.step_kind = code_combo(self, tuple(STEP_KINDS))
        self.step_time = time_field(self)
        self.step_text = QPlainTextEdit(self)
        self.step_text.setMaximumHeight(self.fontMetrics().height() * 4)
        self.append_button = QPushButton(self.tr("Append step"), self)
        self.append_button.clicked.connect(self.append_step)
        self.error = error_label(self)
        self._layout()
        self.show_status(status)

    def _layout(self) -> None:
        row = QHBoxLayout()
        row.addWidget(self.step_kind)
        row.addWidget(self.step_time)
        row.addStretch(1)
        row.addWidget(self.append_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.steps, 1)
        layout.addWidget(QLabel(self.tr("Append (nothing here is ever edited or deleted):"), self))
        layout.addLayout(row)
        layout.addWidget(self.step_text)
        layout.addWidget(self.error)
        layout.addWidget(close)
        self.resize(self.fontMetrics().horizontalAdvance("M") * 64, 520)

    def show_status(self, status: CaseStatus) -> None:
        """Show the case as of ``status``."""
        self.status = status
        case = status.case
        who = case.account_no or f"{case.contact_name} {case.contact_phone}".strip()
        self.summary.setText(
            self.tr(
                "<b>{number}</b> {kind} · {category} · {channel}<br>Received {received} · "
                "{who}<br>Deadline: {deadline} · State: {state}<br>{text}"
            ).format(
                number=case.case_no, kind=word(case.kind), category=word(case.category),
                channel=word(case.channel), received=moment_text(case.received_at), who=who,
                deadline=deadline_text(status), state=state_text(status), text=case.text,
            )
        )  # fmt: skip
        rows = [
            (moment_text(s.at), word(s.kind), f"{s.recorder_name}（{s.recorded_by}）", s.text)
            for s in case.steps
        ]
        fill_table(self.steps, rows)
        self.append_button.setEnabled(case.state != "closed")

    def append_step(self) -> None:
        """Append the step in the background and show the case again."""
        self.error.clear()
        self.runner.submit(
            partial(add_case_step, at=moment_of(self.step_time)),
            self.context.actor, self.status.case.case_no,
            self.step_kind.currentData(), self.step_text.toPlainText(),
            on_done=self._appended, on_error=lambda f: self.error.setText(f.message),
        )  # fmt: skip

    def _appended(self, status: CaseStatus) -> None:
        self.changed = True
        self.step_text.clear()
        self.show_status(status)
