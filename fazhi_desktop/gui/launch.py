"""Starting the window: the Qt application in Chinese, the data file, the first-run profile."""
from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path
from typing import Optional

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from .. import APP_ID, APP_NAME
from ..paths import resources_dir

# First installed family wins; Windows has 微软雅黑, UOS/Kylin and our CI have Noto or WQY.
CJK_FAMILIES = ("Microsoft YaHei UI", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC",
                "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Droid Sans Fallback", "SimSun")
FONT_POINT_SIZE = 10
BACKUP_DELAY_MS = 200  # the daily backup starts this long after the window is shown


def install_chinese_translations(app: QApplication) -> list:
    """Qt's own zh_CN catalogue (确定/取消 in QMessageBox, QFileDialog); before any widget."""
    QLocale.setDefault(QLocale(QLocale.Chinese, QLocale.China))
    folders = [resources_dir() / "translations",
               Path(QLibraryInfo.path(QLibraryInfo.TranslationsPath))]
    loaded = []
    for name in ("qtbase_zh_CN", "qt_zh_CN"):
        for folder in folders:
            translator = QTranslator(app)
            if translator.load(name, str(folder)):
                app.installTranslator(translator)
                loaded.append(translator)
                break
    app._fazhi_translators = loaded  # keep them alive as long as the app
    return loaded


def choose_font() -> QFont:
    """A readable default font that has Chinese glyphs."""
    available = set(QFontDatabase.families())
    font = QFont()
    for family in CJK_FAMILIES:
        if family in available:
            font = QFont(family)
            break
    font.setPointSize(FONT_POINT_SIZE)
    return font


def setup_application(argv: Optional[list] = None) -> QApplication:
    """The one QApplication, set up for a Chinese clerk (reused when it already exists)."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    if not getattr(app, "_fazhi_ready", False):
        app.setApplicationName(APP_ID)
        app.setApplicationDisplayName(APP_NAME)
        app.setOrganizationName(APP_ID)
        install_chinese_translations(app)
        app.setFont(choose_font())
        from .app_icon import app_icon

        app.setWindowIcon(app_icon())
        app.setDesktopFileName(APP_ID)  # lets Wayland, DDE and UKUI match the window to its menu entry
        app._fazhi_ready = True
    return app


def open_registry_or_explain(path: Path):
    """The Registry on the file, or None after telling the clerk why it cannot open."""
    from ..core.errors import FazhiError
    from ..core.faults import message_for
    from ..core.registry import Registry

    try:
        return Registry.open(path)
    except FazhiError as exc:
        finding = getattr(exc, "finding", None)  # health.DamagedFile: the same dialog as the check
        if finding is not None:
            from .startup import show_finding

            if show_finding(finding):
                return open_registry_or_explain(path)
            return None
        QMessageBox.critical(None, APP_NAME, f"无法打开数据文件。\n\n{message_for(exc, data_file=path)}")
    except (OSError, sqlite3.Error) as exc:
        message = message_for(exc, data_file=path) or "请检查该文件及其文件夹的权限。"
        QMessageBox.critical(None, APP_NAME, f"无法打开数据文件。\n\n{message}")
    return None


def ensure_profile(registry, parent=None) -> bool:
    """First run: the short profile dialog. False when the clerk closes it without saving."""
    if registry.has_profile():
        return True
    from .dialogs.profile_dialog import FirstRunProfileDialog

    return FirstRunProfileDialog(registry, parent).exec() == QDialog.Accepted


def arm_smoke_exit(app: QApplication) -> None:
    """FAZHI_SMOKE_EXIT_MS=N (the installers' start-up checks): quit by itself N ms after start.

    Armed before anything can show a box: a start-up fault's box (出错了, 无法打开数据文件) is
    dismissed too, so the check ends with the non-zero status of that fault instead of waiting
    forever on a dialog nobody will click.
    """
    smoke_ms = os.environ.get("FAZHI_SMOKE_EXIT_MS", "")
    if not smoke_ms.isdigit():
        return

    def leave() -> None:
        for widget in app.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()
        app.quit()

    QTimer.singleShot(int(smoke_ms), leave)


def launch_gui(db: Optional[str] = None) -> int:
    """Open the main window on the data file (--db / FAZHI_DB / default); the exit status.

    Order (docs/reliability.md): writer lock, read-only start-up check, open, first-run profile,
    window, daily backup in the background. From the moment the data file is known, every fault
    ends in a box (gui/fault_hooks.py), never in a traceback.
    """
    from ..core.faults import os_error_message
    from ..paths import app_data_dir, resolve_db_path
    from . import fault_hooks

    app = setup_application()
    arm_smoke_exit(app)
    try:
        path = resolve_db_path(db)
    except OSError as exc:
        fault_hooks.install(app_data_dir())
        message = os_error_message(exc) or "请检查用户数据文件夹的权限。"
        QMessageBox.critical(None, APP_NAME, f"无法创建数据文件夹。\n\n{message}")
        return 1
    fault_hooks.install(path.parent)
    try:
        return _run_window(app, path)
    except Exception as exc:  # noqa: BLE001 -- at start-up or quit: a box, never a traceback
        from .dialogs.error_dialog import ErrorDialog

        message, details = fault_hooks.describe(exc, path)
        ErrorDialog(message, details).exec()
        return 1


def listen_for_second_start(window, path: Path) -> None:
    """A second start on this data file brings `window` forward instead of opening another."""
    from ..core import lock
    from .startup import SingleInstance

    window.single_instance = SingleInstance(lock.instance_name(path), window)
    window.single_instance.wake.connect(window.come_forward)


def _run_window(app, path: Path) -> int:
    from ..core import lock
    from .first_paint import after_first_paint, make_qt_enums
    from .startup import acquire_writer_lock, check_before_open, start_daily_backup

    writer = acquire_writer_lock(path)
    if writer is None:
        return 0 if lock.is_locked(path) else 1  # 0: the open window was brought forward
    try:
        if not check_before_open(path):
            return 1
        registry = open_registry_or_explain(path)
        if registry is None:
            return 1
        try:
            if not ensure_profile(registry):
                return 0
            from .main_window import MainWindow
            from .view_state import remember_window, show_window

            window = MainWindow(registry)
            show_window(window, remember_window(window, registry))  # last run's size
            after_first_paint(window, lambda: listen_for_second_start(window, path))
            after_first_paint(window, make_qt_enums)
            # After the first paint: the backup job (and gui/ops it imports) is not what the
            # clerk waits for.
            QTimer.singleShot(BACKUP_DELAY_MS, window, lambda: start_daily_backup(window, path))
            from .warm_up import start_warm_up

            start_warm_up(window)  # the libraries of the pages not built yet, off this thread
            window.offer_drafts()
            return app.exec()
        finally:
            registry.close()
    finally:
        writer.release()
