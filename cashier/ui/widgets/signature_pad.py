"""An on-screen signature pad: write with a mouse, a pen (tablet, with pressure) or a finger.

Reusable wherever a customer or a member of staff signs (测温记录, repair bills):

    pad = SignaturePad()                       # or SignatureField("用户签字") with a Clear button
    pad.changed.connect(...)                   # after every finished stroke and after clear()
    signature = pad.signature()                # cashier.domain.signature.Signature, or None
    png = pad.to_png(); strokes = pad.strokes()

Strokes are kept as integer points ``(x, y, pressure, t)``: tenths of a pixel of the pad,
pressure 0-1000 (a mouse gives 500) and milliseconds since the first point, so they can be
stored and hashed exactly. The PNG is drawn from the strokes on white, without the hint.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QElapsedTimer, QEvent, QIODevice, QPointF, Qt
from PySide6.QtCore import Signal as QtSignal
from PySide6.QtGui import (
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from cashier.domain.signature import MAX_PRESSURE, MIN_POINTS, Point, Signature, Stroke

MOUSE_PRESSURE = 500
PEN_WIDTH = 2.6
"""Pen width in pixels at half pressure; full pressure draws 1.5 times as wide."""

INK = QColor(20, 30, 90)
MIN_SIZE = (360, 140)


def _width(pressure: int) -> float:
    return PEN_WIDTH * (0.5 + pressure / MAX_PRESSURE)


class SignaturePad(QWidget):
    """A white area that records strokes with pressure and time and draws them in ink."""

    changed = QtSignal()

    def __init__(self, parent: QWidget | None = None, *, hint: str = "") -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents, True)
        self.setMinimumSize(*MIN_SIZE)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.hint = hint or self.tr("Sign here")
        self._strokes: list[list[Point]] = []
        self._current: list[Point] | None = None
        self._clock = QElapsedTimer()
        self._read_only = False

    # --- data ------------------------------------------------------------------------------

    def strokes(self) -> tuple[Stroke, ...]:
        """The finished strokes, oldest first."""
        return tuple(tuple(stroke) for stroke in self._strokes)

    def set_strokes(self, strokes: tuple[Stroke, ...]) -> None:
        """Show stored strokes (for example to replay a signature); emits ``changed``."""
        self._strokes = [list(stroke) for stroke in strokes]
        self._current = None
        self.update()
        self.changed.emit()

    def is_empty(self) -> bool:
        """True until a stroke long enough to count as writing was made."""
        return not any(len(stroke) >= MIN_POINTS for stroke in self._strokes)

    def clear(self) -> None:
        """Remove every stroke; emits ``changed``."""
        self._strokes.clear()
        self._current = None
        self._clock.invalidate()
        self.update()
        self.changed.emit()

    def set_read_only(self, read_only: bool) -> None:
        """Stop (or resume) taking strokes, e.g. once the record is saved."""
        self._read_only = read_only
        self.setCursor(Qt.CursorShape.ArrowCursor if read_only else Qt.CursorShape.CrossCursor)

    def image(self, *, transparent: bool = False) -> QImage:
        """The strokes drawn in ink at the pad's size (no hint, no baseline), on white or,
        with ``transparent``, on a transparent background (for placing on a document)."""
        if transparent:
            image = QImage(self.width(), self.height(), QImage.Format.Format_ARGB32)
            image.fill(Qt.GlobalColor.transparent)
        else:
            image = QImage(self.width(), self.height(), QImage.Format.Format_RGB32)
            image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        self._draw_strokes(painter)
        painter.end()
        return image

    def to_png(self, *, transparent: bool = False) -> bytes:
        """:meth:`image` as PNG bytes."""
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self.image(transparent=transparent).save(buffer, "PNG")
        buffer.close()
        return bytes(data.data())

    def signature(self, *, transparent: bool = False) -> Signature | None:
        """The signature (PNG, strokes, pad size), or None while the pad is empty; the PNG
        on a transparent background with ``transparent``."""
        if self.is_empty():
            return None
        png = self.to_png(transparent=transparent)
        return Signature(png, self.strokes(), self.width(), self.height())

    # --- input -----------------------------------------------------------------------------

    def _point(self, position: QPointF, pressure: int) -> Point:
        if not self._clock.isValid():
            self._clock.start()
        x = max(0, round(position.x() * 10))
        y = max(0, round(position.y() * 10))
        return (x, y, max(0, min(MAX_PRESSURE, pressure)), int(self._clock.elapsed()))

    def begin_stroke(self, position: QPointF, pressure: int = MOUSE_PRESSURE) -> None:
        """Start a stroke at ``position`` (widget pixels); the input handlers call this."""
        if self._read_only:
            return
        self._current = [self._point(position, pressure)]
        self._strokes.append(self._current)
        self.update()

    def extend_stroke(self, position: QPointF, pressure: int = MOUSE_PRESSURE) -> None:
        """Add a point to the stroke being written."""
        if self._current is None:
            return
        point = self._point(position, pressure)
        if point[:2] != self._current[-1][:2]:
            self._current.append(point)
            self.update()

    def end_stroke(self) -> None:
        """Finish the stroke being written; emits ``changed``."""
        if self._current is None:
            return
        self._current = None
        self.changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.begin_stroke(event.position())
            event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self.extend_stroke(event.position())
            event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.end_stroke()
            event.accept()

    def tabletEvent(self, event: QTabletEvent) -> None:
        pressure = round(event.pressure() * MAX_PRESSURE)
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self.begin_stroke(event.position(), pressure)
        elif kind == QEvent.Type.TabletMove and self._current is not None:
            self.extend_stroke(event.position(), pressure)
        elif kind == QEvent.Type.TabletRelease:
            self.end_stroke()
        event.accept()  # no synthesised mouse events: the stroke keeps its pressure

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        touch = (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd)
        if kind in touch and isinstance(event, QTouchEvent) and event.points():
            point = event.points()[0]
            pressure = round(point.pressure() * MAX_PRESSURE) or MOUSE_PRESSURE
            if kind == QEvent.Type.TouchBegin:
                self.begin_stroke(point.position(), pressure)
            elif kind == QEvent.Type.TouchUpdate:
                self.extend_stroke(point.position(), pressure)
            else:
                self.end_stroke()
            event.accept()
            return True
        return super().event(event)

    # --- drawing ---------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        baseline = self.height() * 3 // 4
        painter.setPen(QPen(QColor(200, 200, 200), 1, Qt.PenStyle.DashLine))
        painter.drawLine(16, baseline, self.width() - 16, baseline)
        if not self._strokes:
            painter.setPen(QColor(150, 150, 150))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.hint)
        self._draw_strokes(painter)
        painter.setPen(QPen(self.palette().mid().color(), 1))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))

    def _draw_strokes(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for stroke in self._strokes:
            if len(stroke) == 1:
                x, y, pressure, _ = stroke[0]
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(INK)
                radius = _width(pressure) / 2
                painter.drawEllipse(QPointF(x / 10, y / 10), radius, radius)
                continue
            for start, end in zip(stroke, stroke[1:], strict=False):
                pen = QPen(INK, _width((start[2] + end[2]) // 2))
                pen.setCapStyle(Qt.PenCapStyle.RoundCap)
                painter.setPen(pen)
                painter.drawLine(
                    QPointF(start[0] / 10, start[1] / 10), QPointF(end[0] / 10, end[1] / 10)
                )


class SignatureField(QWidget):
    """A titled signature pad with a Clear button (三(七)7: 测温员签字, 用户签字)."""

    changed = QtSignal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(title, self)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.pad = SignaturePad(self)
        self.clear_button = QPushButton(self.tr("Clear"), self)
        self.clear_button.clicked.connect(self.pad.clear)
        self.pad.changed.connect(self.changed)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.pad, 1)

    def signature(self) -> Signature | None:
        """The pad's signature, or None while it is empty."""
        return self.pad.signature()

    def is_empty(self) -> bool:
        """True until something was written."""
        return self.pad.is_empty()
