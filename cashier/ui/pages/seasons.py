"""The Seasons page: the seasons with their billing progress, loading a tariff file, and 开征
(billing every account for a season) with a progress dialog that can be cancelled."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cashier.domain.errors import UserError
from cashier.services.billing import SeasonOpenResult, open_season
from cashier.services.context import AppContext
from cashier.services.permissions import can
from cashier.services.seasons_view import SeasonRow, list_seasons
from cashier.services.tariffs import ADDED, REPLACED, TariffLoad, load_tariffs
from cashier.ui.pages.long_job import LongJob
from cashier.ui.pages.ui_tables import date_text, fill_table, read_only_table
from cashier.ui.runner import JobFailure, Runner


class SeasonsPage(QWidget):
    """Seasons and their tariffs; `last_dialog` is the message shown last (for tests)."""

    def __init__(
        self,
        context: AppContext,
        runner: Runner | None = None,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.runner = runner or Runner(context.uow_factory, self)
        self._today = today
        self.rows: list[SeasonRow] = []
        self.job: LongJob | None = None
        self.last_dialog: QMessageBox | None = None
        self._build()
        self.load_button.clicked.connect(self.choose_tariff_file)
        self.open_button.clicked.connect(self._confirm_open)
        self.refresh_button.clicked.connect(self.refresh)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def _build(self) -> None:
        self.table = read_only_table(
            [self.tr("Season"), self.tr("First day"), self.tr("Last day"), self.tr("Days"),
             self.tr("Due date"), self.tr("Bills"), self.tr("Not yet billed")],
            self,
            stretch_last=False,
        )
        self.table.setObjectName("seasonsTable")
        self.load_button = QPushButton(self.tr("Load tariff file…"), self)
        self.open_button = QPushButton(self.tr("Bill season…"), self)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        hint = QLabel(
            self.tr("Billing a season bills every account that has no bill for it yet. It can be "
                    "cancelled: what was billed is kept, and billing again completes it."),
            self,
        )
        hint.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.load_button, self.open_button, self.refresh_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)

    def refresh(self) -> None:
        """Read the seasons again (in the background)."""
        actor = self.context.actor
        self.runner.submit(lambda uow: list_seasons(uow, actor), on_done=self._show_rows,
                           on_error=self._failed)

    def selected_code(self) -> str | None:
        """The code of the selected season, or None."""
        row = self.table.currentRow()
        return self.rows[row].code if 0 <= row < len(self.rows) else None

    def choose_tariff_file(self) -> None:
        """Ask for a tariff file (TOML) and load it."""
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Load tariff file"), "", self.tr("Tariff files") + " (*.toml)"
        )
        if path:
            self.load_tariff_file(Path(path))

    def load_tariff_file(self, path: Path) -> None:
        """Load the season and tariffs of `path` (refused once the season has bills)."""
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            self._message(self.tr("Cannot read {file}: {why}").format(file=path, why=error), True)
            return
        actor = self.context.actor
        self.runner.submit(lambda uow: load_tariffs(uow, actor, text), on_done=self._loaded,
                           on_error=self._failed)

    def open_selected(self) -> None:
        """Run 开征 for the selected season behind a cancellable progress dialog."""
        code = self.selected_code()
        if code is None:
            return
        actor, billed_on = self.context.actor, self._today()
        self.job = LongJob(
            self.runner,
            self,
            self.tr("Bill season {code}").format(code=code),
            lambda done, total: self.tr("Billed {done} of {total} accounts…").format(
                done=done, total=total
            ),
        )
        self.job.done.connect(self._opened)
        self.job.failed.connect(self._failed)
        self.job.start(
            lambda uow, progress, cancelled: open_season(
                uow, actor, code, billed_on=billed_on, progress=progress, cancelled=cancelled
            )
        )

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()

    def _confirm_open(self) -> None:
        code = self.selected_code()
        if code is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Bill season"),
            self.tr("Bill every account without a bill for season {code}?").format(code=code),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.open_selected()

    def _show_rows(self, rows: list[SeasonRow]) -> None:
        selected = self.selected_code()
        self.rows = rows
        fill_table(
            self.table,
            [(r.code, date_text(r.start), date_text(r.end), r.days, date_text(r.due_date),
              r.bills, r.unbilled) for r in rows],
            right=(3, 5, 6),
        )
        codes = [r.code for r in rows]
        self.table.selectRow(codes.index(selected) if selected in codes else 0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        actor = self.context.actor
        self.load_button.setVisible(can(actor, "load_tariffs"))
        self.open_button.setVisible(can(actor, "open_season"))
        self.open_button.setEnabled(self.selected_code() is not None)

    def _loaded(self, load: TariffLoad) -> None:
        words = {
            ADDED: self.tr("Season {code} was added."),
            REPLACED: self.tr("The tariffs of season {code} were replaced."),
        }
        text = words.get(load.action, self.tr("Season {code} already has these tariffs."))
        self._message(text.format(code=load.season))
        self.refresh()

    def _opened(self, result: SeasonOpenResult) -> None:
        if result.cancelled:
            text = self.tr("Cancelled. {billed} accounts were billed and kept; bill the season "
                           "again to complete it.")
        else:
            text = self.tr("Season {code} billed: {billed} new bills, {already} already billed, "
                           "{skipped} accounts without facts for the season.")
        self._message(text.format(code=result.season, billed=result.billed,
                                  already=result.already, skipped=result.skipped))
        self.refresh()

    def _failed(self, failure: JobFailure) -> None:
        self._message(failure.message, warning=True)
        if not isinstance(failure.error, UserError):
            self.refresh()

    def _message(self, text: str, warning: bool = False) -> None:
        icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information
        self.last_dialog = QMessageBox(icon, self.tr("Seasons"), text,
                                       QMessageBox.StandardButton.Ok, self)
        self.last_dialog.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.last_dialog.open()
