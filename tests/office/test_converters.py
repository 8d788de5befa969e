"""Finding the office suite and converting a Word document to PDF with it."""
from __future__ import annotations

import docx
import docx.shared
import pytest

from fazhi_desktop.office import converters
from fazhi_desktop.office.converters import Converter, ConversionError, NoConverter

from .pdfutil import flat_text, page_count, page_size_mm


def _two_page_docx(path):
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = docx.shared.Mm(210), docx.shared.Mm(297)
    document.add_paragraph("第一页：关于加强法治政府建设的答复")
    document.add_page_break()
    document.add_paragraph("第二页：联系人王丙寅")
    document.save(path)
    return path


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    """One LibreOffice conversion for the module; a Chinese file name as clerks save them."""
    folder = tmp_path_factory.mktemp("conv")
    source = _two_page_docx(folder / "对区政协六届一次会议第28号提案的答复.docx")
    conv = converters.find_converter("libreoffice")
    assert conv is not None, "LibreOffice is installed on the test machine"
    return conv, source, conv.to_pdf(source)


def test_converter_found_is_named_for_the_settings_page():
    conv = converters.find_converter()
    assert conv.key == "libreoffice"
    assert conv.display_name.startswith("LibreOffice ")
    assert conv.display_name.endswith(f"（{conv.location}）")
    assert conv.version and conv.version[0].isdigit()


def test_conversion_writes_the_pdf_beside_the_docx_with_its_pages_and_text(converted):
    conv, source, pdf = converted
    assert pdf == source.with_suffix(".pdf") and pdf.exists()
    assert page_count(pdf) == 2
    text = flat_text(pdf)
    assert "关于加强法治政府建设的答复" in text and "联系人王丙寅" in text
    assert page_size_mm(pdf) == (210, 297)
    # nothing else is left in the folder (no temporary files, no LibreOffice lock files)
    assert sorted(p.name for p in source.parent.iterdir()) == sorted([source.name, pdf.name])


def test_no_office_suite_gives_the_clerk_a_chinese_message(monkeypatch, tmp_path):
    monkeypatch.setattr(converters, "available_converters", lambda: [])
    assert converters.find_converter() is None
    with pytest.raises(NoConverter) as err:
        converters.to_pdf(_two_page_docx(tmp_path / "a.docx"))
    assert "未找到" in str(err.value) and "WPS" in str(err.value)
    assert not (tmp_path / "a.pdf").exists()


def test_wps_without_background_conversion_is_named_honestly(monkeypatch):
    monkeypatch.setattr(converters, "available_converters", lambda: [])
    monkeypatch.setattr(converters.wps_linux, "find_wps", lambda: "/usr/bin/wps")
    monkeypatch.setattr(converters.wps_linux, "rpc_available", lambda: False)
    line = converters.describe_converter()
    assert "WPS Office（/usr/bin/wps）" in line and "不支持在后台转换PDF" in line


def test_chosen_suite_wins_and_a_missing_choice_falls_back(monkeypatch):
    lo = Converter("libreoffice", "LibreOffice", "/usr/bin/soffice", "7.4")
    wps = Converter("wps", "WPS Office", r"C:\WPS\wps.exe", "12.1")
    monkeypatch.setattr(converters, "available_converters", lambda: [lo, wps])
    assert converters.find_converter("wps") is wps
    assert converters.find_converter("auto") is lo
    assert converters.find_converter("word") is lo
    assert "所选的Microsoft Word未找到" in converters.describe_converter("word")


def test_a_failing_suite_leaves_no_partial_pdf(tmp_path):
    def half_then_crash(src, dst):
        dst.write_bytes(b"%PDF-1.7 half")
        raise OSError("Word停止响应")

    broken = Converter("word", "Microsoft Word", "WINWORD.EXE", "2016及以上", half_then_crash)
    source = _two_page_docx(tmp_path / "答复.docx")
    with pytest.raises(ConversionError) as err:
        broken.to_pdf(source)
    assert "Microsoft Word未能把“答复.docx”转换为PDF" in str(err.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["答复.docx"]


def test_missing_source_is_named(tmp_path):
    conv = Converter("libreoffice", "LibreOffice", "soffice", None, lambda s, d: None)
    with pytest.raises(ConversionError, match="找不到要转换的文件"):
        conv.to_pdf(tmp_path / "没有.docx")


def test_windows_com_suites_are_not_looked_for_off_windows():
    from fazhi_desktop.office import windows_com

    assert windows_com.find_progid(windows_com.WORD_PROGIDS) is None
    assert windows_com.word_version_name("16") == "2016及以上"
