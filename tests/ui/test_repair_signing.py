"""The customer signs a repair bill with the mouse in the signing dialog: the stored signature
is a non-empty PNG with a transparent background, bound to the bill shown; changing the bill
afterwards leaves it unsigned until signed again."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget
from support.repair_world import (
    RECEIVED,
    TECHNICIAN,
    add_accounts,
    load_example_prices,
    minutes_after,
    phone_order,
    reach_site,
    valve_lines,
)

from cashier.domain.repair_bills import SIGNED, VOIDED
from cashier.services.context import AppContext
from cashier.services.repair_bills import repair_view, save_bill
from cashier.store.engine import make_engine
from cashier.store.schema import create_schema
from cashier.store.uow import uow_factory
from cashier.ui.pages.repair_signing import DamageDialog, SignBillDialog
from cashier.ui.runner import Runner

STROKE = [(40, 150), (80, 90), (120, 170), (170, 80), (230, 160), (300, 100), (360, 150)]


@pytest.fixture
def desk(sqlite_url):
    """A database with one account, the example prices and a billed, unsigned order."""
    engine = make_engine(sqlite_url)
    create_schema(engine)
    make_uow = uow_factory(engine)
    add_accounts(make_uow, "HP-0001")
    load_example_prices(make_uow)
    number = phone_order(make_uow, at=RECEIVED).number
    reach_site(make_uow, number, RECEIVED)
    save_bill(make_uow(), TECHNICIAN, number, valve_lines(), now=minutes_after(40))
    yield make_uow, number
    engine.dispose()


def context_for(make_uow) -> AppContext:
    """The technician's window on the test database."""
    return AppContext(
        make_uow, TECHNICIAN, "SQLite: test", "A01", "幸福热力有限公司", "0000-1234567", demo=False
    )


def _mouse(widget: QWidget, kind: QEvent.Type, point: tuple[int, int], buttons) -> None:
    position = QPointF(*point)
    global_position = QPointF(widget.mapToGlobal(QPoint(*point)))
    button = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else Qt.MouseButton.LeftButton
    event = QMouseEvent(
        kind, position, global_position, button, buttons, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(widget, event)


def draw(widget: QWidget, points: list[tuple[int, int]]) -> None:
    """Press the left button at the first point, drag through the rest, release."""
    held = Qt.MouseButton.LeftButton
    _mouse(widget, QEvent.Type.MouseButtonPress, points[0], held)
    for point in points[1:]:
        _mouse(widget, QEvent.Type.MouseMove, point, held)
    _mouse(widget, QEvent.Type.MouseButtonRelease, points[-1], Qt.MouseButton.NoButton)


def test_a_mouse_signature_is_a_transparent_png_bound_to_the_bill(qtbot, desk):
    make_uow, number = desk
    context = context_for(make_uow)
    view = repair_view(make_uow(), TECHNICIAN, number)
    dialog = SignBillDialog(context, Runner(make_uow), view)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not dialog.confirm_button.isEnabled() and dialog.signature() is None
    assert view.latest.content.capital in dialog.bill.toPlainText()
    draw(dialog.pad, STROKE)
    signature = dialog.signature()
    assert signature is not None and dialog.confirm_button.isEnabled()
    assert len(signature.strokes) == 1 and len(signature.strokes[0]) == len(STROKE)
    assert all(point[2] == 500 for point in signature.strokes[0])
    image = QImage.fromData(signature.png, "PNG")
    assert not image.isNull() and image.hasAlphaChannel()
    assert (image.width(), image.height()) == (dialog.pad.width(), dialog.pad.height())
    assert image.pixelColor(2, 2).alpha() == 0, "the background is transparent"
    inked = [image.pixelColor(x, y).alpha() for x, y in STROKE]
    assert min(inked) > 0, "the stroke is drawn where the mouse went"
    dialog.confirm()
    qtbot.waitUntil(lambda: dialog.saved is not None, timeout=5000)
    assert dialog.saved.state == SIGNED and dialog.saved.signoff.signer_name == "张三"
    stored = repair_view(make_uow(), TECHNICIAN, number)
    assert stored.signed and stored.signoff.digest == view.latest.digest
    changed = save_bill(make_uow(), TECHNICIAN, number, valve_lines("2"), now=minutes_after(60))
    assert changed.state == VOIDED and not changed.signed
    assert not repair_view(make_uow(), TECHNICIAN, number).signed


def test_clear_empties_the_pad_and_a_stale_bill_is_refused(qtbot, desk):
    make_uow, number = desk
    view = repair_view(make_uow(), TECHNICIAN, number)
    dialog = SignBillDialog(context_for(make_uow), Runner(make_uow), view)
    qtbot.addWidget(dialog)
    dialog.show()
    draw(dialog.pad, STROKE)
    dialog.clear_button.click()
    assert dialog.signature() is None and not dialog.confirm_button.isEnabled()
    draw(dialog.pad, STROKE[:3])
    save_bill(make_uow(), TECHNICIAN, number, valve_lines("3"), now=minutes_after(50))
    dialog.confirm()
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=5000)
    assert dialog.saved is None and "已变更" in dialog.error.text()


def test_the_damage_confirmation_is_signed_the_same_way(qtbot, desk):
    make_uow, number = desk
    dialog = DamageDialog(context_for(make_uow), Runner(make_uow), number, "张三")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.facility.setText("卧室散热器阀门")
    dialog.cause.setPlainText("用户私自拆改阀门导致漏水")
    draw(dialog.pad, STROKE)
    dialog.confirm()
    qtbot.waitUntil(lambda: dialog.saved is not None, timeout=5000)
    assert dialog.saved.intact and dialog.saved.content.cause == "用户私自拆改阀门导致漏水"
    image = QImage.fromData(dialog.signature().png, "PNG")
    assert image.pixelColor(1, 1).alpha() == 0
