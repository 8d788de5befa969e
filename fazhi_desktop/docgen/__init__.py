"""Qt-free: the GB/T 9704-2012 red-header document engine on python-docx, one module per document kind."""
