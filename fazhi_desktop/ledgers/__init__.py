"""Qt-free: Excel ledgers (台账) export and import on openpyxl."""
