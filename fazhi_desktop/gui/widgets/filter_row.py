"""A register's row of filters that wraps (widgets/flow_layout.py): each "label: box" pair stays
together on one line, combo boxes are as wide as a few characters instead of their longest item
(the drop-down list still shows every item whole), and a pair hidden by its page (the 单位
filter of a one-office file) takes no room."""
from __future__ import annotations

from typing import Optional, Union

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSizePolicy, QWidget

from .flow_layout import FlowLayout


class _FollowVisibility(QObject):
    """Hides the pair's holder when its box is hidden by the page, shows it again with it."""

    def __init__(self, holder: QWidget, watched: QWidget):
        super().__init__(holder)
        self.holder = holder
        watched.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() == QEvent.HideToParent:
            self.holder.setVisible(False)
        elif event.type() == QEvent.ShowToParent:
            self.holder.setVisible(True)
        return False


class FilterRow(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.flow = FlowLayout(self, spacing=10)
        policy = QSizePolicy(QSizePolicy.Preferred, QSizePolicy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def add(self, widget: QWidget) -> QWidget:
        self.flow.addWidget(widget)
        return widget

    def add_labelled(self, label: Union[str, QLabel], box: QWidget, *,
                     characters: Optional[int] = None) -> QWidget:
        """`label` and `box` side by side, kept on one line; `characters`: the combo's width in
        Chinese characters."""
        holder = QWidget(self)
        pair = QHBoxLayout(holder)
        pair.setContentsMargins(0, 0, 0, 0)
        pair.setSpacing(4)
        label_widget = label if isinstance(label, QLabel) else QLabel(label, holder)
        label_widget.setBuddy(box)
        pair.addWidget(label_widget)
        pair.addWidget(box)
        if characters and isinstance(box, QComboBox):
            box.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            # Qt counts the length in "X"s; a Chinese character is about twice as wide
            metrics = box.fontMetrics()
            box.setMinimumContentsLength(-(-characters * metrics.horizontalAdvance("中")
                                           // max(metrics.horizontalAdvance("X"), 1)))
            _widen_list(box)
        if box.isHidden():
            holder.setVisible(False)
        _FollowVisibility(holder, box)
        self.flow.addWidget(holder)
        return holder

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self.flow.heightForWidth(width)


def _widen_list(box: QComboBox) -> None:
    """The open list of a narrowed combo stays as wide as its longest item (items come later)."""
    def widen(*_args):
        view = box.view()
        view.setMinimumWidth(view.sizeHintForColumn(0) + 24 if box.count() else 0)

    box.model().rowsInserted.connect(widen)
    box.model().modelReset.connect(widen)
    widen()
