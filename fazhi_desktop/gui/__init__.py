"""PySide6 only: the window, pages, models and dialogs over the Qt-free core."""
