"""The proposal/suggestion editor: basic fields, communication log, reply."""
