"""Signing on screen: the bill the customer signs, and the damage confirmation.

A large dialog shows the bill exactly as stored (its version, every line, the totals, the
capital amount and the first digits of its digest) next to a signature pad; the customer
signs with a mouse, a pen (pressure) or a finger, Clear starts again, Confirm stores the
strokes and a transparent PNG bound to that digest. If the bill changed meanwhile, the
service refuses and the customer must look at the new version.
"""

from __future__ import annotations

from functools import partial
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from cashier.domain.money import format_yuan
from cashier.domain.repair_bills import BillContent, DamageConfirmation
from cashier.domain.repair_documents import BILL_STATEMENT, DAMAGE_STATEMENT, line_title
from cashier.domain.repair_prices import KIND_LABELS
from cashier.domain.signature import Signature
from cashier.services.context import AppContext
from cashier.services.repair_bills import RepairView, confirm_damage, sign_bill
from cashier.ui.pages.repair_models import moment_text
from cashier.ui.pages.service_forms import error_label
from cashier.ui.runner import JobFailure, Runner
from cashier.ui.widgets.signature_pad import SignaturePad

SIGN_DIALOG_SIZE = (1240, 720)


def _yuan(fen: int) -> str:
    return format_yuan(fen, symbol="")


def bill_html(content: BillContent, digest: str, fault: str = "") -> str:
    """The bill as the customer reads it while signing: a Chinese document like the paper
    one (HTML for a QTextBrowser)."""
    rows = "".join(
        f"<tr><td>{index}</td><td>{KIND_LABELS[line.kind]}</td><td>{escape(line.code)}</td>"
        f"<td>{escape(line_title(line))}</td><td>{escape(line.unit)}</td>"
        f"<td align='right'>{line.quantity.normalize():f}</td>"
        f"<td align='right'>{_yuan(line.unit_price_fen)}</td>"
        f"<td align='right'>{_yuan(line.amount_fen)}</td></tr>"
        for index, line in enumerate(content.lines, start=1)
    )
    totals = "".join(
        f"<tr><td colspan='7'>{label}</td><td align='right'><b>{_yuan(fen)}</b></td></tr>"
        for label, fen in (
            ("维修项目小计", content.labour_fen),
            ("材料小计", content.material_fen),
            ("合计", content.total_fen),
        )
    )
    head = "".join(f"<th>{h}</th>" for h in BILL_COLUMNS)
    fault_line = f"故障情况：{escape(fault)}<br>" if fault else ""
    return (
        "<h2 align='center'>维修收费清单</h2>"
        f"<p>维修单号：{escape(content.order_no)}（第{content.version}版）　"
        f"日期：{content.priced_on}<br>"
        f"户号：{escape(content.account_no or '—')}　户名：{escape(content.customer_name)}<br>"
        f"地址：{escape(content.address)}<br>{fault_line}</p>"
        "<table border='1' cellspacing='0' cellpadding='4' width='100%'>"
        f"<tr>{head}</tr>{rows}{totals}</table>"
        f"<p>合计（人民币大写）：<b>{escape(content.capital)}</b></p>"
        f"<p>{BILL_STATEMENT}</p>"
        f"<p><small>清单摘要（SHA-256）：{digest[:16]}</small></p>"
    )


BILL_COLUMNS = ("序号", "类别", "编码", "名称及规格", "单位", "数量", "单价(元)", "金额(元)")
"""The columns of the bill as printed (a Chinese document in every UI language)."""


class _SigningDialog(QDialog):
    """A document on the left, the pad on the right, signer name, Clear and Confirm."""

    def __init__(self, context: AppContext, runner: Runner, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.context, self.runner = context, runner
        self.pad = SignaturePad(self, hint=self.tr("Customer signs here"))
        self.pad.setMinimumSize(520, 260)
        self.signer = QLineEdit(self)
        self.signer.setObjectName("signerName")
        self.error = error_label(self)
        self.clear_button = QPushButton(self.tr("Clear"), self)
        self.clear_button.clicked.connect(self.pad.clear)
        self.confirm_button = QPushButton(self.tr("Confirm signature"), self)
        self.confirm_button.setDefault(True)
        self.confirm_button.clicked.connect(self.confirm)
        self.pad.changed.connect(self._changed)
        cancel = QPushButton(self.tr("Cancel"), self)
        cancel.clicked.connect(self.reject)
        self._buttons = (self.clear_button, self.confirm_button, cancel)
        self._changed()

    def _arrange(self, document: QWidget, statement: str) -> None:
        words = QLabel(statement, self)
        words.setWordWrap(True)
        font = words.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        words.setFont(font)
        form = QFormLayout()
        form.addRow(self.tr("Signed by:"), self.signer)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in self._buttons:
            buttons.addWidget(button)
        right = QVBoxLayout()
        right.addWidget(words)
        right.addWidget(self.pad, 1)
        right.addLayout(form)
        right.addWidget(self.error)
        right.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addWidget(document, 11)
        layout.addLayout(right, 10)
        self.resize(*SIGN_DIALOG_SIZE)

    def _changed(self) -> None:
        self.confirm_button.setEnabled(not self.pad.is_empty())

    def signature(self) -> Signature | None:
        """The pad's signature on a transparent background, or None while empty."""
        return self.pad.signature(transparent=True)

    def confirm(self) -> None:
        """Store the signature (in the background); closes when stored."""
        raise NotImplementedError

    def _failed(self, failure: JobFailure) -> None:
        self.confirm_button.setEnabled(True)
        self.error.setText(failure.message)


class SignBillDialog(_SigningDialog):
    """The customer signs the bill in force; ``saved`` is the RepairView afterwards."""

    def __init__(
        self, context: AppContext, runner: Runner, view: RepairView, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, runner, parent)
        latest = view.latest
        assert latest is not None
        self.view, self.digest = view, latest.digest
        self.saved: RepairView | None = None
        self.setWindowTitle(
            self.tr("Customer signs the bill {number}").format(number=view.order.number)
        )
        self.bill = QTextBrowser(self)
        self.bill.setObjectName("billShown")
        self.bill.setHtml(bill_html(latest.content, latest.digest, view.order.fault))
        self.signer.setText(view.order.customer_name)
        self._arrange(self.bill, BILL_STATEMENT)

    def confirm(self) -> None:
        """Sign the version shown (its digest); the service refuses if the bill changed."""
        signature = self.signature()
        if signature is None:
            self.error.setText(self.tr("The customer has not signed yet."))
            return
        self.confirm_button.setEnabled(False)
        job = partial(sign_bill, digest=self.digest, signer_name=self.signer.text())
        self.runner.submit(
            job,
            self.context.actor,
            self.view.order.number,
            signature,
            on_done=self._saved,
            on_error=self._failed,
        )

    def _saved(self, view: RepairView) -> None:
        self.saved = view
        self.accept()


class DamageDialog(_SigningDialog):
    """The damage confirmation: facility and cause explained, signed by the customer."""

    def __init__(
        self,
        context: AppContext,
        runner: Runner,
        order_number: str,
        customer: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, runner, parent)
        self.order_number = order_number
        self.saved: DamageConfirmation | None = None
        self.setWindowTitle(self.tr("Damage confirmation {number}").format(number=order_number))
        self.facility = QLineEdit(self)
        self.facility.setObjectName("damageFacility")
        self.cause = QPlainTextEdit(self)
        self.cause.setObjectName("damageCause")
        self.signer.setText(customer)
        panel = QWidget(self)
        form = QFormLayout(panel)
        title = QLabel(self.tr("Damage caused by the household"), panel)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        form.addRow(title)
        form.addRow(self.tr("Order:"), QLabel(order_number, panel))
        form.addRow(self.tr("Damaged facility:"), self.facility)
        form.addRow(self.tr("Cause (explained to the customer):"), self.cause)
        form.addRow(
            self.tr("Explained by:"),
            QLabel(f"{context.actor.staff_no} {context.actor.name}", panel),
        )
        self._arrange(panel, DAMAGE_STATEMENT)

    def confirm(self) -> None:
        """Store the confirmation with the signature."""
        signature = self.signature()
        if signature is None:
            self.error.setText(self.tr("The customer has not signed yet."))
            return
        self.confirm_button.setEnabled(False)
        job = partial(
            confirm_damage,
            facility=self.facility.text(),
            cause=self.cause.toPlainText(),
            signature=signature,
            signer_name=self.signer.text(),
        )
        self.runner.submit(
            job, self.context.actor, self.order_number, on_done=self._saved, on_error=self._failed
        )

    def _saved(self, damage: DamageConfirmation) -> None:
        self.saved = damage
        self.accept()


def signed_text(view: RepairView) -> str:
    """ "Signed by 张三 at 2025-12-01 09:50" style line for the page (translated)."""
    signoff = view.signoff
    if signoff is None or not view.signed:
        return view.state_label
    return f"{view.state_label}：{signoff.signer_name} {moment_text(signoff.signed_at)}"
