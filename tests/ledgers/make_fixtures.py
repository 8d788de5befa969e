"""How the binary fixtures of the bad-file tests were made (run once; the results are committed).

    python tests/ledgers/make_fixtures.py        # needs LibreOffice, and msoffcrypto-tool
                                                 # (pip install msoffcrypto-tool) for the
                                                 # encrypted workbook only

- old_format.xls: a small proposal ledger saved by LibreOffice as Excel 97-2003 (.xls);
- word_renamed.xlsx: a Word 97-2003 document (.doc, by LibreOffice) renamed to .xlsx;
- encrypted.xlsx: a proposal ledger encrypted with the password 1234 (Agile encryption, as
  Excel and WPS write it: an OLE compound file holding EncryptionInfo and EncryptedPackage).
"""
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent / "fixtures"
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def small_ledger(path: Path) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["届次", "编号", "案由", "提案人"])
    ws.append(["区政协六届一次会议", 1, "关于加强法治政府建设", "胡校丽"])
    wb.save(path)
    return path


def main() -> None:
    from docx import Document

    from fazhi_desktop.office.libreoffice import convert

    HERE.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        ledger = small_ledger(work / "old_format.xlsx")
        shutil.copyfile(convert(ledger, "xls", work / "out"), HERE / "old_format.xls")
        doc = Document()
        doc.add_paragraph("关于加强法治政府建设的提案")
        doc.save(work / "word_renamed.docx")
        shutil.copyfile(convert(work / "word_renamed.docx", "doc", work / "out"),
                        HERE / "word_renamed.xlsx")
        try:
            import msoffcrypto.format.ooxml as ooxml
        except ImportError:
            print("msoffcrypto-tool is not installed: encrypted.xlsx left as it is")
            return
        with open(ledger, "rb") as plain, open(HERE / "encrypted.xlsx", "wb") as out:
            ooxml.OOXMLFile(plain).encrypt("1234", out)


if __name__ == "__main__":
    main()
