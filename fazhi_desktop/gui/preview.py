"""In-app preview of a generated document (Qt PDF): pages, zoom, page count, 打印 and 另存为PDF.

A .docx is first converted to PDF on a worker thread by the office suite the core finds
(office.converters); when there is none, the clerk is told so and the document opens in the
system's Word/WPS instead.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Optional

from PySide6.QtCore import QEvent, QPointF, QRect, QRectF, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (QDialog, QFileDialog, QLabel, QMessageBox, QToolBar, QVBoxLayout,
                               QWidget)

from ..core.atomic import atomic_output
from ..core.errors import FazhiError
from ..office import converters
from .widgets.screen_fit import keep_on_screen

ZOOM_STEP = 1.25
ZOOM_MIN, ZOOM_MAX = 0.25, 4.0
MAX_PRINT_DPI = 600  # beyond this no office printer shows a difference in text
PRINT_BAND_PX = 1024  # pages are rendered in bands of this height


class PdfPreview(QWidget):
    """A PDF shown page after page with a toolbar: pages, zoom, 打印, 另存为PDF."""

    loaded = Signal(int)  # page count, once a document is shown

    registry = None  # the data in use, when known: a PDF is never saved onto it (output_check)

    def __init__(self, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.pdf_path: Optional[Path] = None
        self.suggested_name = "文档.pdf"
        self.page_label = QLabel(self)
        self.zoom_label = QLabel(self)
        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonTextOnly)
        self.actions_by_name = {}
        for name, text, shortcut, slot in (
                ("previous", "上一页", QKeySequence.MoveToPreviousPage, self.previous_page),
                ("next", "下一页", QKeySequence.MoveToNextPage, self.next_page),
                ("zoom_out", "缩小", QKeySequence.ZoomOut, self.zoom_out),
                ("zoom_in", "放大", QKeySequence.ZoomIn, self.zoom_in),
                ("fit_width", "适合宽度", None, self.fit_width),
                ("print", "打印…", QKeySequence.Print, self.print_with_dialog),
                ("save_pdf", "另存为PDF…", QKeySequence.SaveAs, self.save_pdf_with_dialog)):
            action = QAction(text, self)
            action.setCheckable(name == "fit_width")
            if shortcut is not None:
                action.setShortcut(shortcut)
            action.triggered.connect(slot)
            self.toolbar.addAction(action)
            self.actions_by_name[name] = action
            if name == "next":
                self.toolbar.addWidget(self.page_label)
                self.toolbar.addSeparator()
            elif name == "zoom_in":
                self.toolbar.addWidget(self.zoom_label)
            elif name == "fit_width":
                self.toolbar.addSeparator()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.view, 1)
        self.view.pageNavigator().currentPageChanged.connect(self._update_labels)
        self.view.zoomFactorChanged.connect(self._update_labels)
        self.view.zoomModeChanged.connect(self._update_labels)
        # Fit-to-width changes the zoom on every resize without a signal: watch the viewport.
        self.view.viewport().installEventFilter(self)
        self._update_labels()

    def eventFilter(self, watched, event) -> bool:
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self._update_labels()
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------------ loading
    def load_pdf(self, path, *, suggested_name: Optional[str] = None) -> None:
        """Show the PDF at `path`; FazhiError with a Chinese message when it cannot be read."""
        path = Path(path)
        error = self.document.load(str(path))
        if error != QPdfDocument.Error.None_ or self.document.pageCount() == 0:
            raise FazhiError(f"无法打开PDF文件“{path.name}”（文件损坏或不是PDF）。")
        self.pdf_path = path
        self.suggested_name = suggested_name or path.name
        self.fit_width()
        self._update_labels()
        self.loaded.emit(self.page_count())

    def page_count(self) -> int:
        return self.document.pageCount()

    def current_page(self) -> int:
        """0-based index of the page at the top of the view."""
        return self.view.pageNavigator().currentPage()

    # ------------------------------------------------------------------ navigation and zoom
    def go_to_page(self, index: int) -> None:
        index = max(0, min(index, self.page_count() - 1))
        self.view.pageNavigator().jump(index, QPointF(), self.view.zoomFactor())
        self._update_labels()

    def previous_page(self) -> None:
        self.go_to_page(self.current_page() - 1)

    def next_page(self) -> None:
        self.go_to_page(self.current_page() + 1)

    def zoom_in(self) -> None:
        self._set_zoom(self._effective_zoom() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._set_zoom(self._effective_zoom() / ZOOM_STEP)

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._update_labels()

    def _set_zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(ZOOM_MIN, min(ZOOM_MAX, factor)))
        self._update_labels()

    def _effective_zoom(self) -> float:
        """The zoom in use, also when fit-to-width computes it (page width vs. the viewport)."""
        if self.view.zoomMode() != QPdfView.ZoomMode.FitToWidth or self.page_count() == 0:
            return self.view.zoomFactor()
        page_px = self.document.pagePointSize(0).width() * self.logicalDpiX() / 72.0
        margins = self.view.documentMargins()
        usable = self.view.viewport().width() - margins.left() - margins.right()
        return max(ZOOM_MIN, usable / page_px) if page_px else 1.0

    def zoom_percent(self) -> int:
        return round(self._effective_zoom() * 100)

    def _update_labels(self, *_args) -> None:
        count = self.page_count()
        current = self.current_page() + 1 if count else 0
        self.page_label.setText(f" 第 {current} 页 / 共 {count} 页 ")
        fit = self.view.zoomMode() == QPdfView.ZoomMode.FitToWidth
        self.zoom_label.setText(f" {self.zoom_percent()}% ")
        self.actions_by_name["fit_width"].setChecked(fit)
        has_doc = count > 0
        for name, action in self.actions_by_name.items():
            action.setEnabled(has_doc)
        if has_doc:
            self.actions_by_name["previous"].setEnabled(current > 1)
            self.actions_by_name["next"].setEnabled(current < count)

    # ------------------------------------------------------------------ printing
    def make_printer(self) -> QPrinter:
        """A printer set for A4 portrait, the whole page (the document carries its margins)."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setPageOrientation(QPageLayout.Orientation.Portrait)
        printer.setFullPage(True)
        printer.setDocName(Path(self.suggested_name).stem)
        printer.setFromTo(1, max(1, self.page_count()))
        return printer

    def print_with_dialog(self) -> None:
        if not self.page_count():
            return
        printer = self.make_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("打印")
        dialog.setMinMax(1, self.page_count())
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintToFile, True)
        if dialog.exec() != QDialog.Accepted:
            return
        try:
            printed = self.print_to(printer)
        except FazhiError as exc:
            QMessageBox.warning(self, "打印", str(exc))
            return
        if printed == 0:
            QMessageBox.information(self, "打印", "所选页码范围内没有可打印的页。")

    def pages_to_print(self, printer: QPrinter) -> list:
        """0-based page indexes from the dialog's range (all pages when none was chosen)."""
        count = self.page_count()
        first, last = printer.fromPage(), printer.toPage()
        if printer.printRange() != QPrinter.PrintRange.PageRange or first == 0:
            first, last = 1, count
        pages = list(range(max(1, first) - 1, min(last, count)))
        if printer.pageOrder() == QPrinter.PageOrder.LastPageFirst:
            pages.reverse()
        return pages

    def print_to(self, printer: QPrinter) -> int:
        """Print the pages on `printer`, each rendered at the printer's resolution; pages sent.

        Copies: left to the driver when it can make them, else each page is sent again.
        """
        pages = self.pages_to_print(printer)
        if not pages:
            return 0
        copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        painter = QPainter()
        if not painter.begin(printer):
            raise FazhiError("无法开始打印：打印机不可用，或输出文件无法写入。")
        sent = 0
        try:
            paper = printer.paperRect(QPrinter.Unit.DevicePixel)
            for _copy in range(copies):
                for index in pages:
                    if sent:
                        printer.newPage()
                    self._paint_page(painter, index, dpi, paper.left(), paper.top(),
                                     printer.resolution() / dpi)
                    sent += 1
        finally:
            painter.end()
        return sent

    def _paint_page(self, painter: QPainter, index: int, dpi: int, left: float, top: float,
                    device_per_pixel: float) -> None:
        """Render one page at `dpi` in horizontal bands and draw it at its true size.

        The page is placed from the paper's corner, unscaled: the PDF carries the document's
        own margins. Bands keep memory low (a whole 600 dpi page would be ~140 MB at once).
        """
        size_pt = self.document.pagePointSize(index)
        width = round(size_pt.width() * dpi / 72)
        height = round(size_pt.height() * dpi / 72)
        options = QPdfDocumentRenderOptions()
        options.setScaledSize(QSize(width, height))
        for y in range(0, height, PRINT_BAND_PX):
            band = min(PRINT_BAND_PX, height - y)
            options.setScaledClipRect(QRect(0, y, width, band))
            image = self.document.render(index, QSize(width, band), options)
            target = QRectF(left, top + y * device_per_pixel, width * device_per_pixel,
                            band * device_per_pixel)
            painter.drawImage(target, image)

    # ------------------------------------------------------------------ saving
    def save_pdf(self, target) -> Path:
        """Copy the shown PDF to `target`, whole or not at all."""
        if self.pdf_path is None:
            raise FazhiError("没有可保存的PDF。")
        target = Path(target)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        with atomic_output(target) as temp:
            shutil.copyfile(self.pdf_path, temp)
        return target

    def save_pdf_with_dialog(self) -> Optional[Path]:
        if self.pdf_path is None:
            return None
        start = str(Path.home() / Path(self.suggested_name).with_suffix(".pdf").name)
        name, _ = QFileDialog.getSaveFileName(self, "另存为PDF", start, "PDF文件 (*.pdf)")
        if not name:
            return None
        if self.registry is not None:
            from .output_check import may_write

            target = name if name.lower().endswith(".pdf") else name + ".pdf"
            if not may_write(self, self.registry, target, title="另存为PDF",
                             confirmed=target == name):
                return None
        try:
            saved = self.save_pdf(name)
        except FazhiError as exc:
            QMessageBox.warning(self, "另存为PDF", str(exc))
            return None
        return saved


class PreviewDialog(QDialog):
    """A window around PdfPreview; owns the temporary PDF made from a .docx."""

    def __init__(self, parent: Optional[QWidget] = None, *, title: str = "预览"):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowFlag(Qt.WindowMaximizeButtonHint, True)
        self.preview = PdfPreview(self)
        self.status = QLabel("正在准备预览……", self)
        self.status.setAlignment(Qt.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.status)
        layout.addWidget(self.preview, 1)
        self.resize(900, 1000)  # an A4 page at a readable size where the screen allows
        keep_on_screen(self)
        self.workdir = Path(tempfile.mkdtemp(prefix="fazhi-preview-"))
        self.finished.connect(self._cleanup)

    def show_pdf(self, path, *, suggested_name: Optional[str] = None) -> None:
        self.preview.load_pdf(path, suggested_name=suggested_name)
        count = self.preview.page_count()
        self.status.setText(f"共 {count} 页。打印时请在打印对话框中选择打印机；纸张为A4。")

    def _cleanup(self, *_args) -> None:
        self.preview.document.close()
        # A conversion still running may be writing here; what it leaves is removed too.
        shutil.rmtree(self.workdir, ignore_errors=True)


def converter_for(registry=None):
    """The converter the clerk chose in settings (or the best one found); None when none."""
    prefer = registry.setting(converters.SETTING_KEY) if registry is not None else None
    return converters.find_converter(prefer)


def open_in_default_app(path) -> bool:
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))


def say_not_opened(parent, path) -> None:
    """Nothing opened the file: say so, where it is, and offer its folder (issue 17.3)."""
    from .reply_action import NOT_OPENED, say_not_opened_offer_folder

    say_not_opened_offer_folder(parent, "打开文件", f"文件：{path}\n{NOT_OPENED.split('。')[0]}。",
                                path)


def preview_document(parent, path, *, registry=None, title: Optional[str] = None,
                     converter=None) -> Optional[PreviewDialog]:
    """Preview a .pdf at once, or a .docx after converting it off the GUI thread.

    Returns the dialog (shown, non-modal) or None when no office suite can convert: then the
    clerk is told why and the .docx opens in the system's default application.
    """
    from .ops import run_in_background

    path = Path(path)
    dialog = PreviewDialog(parent, title=title or f"预览 - {path.name}")
    dialog.setAttribute(Qt.WA_DeleteOnClose, True)
    dialog.preview.registry = registry
    if path.suffix.lower() == ".pdf":
        dialog.show_pdf(path)
        dialog.show()
        return dialog
    converter = converter or converter_for(registry)
    if converter is None:
        dialog.deleteLater()
        QMessageBox.information(parent, "预览", converters.NONE_FOUND + "\n\n现在用系统默认程序打开该文档。")
        if not open_in_default_app(path):
            say_not_opened(parent, path)
        return None
    pdf_name = path.with_suffix(".pdf").name
    target = dialog.workdir / pdf_name

    def op(progress):
        progress.update(0, 0, f"正在用{converter.name}转换为PDF……")
        return converter.to_pdf(path, target)

    def success(pdf_path) -> None:
        try:
            dialog.show_pdf(pdf_path, suggested_name=pdf_name)
        except FazhiError as exc:
            dialog.status.setText(str(exc))

    def failure(exc) -> None:
        dialog.status.setText(f"无法预览：{exc}")
        if not isinstance(exc, InterruptedError):
            answer = QMessageBox.question(
                dialog, "预览", f"{exc}\n\n是否用系统默认程序（Word/WPS）打开该文档？")
            if answer == QMessageBox.Yes and not open_in_default_app(path):
                say_not_opened(dialog, path)

    dialog.show()
    dialog.op = run_in_background(dialog, op, title="准备预览", on_success=success,
                                  on_failure=failure, cancellable=False)
    return dialog
