"""The clerk previews a document in the app, zooms, prints it and saves it as PDF."""
from __future__ import annotations

import docx
import docx.shared
import pytest
from PySide6.QtCore import QMarginsF, QRectF, QSize
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtPrintSupport import QPrinter

from fazhi_desktop.gui.preview import PdfPreview, PreviewDialog, preview_document
from tests.office.pdfutil import flat_text, page_count, page_size_mm

# The offscreen platform cannot pass size hints to a window manager it does not have.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _write_pdf(path, pages: int) -> None:
    """A PDF of A4 pages, each saying which page it is (made by Qt: no office suite needed)."""
    writer = QPdfWriter(str(path))
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(0, 0, 0, 0)))
    writer.setResolution(72)
    painter = QPainter(writer)
    painter.setFont(QFont("Noto Sans CJK SC", 20))
    for n in range(1, pages + 1):
        if n > 1:
            writer.newPage()
        painter.drawText(QRectF(100, 100, 400, 60), f"第{n}页答复")
    painter.end()


@pytest.fixture
def three_pages(tmp_path):
    path = tmp_path / "答复.pdf"
    _write_pdf(path, 3)
    return path


@pytest.fixture
def preview(qtbot, three_pages):
    widget = PdfPreview()
    qtbot.addWidget(widget)
    widget.resize(800, 900)
    widget.show()
    widget.load_pdf(three_pages)
    return widget


def test_preview_shows_the_page_count_and_moves_between_pages(preview, qtbot):
    assert preview.page_count() == 3
    assert "共 3 页" in preview.page_label.text() and "第 1 页" in preview.page_label.text()
    assert not preview.actions_by_name["previous"].isEnabled()
    preview.actions_by_name["next"].trigger()
    qtbot.waitUntil(lambda: preview.current_page() == 1)
    assert "第 2 页 / 共 3 页" in preview.page_label.text()
    preview.go_to_page(9)
    qtbot.waitUntil(lambda: preview.current_page() == 2)
    assert not preview.actions_by_name["next"].isEnabled()


def test_zoom_in_out_and_back_to_fit_width(preview):
    assert preview.actions_by_name["fit_width"].isChecked()
    start = preview.zoom_percent()
    assert preview.zoom_label.text().strip() == f"{start}%"
    preview.actions_by_name["zoom_in"].trigger()
    bigger = preview.zoom_percent()
    assert bigger == pytest.approx(start * 1.25, abs=2)
    assert preview.zoom_label.text().strip() == f"{bigger}%"
    assert not preview.actions_by_name["fit_width"].isChecked()
    preview.actions_by_name["zoom_out"].trigger()
    preview.actions_by_name["zoom_out"].trigger()
    assert preview.zoom_percent() < start
    preview.actions_by_name["fit_width"].trigger()
    assert preview.actions_by_name["fit_width"].isChecked()
    assert preview.zoom_percent() == start


def test_printing_sends_every_page_on_a4(preview, tmp_path):
    printer = preview.make_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "打印输出.pdf"
    printer.setOutputFileName(str(out))
    assert preview.print_to(printer) == 3
    assert page_count(out) == 3
    assert page_size_mm(out) == (210, 297)
    # the pages go out as images at the printer's resolution, in order
    assert printer.resolution() >= 300


def _ink_box(pdf_path, page: int) -> tuple:
    """Bounding box (in 1/30 inch) of the dark pixels of a page, rendered by Qt PDF."""
    from PySide6.QtGui import QImage
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument()
    document.load(str(pdf_path))
    size = document.pagePointSize(page)
    image = document.render(page, QSize(round(size.width() * 30 / 72), round(size.height() * 30 / 72)))
    document.close()
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    data, stride = bytes(gray.constBits()), gray.bytesPerLine()
    dark = bytes(1 if v < 128 else 0 for v in range(256))  # pixel value -> dark?
    xs, ys = [], []
    for y in range(gray.height()):
        row = data[y * stride:y * stride + gray.width()].translate(dark)
        if 1 in row:
            ys.append(y)
            xs += [row.index(1), row.rindex(1)]
    return min(xs), min(ys), max(xs), max(ys)


def test_printed_pages_keep_the_text_where_the_document_has_it(preview, tmp_path, three_pages):
    printer = preview.make_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "打印.pdf"
    printer.setOutputFileName(str(out))
    preview.print_to(printer)
    for page in (0, 2):
        original, printed = _ink_box(three_pages, page), _ink_box(out, page)
        assert all(abs(a - b) <= 1 for a, b in zip(original, printed)), (original, printed)


def test_printing_a_page_range_sends_only_those_pages(preview, tmp_path):
    printer = preview.make_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "第2-3页.pdf"
    printer.setOutputFileName(str(out))
    printer.setResolution(150)  # the range is what is checked here; keep it quick
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert preview.pages_to_print(printer) == [1, 2]
    assert preview.print_to(printer) == 2
    assert page_count(out) == 2


def test_save_as_pdf_writes_the_same_document(preview, tmp_path, three_pages):
    saved = preview.save_pdf(tmp_path / "另存的答复")
    assert saved.name == "另存的答复.pdf"
    assert saved.read_bytes() == three_pages.read_bytes()


def test_a_damaged_pdf_is_refused_with_a_message(qtbot, tmp_path):
    bad = tmp_path / "坏.pdf"
    bad.write_bytes(b"not a pdf")
    widget = PdfPreview()
    qtbot.addWidget(widget)
    with pytest.raises(Exception, match="无法打开PDF文件“坏.pdf”"):
        widget.load_pdf(bad)
    assert not widget.actions_by_name["print"].isEnabled()


def test_previewing_a_word_document_converts_it_off_the_gui_thread(qtbot, tmp_path):
    source = tmp_path / "对第28号提案的答复.docx"
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = docx.shared.Mm(210), docx.shared.Mm(297)
    document.add_paragraph("您提出的关于“加强法治政府建设”的提案收悉。")
    document.add_page_break()
    document.add_paragraph("联系人：王丙寅")
    document.save(source)
    dialog = preview_document(None, source)
    assert isinstance(dialog, PreviewDialog)
    qtbot.waitUntil(lambda: dialog.preview.page_count() == 2, timeout=120_000)
    assert "共 2 页" in dialog.status.text()
    saved = dialog.preview.save_pdf(tmp_path / "saved.pdf")
    assert "提案收悉" in flat_text(saved)
    assert dialog.preview.suggested_name == "对第28号提案的答复.pdf"
    temp_pdf = dialog.preview.pdf_path
    assert temp_pdf.exists()
    dialog.close()  # closing the window removes its temporary PDF
    qtbot.waitUntil(lambda: not temp_pdf.exists())


def test_without_an_office_suite_the_document_opens_in_the_default_app(qtbot, tmp_path, monkeypatch):
    from fazhi_desktop.gui import preview as preview_module

    opened, told = [], []
    monkeypatch.setattr(preview_module.converters, "available_converters", lambda: [])
    monkeypatch.setattr(preview_module, "open_in_default_app", lambda p: opened.append(p))
    monkeypatch.setattr(preview_module.QMessageBox, "information",
                        lambda parent, title, text: told.append(text))
    source = tmp_path / "答复.docx"
    source.write_bytes(b"")
    assert preview_document(None, source) is None
    assert opened == [source]
    assert "未找到可以把Word文档转换为PDF的办公软件" in told[0]


def test_settings_show_the_converter_in_use_and_keep_the_choice(qtbot, registry):
    from fazhi_desktop.gui.converter_setting import ConverterSetting

    box = ConverterSetting(registry)
    qtbot.addWidget(box)
    assert box.choice.currentText() == "自动选择"
    assert box.in_use.text().startswith("LibreOffice ") and "（/" in box.in_use.text()
    box.choice.setCurrentIndex(box.choice.findData("word"))
    assert registry.setting("pdf_converter") == "word"
    assert "所选的Microsoft Word未找到，改用此项" in box.in_use.text()


def test_closing_the_preview_before_the_conversion_ends_is_harmless(qtbot, tmp_path):
    import threading

    from fazhi_desktop.office.converters import Converter

    release = threading.Event()

    def slow(src, dst):
        release.wait(10)
        _write_pdf(dst, 1)

    source = tmp_path / "答复.docx"
    source.write_bytes(b"PK")
    dialog = preview_document(None, source, converter=Converter("libreoffice", "LibreOffice", "x", "7.4", slow))
    workdir = dialog.workdir
    dialog.close()
    release.set()
    qtbot.waitUntil(lambda: not workdir.exists() or not any(workdir.iterdir()), timeout=10_000)
    qtbot.wait(300)  # the late result arrives for a window that is gone: nothing happens


def test_print_button_opens_the_print_dialog_and_prints_what_it_chose(preview, tmp_path, monkeypatch):
    from PySide6.QtPrintSupport import QPrintDialog
    from PySide6.QtWidgets import QDialog

    out = tmp_path / "经打印对话框.pdf"
    make = preview.make_printer

    def pdf_printer():
        printer = make()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setResolution(150)
        return printer

    seen = {}

    def accept(dialog):  # the clerk picks pages 2-3 and presses 打印
        seen["range"] = (dialog.minPage(), dialog.maxPage())
        seen["a4"] = dialog.printer().pageLayout().pageSize().id() == QPageSize.PageSizeId.A4
        dialog.printer().setPrintRange(QPrinter.PrintRange.PageRange)
        dialog.printer().setFromTo(2, 3)
        return QDialog.Accepted

    monkeypatch.setattr(preview, "make_printer", pdf_printer)
    monkeypatch.setattr(QPrintDialog, "exec", accept)
    preview.actions_by_name["print"].trigger()
    assert seen == {"range": (1, 3), "a4": True}
    assert page_count(out) == 2
