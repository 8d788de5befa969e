"""Word and WPS by COM, driven against a stand-in for pywin32 (the tests run on Linux)."""
from __future__ import annotations

import sys
import types

import pytest

from fazhi_desktop.office import windows_com


class FakeDoc:
    def __init__(self, app, path, export_fails):
        self.app, self.path, self.export_fails = app, path, export_fails

    def ExportAsFixedFormat(self, target, fmt):
        if self.export_fails:
            raise AttributeError("ExportAsFixedFormat")
        self.app.calls.append(("export", target, fmt))

    def SaveAs(self, target, fmt):
        self.app.calls.append(("saveas", target, fmt))

    def Close(self, how):
        self.app.calls.append(("close", how))
        self.app.Documents.Count -= 1


class FakeApp:
    def __init__(self, *, open_docs=0, export_fails=False):
        self.calls, self.Visible, self.DisplayAlerts = [], True, -1
        app = self

        class Documents:
            Count = open_docs

            @staticmethod
            def Open(path, confirm, read_only):
                app.calls.append(("open", path, read_only))
                Documents.Count += 1
                return FakeDoc(app, path, export_fails)

        self.Documents = Documents

    def Quit(self, how):
        self.calls.append(("quit", how))


@pytest.fixture
def fake_pywin32(monkeypatch):
    def install(app, *, private_ok=True):
        pythoncom = types.SimpleNamespace(CoInitialize=lambda: None, CoUninitialize=lambda: None)
        client = types.ModuleType("win32com.client")

        def dispatch_ex(progid):
            if not private_ok:
                raise OSError("class not registered as a local server")
            return app

        client.DispatchEx = dispatch_ex
        client.Dispatch = lambda progid: app
        win32com = types.ModuleType("win32com")
        win32com.client = client
        monkeypatch.setitem(sys.modules, "pythoncom", pythoncom)
        monkeypatch.setitem(sys.modules, "win32com", win32com)
        monkeypatch.setitem(sys.modules, "win32com.client", client)
        return app
    return install


def test_word_exports_pdf_read_only_in_a_private_instance_and_quits(fake_pywin32, tmp_path):
    app = fake_pywin32(FakeApp())
    windows_com.docx_to_pdf("Word.Application", tmp_path / "a.docx", tmp_path / "a.pdf")
    assert app.calls[0] == ("open", str(tmp_path / "a.docx"), True)
    assert app.calls[1] == ("export", str(tmp_path / "a.pdf"), 17)
    assert app.calls[-1] == ("quit", 0)
    assert app.Visible is False and app.DisplayAlerts == 0


def test_old_wps_without_export_saves_as_pdf(fake_pywin32, tmp_path):
    app = fake_pywin32(FakeApp(export_fails=True))
    windows_com.docx_to_pdf("KWps.Application", tmp_path / "a.docx", tmp_path / "a.pdf")
    assert ("saveas", str(tmp_path / "a.pdf"), 17) in app.calls


def test_a_shared_instance_with_the_clerks_documents_is_left_running(fake_pywin32, tmp_path):
    app = fake_pywin32(FakeApp(open_docs=2), private_ok=False)
    windows_com.docx_to_pdf("KWps.Application", tmp_path / "a.docx", tmp_path / "a.pdf")
    assert not any(call[0] == "quit" for call in app.calls)
    assert app.Visible is True  # the clerk's window is not hidden


def test_missing_pywin32_is_explained(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "pythoncom", None)
    with pytest.raises(RuntimeError, match="缺少pywin32组件"):
        windows_com.docx_to_pdf("Word.Application", tmp_path / "a.docx", tmp_path / "a.pdf")
