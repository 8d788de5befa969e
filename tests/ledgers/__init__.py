"""Tests of the Excel ledgers: export, import, the wizard and the command line."""
