"""Kylin/UOS font names: the document names the family this PC really has, and says which.

The PCs the clerks get install 仿宋_GB2312 as 仿宋 (FangSong), 方正小标宋简体 as 方正小标宋_GBK or
FZXiaoBiaoSong-B05S, 楷体_GB2312 under its English name … A document that keeps the standard
name prints in a fallback font there; these tests give fontconfig a fake font folder with such
names (fake_fontconfig.py) and read what the document names and what LibreOffice prints.
"""
from __future__ import annotations

import shutil
import zipfile

import pytest

from fazhi_desktop.core import fonts
from fazhi_desktop.docgen.model import OfficialDocument, Signature
from fazhi_desktop.docgen.render import write_document

from . import fake_fontconfig as fake

TITLE = "关于法治政府建设情况的报告"
BODY = ["一、总体情况", "今年以来，我局依法履行职责，推进法治政府建设。",
        "（一）具体做法", "完善制度，规范执法，化解纠纷。"]
# The fonts a Kylin V10 PC of an office might have: names as its font files carry them.
KYLIN_FONTS = (
    # (file, English family, Chinese family or None, PostScript name)
    ("simfang.ttf", "FangSong", "仿宋", "FangSong"),
    ("FZXBSK.TTF", "FZXiaoBiaoSong-B05", "方正小标宋_GBK", "FZXBSK--GBK1-0"),
    ("KaiTi_GB2312.ttf", "KaiTi_GB2312", None, "KaiTi_GB2312"),
    ("simhei.ttf", "SimHei", "黑体", "SimHei"),
)


def _document() -> OfficialDocument:
    return OfficialDocument(title=TITLE, addressee="区委、区政府", body=["\n".join(BODY)],
                            signature=Signature(["湛河区司法局"], "2022-08-08"))


@pytest.fixture(autouse=True)
def _fresh_font_lists():
    """The font lists are cached for the process: each test reads its own fontconfig."""
    cached = [getattr(fonts, name) for name in ("installed_faces", "installed_families",
                                                 "substitute_for") if hasattr(fonts, name)]
    for function in cached:
        function.cache_clear()
    yield
    for function in cached:
        function.cache_clear()


@pytest.fixture(scope="module")
def kylin_font_dir(tmp_path_factory):
    if not shutil.which("fc-list"):
        pytest.skip("fontconfig (fc-list) is not installed")
    pytest.importorskip("fontTools", reason="fontTools renames the test fonts")
    source = fake.source_font()
    if not source:
        pytest.skip("no free CJK font (fonts-wqy-zenhei / fonts-noto-cjk) to copy")
    folder = tmp_path_factory.mktemp("kylin-fonts")
    text = TITLE + "".join(BODY) + "区委、区政府湛河区司法局二〇二二年八月日0123456789—-"
    for file, en, zh, postscript in KYLIN_FONTS:
        fake.renamed_font(folder / file, en=en, zh=zh, postscript=postscript, text=text,
                          source=source)
    return folder


def _use_fonts(monkeypatch, tmp_path, font_dir, *, with_system_fonts=False):
    conf = fake.write_conf(tmp_path, font_dir, with_system_fonts=with_system_fonts)
    monkeypatch.setenv("FONTCONFIG_FILE", str(conf))
    return conf


def _east_asian_fonts(docx_path) -> set:
    with zipfile.ZipFile(docx_path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    import re

    return set(re.findall(r'w:eastAsia="([^"]+)"', xml))


def test_document_names_the_families_a_kylin_pc_has(monkeypatch, tmp_path, kylin_font_dir):
    conf = _use_fonts(monkeypatch, tmp_path, kylin_font_dir)
    result = write_document(_document(), tmp_path / "答复.docx")
    used = _east_asian_fonts(result.path)
    listing = fake.fc_families(conf)
    # 仿宋_GB2312 -> 仿宋 (its Chinese family name), 方正小标宋简体 -> 方正小标宋_GBK,
    # 楷体_GB2312 -> KaiTi_GB2312 (that file has only its English name); 黑体 is there as is
    assert {"仿宋", "方正小标宋_GBK", "KaiTi_GB2312", "黑体"} <= used, listing
    assert not used & {"仿宋_GB2312", "方正小标宋简体", "楷体_GB2312"}, listing
    text = "\n".join(result.warnings)
    assert "“仿宋_GB2312”" in text and "已改用本机的同类字体“仿宋”" in text
    assert "“方正小标宋简体”" in text and "“方正小标宋_GBK”" in text
    assert "“楷体_GB2312”在本机的安装名称为“KaiTi_GB2312”" in text
    assert "黑体" not in text  # installed under the profile's own name: nothing to say
    # the replaced fonts are not reported missing as well
    assert not any("“仿宋_GB2312”未安装" in w for w in result.warnings)


def test_standard_names_stay_where_the_fonts_are_installed_as_such(monkeypatch, tmp_path,
                                                                   kylin_font_dir):
    folder = tmp_path / "fonts"
    folder.mkdir()
    shutil.copy(kylin_font_dir / "simhei.ttf", folder)
    fake.renamed_font(folder / "fs.ttf", en="FangSong_GB2312", zh="仿宋_GB2312",
                      postscript="FangSong_GB2312", text=TITLE, source=str(folder / "simhei.ttf"))
    _use_fonts(monkeypatch, tmp_path, folder)
    result = write_document(_document(), tmp_path / "答复.docx")
    used = _east_asian_fonts(result.path)
    assert "仿宋_GB2312" in used and "仿宋" not in used
    assert not any("仿宋" in w and "改用" in w for w in result.warnings)


def test_choice_prefers_the_same_font_then_the_same_design(monkeypatch):
    monkeypatch.setattr(fonts, "installed_faces", lambda: (
        ("仿宋", "FangSong", "FangSong"), ("华文仿宋", "STFangsong", "STFangsong"),
        ("FZXiaoBiaoSong-B05S", "FZXBSJW--GB1-0")))
    choice = fonts.printable_name("仿宋_GB2312")
    assert (choice.used, choice.kind) == ("仿宋", fonts.SIMILAR)
    choice = fonts.printable_name("方正小标宋简体")
    assert (choice.used, choice.kind) == ("FZXiaoBiaoSong-B05S", fonts.SAME)
    assert "安装名称为“FZXiaoBiaoSong-B05S”" in choice.notice("title")
    assert fonts.printable_name("仿宋") is None  # installed as named
    assert fonts.printable_name("楷体_GB2312") is None  # nothing like it: the warning says so


def test_printed_pdf_uses_the_installed_family(monkeypatch, tmp_path, kylin_font_dir, to_pdf):
    """LibreOffice, with the fake Kylin fonts beside the system's, prints the body in 仿宋
    (FangSong) and the title in 方正小标宋_GBK: the names in the document are found."""
    fitz = pytest.importorskip("fitz")
    _use_fonts(monkeypatch, tmp_path, kylin_font_dir, with_system_fonts=True)
    result = write_document(_document(), tmp_path / "答复.docx")
    pdf = fitz.open(str(to_pdf(result.path)))
    spans = [span for block in pdf[0].get_text("dict")["blocks"]
             for line in block.get("lines", ()) for span in line["spans"]]

    def font_of(text):
        return next(s["font"] for s in spans if text in s["text"])

    assert font_of("今年以来").endswith("FangSong"), [(s["font"], s["text"]) for s in spans]
    assert font_of("法治政府建设").endswith("FZXBSK--GBK1-0")
    assert font_of("具体做法").endswith("KaiTi_GB2312")


def test_font_check_names_the_replacement_not_a_fallback(monkeypatch, tmp_path, kylin_font_dir):
    """The check shown before printing (check_fonts) tells the same as the render."""
    _use_fonts(monkeypatch, tmp_path, kylin_font_dir)
    statuses = {s.role: s for s in fonts.check_fonts({})}
    body = statuses["body"]
    assert body.installed is False and body.choice and body.choice.used == "仿宋"
    assert "已改用本机的同类字体“仿宋”" in body.warning()
    assert statuses["heading1"].installed is True  # 黑体 = SimHei
