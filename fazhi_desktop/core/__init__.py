"""Qt-free core: records and validation, the store, queries, statistics, backups."""
