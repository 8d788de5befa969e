"""生成答复件: ask for the output folder once, render the reply off the GUI thread, open it in the
system's Word/WPS, then a notice with the engine's warnings and 在程序内预览.

Opening is checked (`open_with_system`): where no program opens .docx the notice says so and
offers 打开所在文件夹 and 在程序内预览 instead of claiming it was opened (issue 17.3). The five
near-identical missing-font sentences are one line, the sentences under 显示详情.

`make_document` is the shared flow for every document made from a record (gui/document_actions.py).
A document already in the folder may have been edited in Word since: it is never overwritten, the
new one goes under the next free name (`free_path`) and the notice says so.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Optional

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox

from .ops import run_in_background

OUTPUT_DIR_SETTING = "output_dir"
PREVIEW_BUTTON = "在程序内预览"
FOLDER_BUTTON = "打开所在文件夹"
NOT_OPENED = ("未能用系统程序打开（本机可能没有安装Word/WPS，或没有设置打开此类文件的默认程序）。"
              "可以打开所在文件夹，或在程序内预览。")


def open_with_system(path) -> bool:
    """Open a file (or folder) with the system's program; False when nothing opened it."""
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))


def open_folder_of(path) -> bool:
    """The folder that holds `path` (the folder itself when it is one) in the file manager."""
    path = Path(path)
    return open_with_system(path if path.is_dir() else path.parent)


def say_not_opened_offer_folder(parent, title: str, text: str, path) -> None:
    """A warning that nothing opened `path`, with 打开所在文件夹 and 关闭 (issue 17.3)."""
    box = QMessageBox(QMessageBox.Warning, title, text, QMessageBox.NoButton, parent)
    folder = box.addButton(FOLDER_BUTTON, QMessageBox.ActionRole)
    box.addButton("关闭", QMessageBox.RejectRole)
    box.exec()
    if box.clickedButton() is folder:
        open_folder_of(path)


def add_folder_button(box: QMessageBox, path) -> None:
    """打开所在文件夹 on a notice (the notice closes, the folder opens)."""
    button = box.addButton(FOLDER_BUTTON, QMessageBox.ActionRole)
    button.setToolTip(f"在文件管理器中打开“{Path(path).parent}”")

    def open_it() -> None:
        if not open_folder_of(path):
            QMessageBox.information(box.parent(), FOLDER_BUTTON,
                                    f"未能打开文件夹，请在文件管理器中找到：\n{Path(path).parent}")

    button.clicked.connect(open_it)


def output_folder(parent, registry, *, ask: bool = False):
    """The folder for generated documents; asks once and remembers it in the data file."""
    folder = registry.setting(OUTPUT_DIR_SETTING)
    if folder and Path(folder).is_dir() and not ask:
        return folder
    folder = QFileDialog.getExistingDirectory(parent, "选择答复件的保存文件夹", folder or str(Path.home()))
    if not folder:
        return None
    registry.set_setting(OUTPUT_DIR_SETTING, folder)
    return folder


def free_path(path: Path):
    """(path, None) when nothing is there yet; else (…（2）.docx, the taken path): the clerk may
    have edited the existing document in Word, so it is kept (as the batch does)."""
    from ..docgen.filenames import unique_stem

    path = Path(path)
    if not path.exists():
        return path, None
    stem = unique_stem(path.parent, path.stem, (path.suffix,))
    return path.with_name(stem + path.suffix), path


def renamed_sentence(renamed: Path, path: Path) -> str:
    return (f"“{renamed.name}”已存在（可能已在Word/WPS中修改过），未覆盖；"
            f"新生成的文件另存为“{Path(path).name}”。")


def show_done_notice(parent, registry, title: str, path: Path, warnings: list, *,
                     opened, preview: bool = True, buttons=()) -> QMessageBox:
    """A non-modal notice: where the document is, its warnings, and 在程序内预览 (issue 7).

    `opened`: True when the system's program opened it, False when that failed (the notice says
    so and offers 打开所在文件夹), None when it was not tried. `buttons`: further (text, tip,
    action) offers, such as 设为已答复."""
    from ..core.fonts import summarize_warnings

    text = f"{title}已生成：{path}"
    if opened:
        text += "\n已用系统的Word/WPS打开。"
    elif opened is False:
        text += "\n" + NOT_OPENED
    shown, details = summarize_warnings(list(warnings))
    if shown:
        text += "\n\n请注意：\n" + "\n".join(shown)
    box = QMessageBox(QMessageBox.Information if opened is not False else QMessageBox.Warning,
                      title, text, QMessageBox.NoButton, parent)
    box.setAttribute(Qt.WA_DeleteOnClose, True)
    box.setModal(False)
    if details:
        box.setDetailedText("\n".join(details))
    if opened is False and Path(path).exists():
        add_folder_button(box, path)
    if preview and Path(path).is_file():
        button = box.addButton(PREVIEW_BUTTON, QMessageBox.ActionRole)
        button.setToolTip("在本程序中查看排版、打印或另存为PDF")

        def open_preview() -> None:
            from .preview import preview_document

            preview_document(parent, path, registry=registry)

        button.clicked.connect(open_preview)
    for text_, tip, action in buttons:
        extra = box.addButton(text_, QMessageBox.ActionRole)
        extra.setToolTip(tip)
        extra.clicked.connect(action)
    box.addButton("确定", QMessageBox.AcceptRole)
    box.show()
    if parent is not None:
        parent.done_notice = box  # the last one, for the clerk's window (and tests)
    return box


def make_document(parent, registry, *, title: str, render: Callable, out_path: Path,
                  open_file: bool = True, on_done: Optional[Callable] = None, notice: bool = True,
                  renamed_from: Optional[Path] = None, notice_buttons=()):
    """Run `render()` (returns a RenderResult or a list of them) off the GUI thread, then open
    the file (a folder for several), show the notice; errors in a warning box. `renamed_from`:
    the existing file that `out_path` was chosen not to overwrite (said in the notice). A single
    file that would replace an existing one (or land on the data) is asked about first: None if
    not."""
    from .output_check import may_write

    if Path(out_path).suffix and not may_write(parent, registry, out_path, title=title):
        return None

    def op(progress):
        progress.update(0, 0, f"正在生成{title}……")
        return render()

    def success(result) -> None:
        results = result if isinstance(result, list) else [result]
        paths = [Path(getattr(r, "path", out_path)) for r in results]
        warnings = [renamed_sentence(renamed_from, out_path)] if renamed_from else []
        for r in results:  # the same font warning on every copy is said once
            warnings += [w for w in (getattr(r, "warnings", None) or []) if w not in warnings]
        target = paths[0] if len(paths) == 1 else Path(out_path)
        opened = open_with_system(target) if open_file else None
        shown = target if len(paths) == 1 else \
            f"{target}（{len(paths)}份：" + "、".join(p.name for p in paths) + "）"
        if on_done is not None:  # first: the record (the reply's date) is up to date
            on_done(target)
        if notice or opened is False:
            show_done_notice(parent, registry, title, shown, warnings, opened=opened,
                             preview=len(paths) == 1, buttons=notice_buttons)

    def failure(exc) -> None:
        if isinstance(exc, InterruptedError):
            return
        from ..core.validation import clerk_text

        QMessageBox.warning(parent, title, f"{title}未能生成：{clerk_text(exc)}")

    # The render reads the registry on a worker thread; the GUI waits (modal progress) meanwhile.
    return run_in_background(parent, op, title=f"生成{title}", on_success=success,
                             on_failure=failure, cancellable=False)


def generate_reply(parent, registry, kind: str, record_id: str, *, open_file: bool = True,
                   on_done=None):
    """Render the reply of one saved record into the output folder; returns the BackgroundOp."""
    from ..docgen import replies  # python-docx and the engine load on first use, not at start-up

    from ..core import reply_sent

    folder = output_folder(parent, registry)
    if folder is None:
        return None
    record = registry.get(kind, record_id)
    date = reply_sent.reply_date_to_use(record)
    out_path, renamed = free_path(Path(folder) / replies.default_filename(kind, record))

    def done(target) -> None:
        reply_sent.keep_reply_date(registry, kind, record_id, date)
        if on_done is not None:
            on_done(target)

    offer = replied_button(parent, registry, kind, record_id)
    return make_document(parent, registry, title="答复件", out_path=out_path,
                         render=lambda: replies.render_reply(registry, kind, record_id, out_path),
                         open_file=open_file, on_done=done, renamed_from=renamed,
                         notice_buttons=[offer] if offer else [])


REPLIED_BUTTON = "设为已答复"


def replied_button(parent, registry, kind: str, record_id: str):
    """(text, tip, action) of the notice's 设为已答复, or None when the record is already so.
    A button on the non-modal notice rather than a question: the clerk may ignore it."""
    from ..core import records, reply_sent

    record = registry.get(kind, record_id)
    if not reply_sent.may_mark_replied(record):
        return None
    name = records.describe_key(kind, record)

    def mark() -> None:
        reply_sent.mark_replied(registry, kind, record_id)
        from .pages.record_page import announce

        announce(parent, f"已将{name}的办理状态设为“已答复”")
        refresh = getattr(parent, "reply_marked", None)
        if refresh is not None:
            refresh(record_id)

    return REPLIED_BUTTON, f"把{name}的办理状态设为“已答复”", mark
