"""The signature pad: strokes from mouse, pen and finger, pressure, time, clear, PNG export."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QPointingDevice, QTabletEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from cashier.domain.signature import strokes_from_json
from cashier.ui.widgets.signature_pad import MOUSE_PRESSURE, SignatureField, SignaturePad


@pytest.fixture
def pad(qtbot) -> SignaturePad:
    widget = SignaturePad()
    widget.resize(400, 160)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _drag(qtbot, pad: SignaturePad, points: list[tuple[int, int]]) -> None:
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(*points[0]))
    for x, y in points[1:]:
        QTest.mouseMove(pad, QPoint(x, y), 5)
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(*points[-1]))


def _ink(image: QImage) -> int:
    """How many pixels are not white."""
    return sum(
        image.pixelColor(x, y).lightness() < 200
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
    )


def test_a_mouse_stroke_is_recorded_with_tenth_pixels_and_time(qtbot, pad):
    with qtbot.waitSignal(pad.changed):
        _drag(qtbot, pad, [(20, 30), (60, 50), (120, 90), (180, 60)])
    (stroke,) = pad.strokes()
    assert stroke[0][:2] == (200, 300)
    assert stroke[-1][:2] == (1800, 600)
    assert all(point[2] == MOUSE_PRESSURE for point in stroke)
    times = [point[3] for point in stroke]
    assert times == sorted(times) and times[0] == 0
    assert not pad.is_empty()


def test_the_signature_carries_png_strokes_and_size(qtbot, pad):
    assert pad.signature() is None
    _drag(qtbot, pad, [(30, 40), (200, 120), (350, 50)])
    signature = pad.signature()
    assert signature is not None
    image = QImage.fromData(signature.png, "PNG")
    assert (image.width(), image.height()) == (400, 160) == (signature.width, signature.height)
    assert _ink(image) > 20
    assert strokes_from_json(signature.strokes_json()) == pad.strokes()


def test_clear_empties_the_pad_and_the_picture(qtbot, pad):
    _drag(qtbot, pad, [(30, 40), (200, 120)])
    with qtbot.waitSignal(pad.changed):
        pad.clear()
    assert pad.is_empty() and pad.strokes() == ()
    assert _ink(pad.image()) == 0


def test_a_single_click_is_not_a_signature(qtbot, pad):
    qtbot.mouseClick(pad, Qt.MouseButton.LeftButton, pos=QPoint(50, 50))
    assert len(pad.strokes()) == 1 and pad.is_empty() and pad.signature() is None


def test_pen_pressure_is_kept(qtbot, pad):
    device = QPointingDevice.primaryPointingDevice()
    for kind, x, pressure in ((QEvent.Type.TabletPress, 20, 0.2),
                              (QEvent.Type.TabletMove, 80, 0.65),
                              (QEvent.Type.TabletMove, 140, 1.0),
                              (QEvent.Type.TabletRelease, 140, 0.0)):  # fmt: skip
        position = QPointF(x, 60)
        event = QTabletEvent(
            kind, device, position, pad.mapToGlobal(position), pressure, 0.0, 0.0, 0.0, 0.0,
            0.0, Qt.KeyboardModifier.NoModifier, Qt.MouseButton.LeftButton,
            Qt.MouseButton.LeftButton,
        )  # fmt: skip
        QApplication.sendEvent(pad, event)
    (stroke,) = pad.strokes()
    assert [point[2] for point in stroke] == [200, 650, 1000]


def test_a_finger_writes_too(qtbot, pad):
    device = QTest.createTouchDevice()
    QTest.touchEvent(pad, device).press(0, QPoint(30, 30))
    QTest.touchEvent(pad, device).move(0, QPoint(90, 70))
    QTest.touchEvent(pad, device).move(0, QPoint(160, 40))
    QTest.touchEvent(pad, device).release(0, QPoint(160, 40))
    (stroke,) = pad.strokes()
    assert len(stroke) == 3 and not pad.is_empty()
    # the synthetic touch point may land a pixel or two off: compare in pixels
    x, y = stroke[-1][0] / 10, stroke[-1][1] / 10
    assert abs(x - 160) <= 3 and abs(y - 40) <= 3


def test_read_only_takes_no_strokes_and_stored_strokes_replay(qtbot, pad):
    _drag(qtbot, pad, [(30, 40), (200, 120)])
    strokes = pad.strokes()
    pad.clear()
    pad.set_read_only(True)
    _drag(qtbot, pad, [(30, 40), (200, 120)])
    assert pad.strokes() == ()
    pad.set_strokes(strokes)
    assert pad.strokes() == strokes and _ink(pad.image()) > 0


def test_the_field_clear_button_clears_its_pad(qtbot):
    field = SignatureField("用户签字")
    qtbot.addWidget(field)
    field.resize(420, 220)
    field.show()
    qtbot.waitExposed(field)
    _drag(qtbot, field.pad, [(30, 40), (200, 120)])
    assert not field.is_empty()
    qtbot.mouseClick(field.clear_button, Qt.MouseButton.LeftButton)
    assert field.is_empty() and field.signature() is None
