"""The app's look on top of the platform's own style (Windows 11, Kylin/UOS, GNOME): Qt picks
the native style by itself and nothing here replaces it (no Fusion forced); only what the
native styles leave out is added:

- a visible keyboard focus on tables, lists, the sidebar and toolbar buttons (most native
  styles draw none there, so Tab seemed to lose the focus);
- toolbar icons: the app's own line icons in resources/icons/toolbar/NAME.svg, else one of
  Qt's standard icons, so a missing file never leaves a button blank.
"""
from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QToolBar, QToolButton

from ..paths import resources_dir

ACCENT = "#1f5fbf"

# :focus rules only: in every other state the native style draws the widget as it always does.
FOCUS_STYLE = f"""
QTableView:focus, QTreeView:focus, QListView:focus {{ border: 2px solid {ACCENT}; }}
QToolBar QToolButton:focus {{ border: 2px solid {ACCENT}; border-radius: 3px; }}
"""

# the standard icon used when the app's own file is missing (names of QStyle.StandardPixmap:
# QStyle and Qt are looked up when a toolbar is made, not when the window starts -- creating
# their enums costs 15 ms of the cold start, issue 16)
_STANDARD = {"new": "SP_FileIcon", "edit": "SP_FileDialogDetailedView",
             "delete": "SP_TrashIcon", "reply": "SP_DialogSaveButton",
             "batch": "SP_FileDialogListView", "documents": "SP_DirIcon",
             "preview": "SP_FileDialogContentsView", "import": "SP_ArrowDown",
             "import_replies": "SP_DirOpenIcon", "export": "SP_ArrowUp"}
ICON_SIZE = 20


def toolbar_icon(name: str, widget) -> QIcon:
    path = resources_dir() / "icons" / "toolbar" / f"{name}.svg"
    if path.is_file():
        icon = QIcon(str(path))
        if not icon.isNull():
            return icon
    from PySide6.QtWidgets import QStyle

    pixmap = getattr(QStyle.StandardPixmap, _STANDARD.get(name, "SP_FileIcon"))
    return widget.style().standardIcon(pixmap, None, widget)


def decorate_toolbar(bar: QToolBar, actions_by_name: dict) -> None:
    """Icons above the words (the words stay: clerks read 生成答复件, not a picture)."""
    bar.setIconSize(QSize(ICON_SIZE, ICON_SIZE))
    bar.setToolButtonStyle(QtCore.Qt.ToolButtonTextUnderIcon)
    for name, action in actions_by_name.items():
        icon = toolbar_icon(name, bar)
        widget = bar.widgetForAction(action)
        if isinstance(widget, QToolButton) and widget.defaultAction() is not action:
            widget.setIcon(icon)  # a drop-down button added as a widget (文书 ▾)
            widget.setIconSize(bar.iconSize())
            widget.setToolButtonStyle(bar.toolButtonStyle())
        else:
            action.setIcon(icon)
