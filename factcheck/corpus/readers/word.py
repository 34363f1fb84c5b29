"""Word documents with python-docx: headings and paragraphs in order, tables as text rows."""

from __future__ import annotations

import io

from . import Extracted, Unreadable


def read_docx(data: bytes) -> Extracted:
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # a damaged zip or XML: python-docx raises several types
        raise Unreadable(f"damaged DOCX file ({type(exc).__name__}: {exc})") from None
    blocks = []
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            blocks.extend(_row_text(row) for row in item.rows)
        else:
            blocks.append(item.text)
    blocks = [b.strip() for b in blocks if b and b.strip()]
    if not blocks:
        raise Unreadable("no text in the DOCX document")
    core = document.core_properties
    meta = {
        "title": core.title or None,
        "author": core.author or None,
        "date": core.created.date().isoformat() if core.created else None,
        "language": core.language or None,
    }
    return Extracted("\n\n".join(blocks) + "\n", [], meta, "docx")


def _row_text(row) -> str:
    """A table row as one line; a merged cell spans several columns but is read once."""
    cells, seen = [], set()
    for cell in row.cells:
        if id(cell._tc) in seen:
            continue
        seen.add(id(cell._tc))
        text = " ".join(cell.text.split())
        if text:
            cells.append(text)
    return " | ".join(cells)
