"""Qt-free: finding and driving the office suite on the machine (LibreOffice, WPS, Word).

`converters.find_converter()` / `converters.to_pdf()` are the entry points; the modules
libreoffice, windows_com and wps_linux each drive one suite.
"""
