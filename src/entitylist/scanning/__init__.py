"""Finding listed parties mentioned in documents (``entitylist scan``).

:mod:`.extract` reads the text of a file (plain text in any encoding, HTML, PDF text layers,
DOCX, e-mail with its attachments); :mod:`.tokens` splits text into words with offsets;
:mod:`.mentions` finds the passages that name a listed party, through the screening core.
"""
