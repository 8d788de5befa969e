"""人民调解协议书 / 卷宗 from the mediation editor, through the table of document types
(docgen/document_types.py) and the shared flow of gui/document_actions.py: ask the folder once,
render off the GUI thread, never overwrite a file already there, note whole ID numbers in the
操作记录, open the document.
"""
from __future__ import annotations

TYPE_NAMES = {"agreement": "agreement", "case_file": "case-file"}


def render_document(parent, registry, record_id: str, what: str, *, open_file: bool = True,
                    on_done=None):
    """Render the agreement ('agreement') or the whole case file ('case_file') of a saved case."""
    from ..document_actions import make_typed_document

    return make_typed_document(parent, registry, TYPE_NAMES[what], "mediation", record_id,
                               open_file=open_file, on_done=on_done)
