"""Small reusable widgets: field editors bound to interchange.md fields, the problem list."""
