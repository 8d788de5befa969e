"""What a clerk would see as a broken layout, measured on live widgets (offscreen is fine):
two visible widgets drawn over each other, a label or button whose text is wider than the
widget (cut), a header section narrower than its words, a placeholder cut without "…", a
toolbar whose last buttons went into its » menu, and a horizontal scrollbar where the table
should fit. `layout_problems(widget)` walks the widget's
visible descendants and returns one readable line per problem (empty: the layout holds).

A scroll area that is meant to scroll sideways sets the property "scrolls_sideways" to True.
"""
from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (QAbstractButton, QAbstractScrollArea, QCheckBox, QComboBox,
                               QHeaderView, QLabel, QLineEdit, QPushButton, QRadioButton,
                               QStyle, QStyleOptionComboBox, QToolBar, QToolButton,
                               QWidget)

# Qt's own parts whose children are drawn in layers on purpose (a combo's line edit over its
# frame, a scroll area's viewport under its scrollbars, a spin box's buttons).
_OPAQUE = ("QComboBox", "QAbstractSpinBox", "QAbstractScrollArea", "QCalendarWidget",
           "QTabBar", "QDialogButtonBox", "QToolBar", "QMenuBar", "QStatusBar", "QSplitterHandle")


def _name(widget: QWidget) -> str:
    text = ""
    for getter in ("text", "placeholderText", "windowTitle"):
        value = getattr(widget, getter, None)
        if callable(value):
            try:
                text = value()
            except TypeError:
                continue
            if text:
                break
    label = f"“{text[:20]}”" if text else (widget.objectName() or "")
    return f"{type(widget).__name__}{label}"


def _shown(widget: QWidget) -> bool:
    return widget.isVisible() and widget.width() > 0 and widget.height() > 0


def _opaque(widget: QWidget) -> bool:
    return any(widget.inherits(name) for name in _OPAQUE)


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _rich(text: str) -> bool:
    return "<" in text and ">" in text


def _text_room(widget: QWidget):
    """(needed, available) pixels for a widget's one-line text, or None when it wraps or has none."""
    fm = widget.fontMetrics()
    style = widget.style()
    if isinstance(widget, QLabel):
        text = widget.text()
        if not text or widget.wordWrap() or _rich(text) or widget.pixmap() is not None \
                and not widget.pixmap().isNull():
            return None
        widest = max(fm.horizontalAdvance(line) for line in text.split("\n"))
        return widest, widget.contentsRect().width() - 2 * widget.margin()
    if isinstance(widget, QAbstractButton):
        text = _plain(widget.text())
        if not text:
            return None
        needed = fm.horizontalAdvance(text)
        if isinstance(widget, (QCheckBox, QRadioButton)):
            metric = QStyle.PM_IndicatorWidth if isinstance(widget, QCheckBox) else QStyle.PM_ExclusiveIndicatorWidth
            needed += style.pixelMetric(metric, None, widget) + style.pixelMetric(
                QStyle.PM_CheckBoxLabelSpacing, None, widget)
        elif isinstance(widget, QToolButton):
            if widget.toolButtonStyle() == Qt.ToolButtonIconOnly:
                return None
            if widget.toolButtonStyle() == Qt.ToolButtonTextBesideIcon and not widget.icon().isNull():
                needed += widget.iconSize().width() + 4
            needed += 4
        elif isinstance(widget, QPushButton):
            if not widget.icon().isNull():
                needed += widget.iconSize().width() + 4
            needed += 8
        return needed, widget.width()
    if isinstance(widget, QLineEdit) and not widget.text() and widget.placeholderText():
        placeholder = widget.placeholderText()
        if placeholder.endswith("…"):
            return None  # elided on purpose, the whole text in the tooltip
        room = widget.width() - 8 - (24 if widget.isClearButtonEnabled() else 0)
        return fm.horizontalAdvance(placeholder), room
    if isinstance(widget, QComboBox) and not widget.isEditable() and widget.currentText():
        option = QStyleOptionComboBox()
        widget.initStyleOption(option)
        field = style.subControlRect(QStyle.CC_ComboBox, option, QStyle.SC_ComboBoxEditField, widget)
        # + 4: Qt sizes a combo to its text that much tighter than its edit field (the last
        # glyph's side bearing), and draws it whole
        return fm.horizontalAdvance(widget.currentText()), field.width() + 4
    return None


def _header_problems(header: QHeaderView) -> list:
    problems = []
    model = header.model()
    if model is None or header.orientation() != Qt.Horizontal:
        return problems
    fm = header.fontMetrics()
    for section in range(header.count()):
        if header.isSectionHidden(section):
            continue
        text = str(model.headerData(section, Qt.Horizontal, Qt.DisplayRole) or "")
        if not text:
            continue
        needed = max(fm.horizontalAdvance(line) for line in text.split("\n")) + 8
        if needed > header.sectionSize(section):
            problems.append(f"表头“{text}”需要 {needed} 像素，只有 {header.sectionSize(section)}")
    return problems


def layout_problems(root: QWidget) -> list:
    problems = []

    def walk(widget: QWidget, where: str) -> None:
        children = [c for c in widget.findChildren(QWidget, options=Qt.FindDirectChildrenOnly)
                    if _shown(c) and not c.isWindow()]
        if not _opaque(widget):
            for i, first in enumerate(children):
                for second in children[i + 1:]:
                    overlap = QRect(first.geometry()).intersected(second.geometry())
                    if overlap.width() > 1 and overlap.height() > 1:
                        problems.append(f"{where}: {_name(first)} 与 {_name(second)} 重叠 "
                                        f"{overlap.width()}x{overlap.height()}")
        for child in children:
            room = _text_room(child)
            if room is not None and room[0] > room[1]:
                problems.append(f"{where}: {_name(child)} 的文字需要 {room[0]} 像素，只有 {room[1]}（被截断）")
            if isinstance(child, QHeaderView) and _shown(child):
                problems.extend(f"{where}: {p}" for p in _header_problems(child))
            if isinstance(child, QAbstractScrollArea) and child.horizontalScrollBar().isVisible() \
                    and not child.property("scrolls_sideways"):
                problems.append(f"{where}: {_name(child)} 出现了横向滚动条")
            if isinstance(child, QToolBar):
                extension = child.findChild(QToolButton, "qt_toolbar_ext_button")
                if extension is not None and extension.isVisible():
                    problems.append(f"{where}: 工具栏放不下，部分按钮被收进了 » 菜单")
            if not isinstance(child, (QComboBox,)):
                walk(child, where)

    walk(root, type(root).__name__)
    return problems
