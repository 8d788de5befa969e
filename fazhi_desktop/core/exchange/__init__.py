"""Data packages between offices (docs/exchange.md), Qt-free.

- identity: canonical ids and record versions (edit counter + editing office).
- package: the .fzpkg file: a zip with a manifest, one member per kind, a whole-file checksum.
- crypto: passphrase encryption of the members (SM4-GCM or AES-256-GCM, scrypt key).
- export: a package of this file's records, deletions included.
- merge: reading, checking and planning a package, then applying the plan in one transaction.
- conflicts: records changed on both sides, kept side by side until the clerk settles them.
- offices: the offices known to this file and the packages received from them.
"""
