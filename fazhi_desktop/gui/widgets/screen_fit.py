"""Windows that fit the screen they open on, down to the smallest office screens (1024x768, and
1366x768 at 125 %: about 1092x550 logical pixels under the taskbar; docs/gui.md "Dialogs").

- `resize_within_screen(window, w, h)`: a window's first size, never larger than the room the
  screen leaves (an editor designed at 1100x720 opened on a 1024x768 screen with its right edge
  and its buttons off the screen).
- `keep_on_screen(dialog)`: each time the dialog is shown, a size larger than the screen's room
  (remembered, designed or natural) shrinks to it, and the dialog is placed so that its whole
  frame, title bar included, is on the screen (centred over its parent the first time).
- `FormScrollArea` / `scrolling(content)`: a form that scrolls up and down, never sideways, when
  the window is lower than the form; the buttons stay outside it, always in view. It asks no more
  height than a few lines of the form, no less width than the form's own minimum, and scrolls the
  field that takes the keyboard focus into view (Tab, or a refused save pointing at a field).
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QFrame, QScrollArea, QWidget
from shiboken6 import isValid

# What the system draws round a dialog and Qt does not know before it is shown: the title bar
# (31 logical pixels on Windows 10 at 125 %, about as much on Kylin and UOS) and thin borders.
WINDOW_FRAME = QSize(8, 32)
# A scrolling form keeps at least this many lines in view, however low the window.
FORM_MIN_LINES = 8
# The room kept above and below a field scrolled into view, so that its label row shows too.
FOCUS_MARGIN = 12


def available_geometry(widget: QWidget) -> QRect:
    """The free area (taskbar excluded) of the screen `widget` opens on: its parent window's
    screen, else its own, else the primary one. (Tests replace this to pose as a small screen.)"""
    screen = None
    parent = widget.parentWidget()
    if parent is not None:
        screen = parent.window().screen()
    screen = screen or widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1024, 728)


def room_on_screen(widget: QWidget) -> QSize:
    """The largest client size whose window, title bar and borders included, fits the screen."""
    area = available_geometry(widget)
    return QSize(area.width() - WINDOW_FRAME.width(), area.height() - WINDOW_FRAME.height())


def resize_within_screen(window: QWidget, width: int, height: int) -> None:
    """`width` x `height`, or the screen's room when that is smaller."""
    room = room_on_screen(window)
    window.resize(min(width, room.width()), min(height, room.height()))


def fit_on_screen(window: QWidget) -> None:
    """Shrink `window` to the screen's room when it is larger, and place its whole frame, title
    bar first, on the screen's free area: where it was put (by hand, or when last shown), else
    centred over its parent window (or the screen)."""
    area = available_geometry(window)
    room = room_on_screen(window)
    if window.width() > room.width() or window.height() > room.height():
        window.resize(min(window.width(), room.width()), min(window.height(), room.height()))
    frame_width = window.width() + WINDOW_FRAME.width()
    frame_height = window.height() + WINDOW_FRAME.height()
    if window.testAttribute(Qt.WA_Moved):
        x, y = window.x(), window.y()
    else:
        parent = window.parentWidget()
        centre = parent.window().frameGeometry().center() if parent is not None else area.center()
        x, y = centre.x() - frame_width // 2, centre.y() - frame_height // 2
    x = max(area.left(), min(x, area.left() + area.width() - frame_width))
    y = max(area.top(), min(y, area.top() + area.height() - frame_height))
    window.move(x, y)


class _KeepOnScreen(QObject):
    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Show and not event.spontaneous() and watched.isWindow():
            # Before QDialog.showEvent, whose own placing (adjustPosition) is then skipped: the
            # window is placed here, with the title bar Qt cannot measure before it is shown.
            fit_on_screen(watched)
        return False


def keep_on_screen(window: QWidget) -> QObject:
    """Fit `window` to its screen each time it is shown (see fit_on_screen)."""
    keeper = _KeepOnScreen(window)
    window.installEventFilter(keeper)
    return keeper


class FormScrollArea(QScrollArea):
    """`content` scrolling vertically only, sized honestly for the window's layout: its minimum
    width is the content's (so nothing is ever cut or scrolled sideways) plus the scrollbar, its
    minimum height a few lines, its preferred size the content's whole (no scrollbar where
    there is room: QScrollArea's own hint stops at 24 lines)."""

    def __init__(self, content: QWidget, parent=None, *, min_lines: int = FORM_MIN_LINES):
        super().__init__(parent)
        self.min_lines = min_lines
        self.setFrameShape(QFrame.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setWidgetResizable(True)
        self.setWidget(content)
        self.setFocusPolicy(Qt.NoFocus)  # Tab walks the fields, not the area around them
        app = QApplication.instance()
        if app is not None:
            app.focusChanged.connect(self._follow_focus)

    def _content_minimum(self) -> QSize:
        content = self.widget()
        return content.minimumSizeHint().expandedTo(content.minimumSize())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        if self.widget() is None:
            return super().minimumSizeHint()
        inner = self._content_minimum()
        frame = 2 * self.frameWidth()
        bar = self.verticalScrollBar().sizeHint().width()
        lines = self.fontMetrics().lineSpacing() * self.min_lines
        return QSize(inner.width() + bar + frame, min(inner.height(), lines) + frame)

    def sizeHint(self) -> QSize:  # noqa: N802
        if self.widget() is None:
            return super().sizeHint()
        whole = self.widget().sizeHint().expandedTo(self._content_minimum())
        frame = 2 * self.frameWidth()
        return QSize(max(whole.width() + frame, self.minimumSizeHint().width()),
                     whole.height() + frame)

    def _follow_focus(self, _old, new) -> None:
        """The field that takes the focus (Tab, Shift+Tab, a click, a refused save) is scrolled
        into view. (QScrollArea does it only for Tab pressed inside it.)"""
        if not isValid(self) or new is None or not isValid(new):
            return
        content = self.widget()
        if content is None or not content.isAncestorOf(new) or self.verticalScrollBar().maximum() == 0:
            return
        self.ensureWidgetVisible(new, 0, FOCUS_MARGIN)


def scrolling(content: QWidget, *, min_lines: int = FORM_MIN_LINES) -> FormScrollArea:
    """`content` in a FormScrollArea (a tab's page, a dialog's form)."""
    return FormScrollArea(content, min_lines=min_lines)
