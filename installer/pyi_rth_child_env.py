"""PyInstaller runtime hook (Linux): programs the app starts get the system's libraries, not ours.

The bootloader points LD_LIBRARY_PATH at the bundle so the app finds its libraries; children
inherit it, and LibreOffice, WPS or the file manager (打开数据文件夹) would then load the
bundle's libstdc++, glib or libX11 instead of their own. The loader of this process read the
variable at start-up already, so restoring it here changes only what children see.
"""
import os
import sys

if sys.platform.startswith("linux"):
    original = os.environ.pop("LD_LIBRARY_PATH_ORIG", None)
    if original is not None:
        os.environ["LD_LIBRARY_PATH"] = original
    else:
        os.environ.pop("LD_LIBRARY_PATH", None)
