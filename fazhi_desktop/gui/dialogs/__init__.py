"""Dialogs: first-run profile, and (other engineers) import, export, about."""
