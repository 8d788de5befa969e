"""公文排版: a colleague's draft (.docx, .doc, .wps, .txt) set in the red-header format.

Qt-free, on the same engine as the replies. reading.py reads a draft into blocks in order;
recognise.py labels each block with its part (title, 主送, body, 署名 …); normalise.py makes the
only changes to the words (punctuation, heading numbers), each listed; compose.py writes the
document with the office's profile; check.py is the read-only 格式诊断; past_replies.py turns a
folder of replies sent in earlier years into register records.
"""
