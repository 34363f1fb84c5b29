"""Web pages with trafilatura: the article text and its metadata, without the page around it.

trafilatura (Apache-2.0) leaves out navigation, cookie banners, "Les også" link
boxes and footers, and reads title, date, author and site name from the page's
meta tags and JSON-LD.
"""

from __future__ import annotations

from . import Extracted, Unreadable


def read_html(data: bytes, url: str | None = None) -> Extracted:
    import trafilatura

    found = trafilatura.bare_extraction(data, url=url, with_metadata=True, include_comments=False,
                                        include_tables=True, favor_precision=True)
    text = (getattr(found, "text", None) or "").strip() if found is not None else ""
    if not text:
        raise Unreadable("no article text found in the HTML page (an empty page, or one built by JavaScript?)")
    # one paragraph per line in trafilatura's output; a blank line keeps them apart for the repair step
    text = "\n\n".join(line.strip() for line in text.splitlines() if line.strip()) + "\n"
    page_url = getattr(found, "url", None) or url
    meta = {
        "title": getattr(found, "title", None),
        "author": getattr(found, "author", None),
        "date": getattr(found, "date", None),
        "organisation": getattr(found, "sitename", None),
        "source_url": page_url if page_url and page_url.startswith(("http://", "https://")) else None,
        "language": getattr(found, "language", None),
    }
    return Extracted(text, [], meta, "html")
