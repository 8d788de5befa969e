"""Qt-free: finding and driving the office suite on the machine (LibreOffice, WPS, Word)."""
