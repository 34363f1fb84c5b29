"""PDF text with pypdfium2 (Apache-2.0/BSD; PyMuPDF is AGPL, docling's PDF path downloads models).

PDFium returns text in content order, which keeps the columns of a two-column
page apart, and marks a hyphen it found at a line end with U+FFFE. Page texts are
cleaned of running headers, footers and page numbers (pagetext.py) and joined,
remembering where each page starts so that a passage can be cited by page.
"""

from __future__ import annotations

from . import Extracted, Unreadable
from .pagetext import join_pages

EOF_WINDOW = 4096  # a complete PDF ends with %%EOF (some writers pad after it)


def read_pdf(data: bytes) -> Extracted:
    import pypdfium2 as pdfium

    if b"%%EOF" not in data[-EOF_WINDOW:]:
        raise Unreadable("truncated PDF: the end of the file is missing (an interrupted download or copy?)")
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise Unreadable("encrypted PDF: it needs a password; save an unprotected copy") from None
        raise Unreadable(f"damaged PDF ({exc})") from None
    try:
        texts = []
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        info = pdf.get_metadata_dict(skip_empty=True)
    finally:
        pdf.close()
    if not any(t.strip() for t in texts):
        raise Unreadable(f"no text layer in {len(texts)} page(s): a scanned PDF? Run OCR on it first (e.g. ocrmypdf)")
    text, starts = join_pages(texts)
    meta = {"title": info.get("Title"), "author": info.get("Author"), "date": _pdf_date(info.get("CreationDate"))}
    return Extracted(text, starts, meta, "pdf")


def _pdf_date(value: str | None) -> str | None:
    """PDF's D:YYYYMMDDHHmmSS... as YYYY-MM-DD."""
    digits = (value or "").removeprefix("D:")[:8]
    if len(digits) == 8 and digits.isdigit():
        return f"{digits[:4]}-{digits[4:6]}-{digits[6:]}"
    return None
