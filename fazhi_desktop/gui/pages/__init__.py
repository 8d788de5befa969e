"""The pages of the main window: one QWidget(registry, parent) with refresh() each."""
