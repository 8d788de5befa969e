"""Qt-free: the GB/T 9704-2012 red-header document engine on python-docx, one module per document kind.

Two levels, both meant for reuse (replies here; mediation agreements, case files and the yearly
report in their own modules):

1. Declarative — fill an `OfficialDocument` (docgen/model.py) and write it::

       from fazhi_desktop.docgen.model import (OfficialDocument, FileHeader, LetterHeader,
           Paragraph, Picture, Table, PageBreak, Signature, Colophon, AttachmentPage)
       from fazhi_desktop.docgen.render import write_document, RenderResult

       doc = OfficialDocument(
           header=FileHeader(marks=["平顶山市湛河区司法局"], doc_number="平湛司〔2022〕26号",
                             signers=["杨晓伟"]),          # signers -> upward (上行文) layout
           title="关于2022年度法治政府建设情况的报告",        # "\n" = manual line break
           addressee="区委、区政府",
           body=["一、总体情况\n正文……", Picture("chart.png", 150, "图1 ……")],
           signature=Signature(["湛河区司法局"], "2022-12-20", sealed=True),
           notes=["联系人：王丙寅，电话：2818989"],
           colophon=Colophon(cc=["市司法局"], printed_by="平顶山市湛河区司法局办公室",
                             printed_date="2022-12-20"),
           fonts=profile["fonts"])
       result = write_document(doc, "out.docx")   # RenderResult(path, warnings)

   - header: FileHeader (文件: marks = several names for a joint issue, suffix "文件" or "",
     copy_number/secrecy/urgency optional) or LetterHeader (信函) or None (no 版头: e.g. a
     mediation agreement on plain GB/T 9704 pages).
   - body: str (one paragraph per line; 一、 （一） 1. （1） detected: 黑体/楷体/仿宋, a run-in
     heading takes its font up to the first 。), Paragraph(text, level=, align=, indent=),
     Picture(path, width_mm, caption), Table(rows, widths_mm), PageBreak().
   - corner_mark ("A" top right of page 1) or above_title ("办理结果：A" on the first blank line
     under the red line); attachments (附件说明 names); attachment_pages (AttachmentPage);
     signature (sealed: date 4 characters from the right, name centred over it, room for the
     seal or `seal_image` placed over them; unsealed: GB/T 9704 7.3.5.2); notes (附注, printed
     in parentheses); contact (a reply's 联系单位及电话/联系人 line after the date, two characters
     in, no parentheses, kept on one line); colophon (版记 at the bottom of the last page; 信函: no 印发, no lines).
   - required: elements refused when empty (ValidationError naming them), default
     ("title", "addressee", "date"); pass e.g. ("title",) for documents without an addressee.
   - write_document writes exactly the path through core/atomic.py and adds the font
     substitution warnings of core/fonts.py; bad characters are removed with a warning.

2. Imperative — `Composer` (docgen/composer.py) for documents the model does not cover: a
   python-docx Document already set up (A4, margins, 22x28 grid, styles, page numbers), with
   `title()`, `addressee()`, `paragraph()`, `text()`, `picture()`, `table()` (ruled, docgen/
   tables.py), `page_break()` (the next paragraph or table starts a page), `line()/spacer()/
   blank()` (exact-height lines), `run(text, role, size, nobreak=False)` (a run XML in the
   profile's font for role title/body/heading1/heading2/page_number; nobreak: numbers, dates,
   发文字号 … held on one line, for text that may wrap),
   `add(xml)`, `save(path)` and `.doc` (the python-docx Document) and `.warnings`. The header,
   closing and render modules are functions over a Composer: `render.build(doc)` returns the
   Composer before saving, for a caller that wants to append its own pages.

Every text passes `Composer.run`, which sets half-width , : ; ? ! ( ) in Chinese text full-width
(docgen/punctuation.py; the count is a warning on save). Body paragraphs, table cells, 附注, the
contact line and 抄送 hold numbers, dates, 发文字号, counts and names on one line
(docgen/nobreak.py); a heading standing alone keeps with the next paragraph. Default sentences
built from record fields (openings, titles, addressees) come from docgen/wording.py, which never
doubles a word or suffix. docs/printing.md says what was measured.

Layout figures live in docgen/layout.py (mm from GB/T 9704; LibreOffice traps noted where they
bite). Built on the engine:

- docgen/replies.py: `build_reply(kind, record, profile, signer=None) -> (OfficialDocument,
  warnings)` (pure), `render_reply(registry, kind, record_id, out_path, *, signer=None) ->
  RenderResult`, `render_replies_per_signer(registry, kind, record_id, folder)` (联名),
  `default_filename(kind, record, signer=None)`.
- docgen/document_types.py: THE table of document types (`TYPES`; `for_kind(kind)`,
  `get(name, kind)` refusing a type that does not apply, `render_document(registry, name, kind,
  record_id, out_path, *, signer=None)` which also notes whole-ID outputs in the 操作记录). The
  CLI, the GUI's 文书 menus and the batch go through it; see docs/documents.md.
- docgen/forms.py: `render_opinion_form(...)` (征询意见表) and `render_assist_opinion(...)`
  (会办意见: only where the office assists; `assist_problems(kind, record, profile)`; numbered in
  its own series, profile `assist_code`, default 代字 + "会", in the year of `assist.date`; made
  again it keeps the number it was given), `opinion_form_filename`, `assist_opinion_filename`.
- docgen/second_reply.py: `render_second_reply(...)` (再次答复), `second_problems(kind, record)`.
- core/numbering.py: `next_doc_number(registry, code, year)` (a proposal),
  `reserve_doc_number(...)` (hands it out, recorded in doc_number in a transaction),
  `check_doc_number(registry, text, kind=, record_id=)` (Chinese warnings: malformed or used),
  `record_doc_number(...)`, `issued_number(registry, code, year, kind=, record_id=)`.
- core/fonts.py: `check_fonts(profile["fonts"])` -> FontStatus(role, name, installed,
  substitute, choice) and `substitution_warnings(fonts)` (Chinese sentences; also in
  RenderResult); `printable_fonts(fonts)` -> (the names this PC has, notices): the Composer
  writes 仿宋 where a Kylin/UOS PC has no 仿宋_GB2312 (docs/documents.md, 字体).
"""
