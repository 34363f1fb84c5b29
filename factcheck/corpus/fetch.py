"""`factcheck corpus add`: put a file or a web page into a corpus folder, with its metadata.

A file is copied (with its NAME.meta.json, if one lies beside it); a URL is fetched
with httpx and saved as .html/.pdf/.docx/.txt by its content type, with a
NAME.meta.json holding the URL, so that citations point at the page, not at the
local copy. Either is read once before it is kept: a file the corpus could not
read is refused now, with the reason, instead of being listed at the next index.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import FactcheckError
from .documents import load_document
from .metadata import meta_path_for
from .readers import FORMATS
from .scan import max_bytes

TIMEOUT_S = 30.0
USER_AGENT = "faktasjekk (+https://github.com/; a fact checker reading a page it was given)"
SUFFIX_OF_TYPE = {"text/html": ".html", "application/xhtml+xml": ".html", "application/pdf": ".pdf",
                  "text/plain": ".txt", "text/markdown": ".md",
                  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx"}


@dataclass
class Added:
    source: str  # the file or URL given
    path: Path  # where it now lies in the corpus
    title: str
    unchanged: bool = False  # the same file was already there


def add(item: str, folder: Path) -> Added:
    """Copy or fetch one FILE or URL into `folder`."""
    if item.startswith(("http://", "https://")):
        return _fetch(item, folder)
    return _copy(Path(item), folder)


def _copy(path: Path, folder: Path) -> Added:
    if not path.is_file():
        raise FactcheckError(f"{path}: no such file")
    if path.suffix.lower() not in FORMATS:
        raise FactcheckError(f"{path}: unsupported format {path.suffix or '(none)'}; the corpus reads {', '.join(FORMATS)}")
    doc = load_document(path)  # refuse what the corpus could not read, with the reason
    target = folder / path.name
    if target.exists():
        if target.read_bytes() == path.read_bytes():
            return Added(str(path), target, doc.title, unchanged=True)
        raise FactcheckError(f"{target} already exists with other content; rename {path.name} or remove the old one")
    shutil.copy2(path, target)
    if meta_path_for(path).exists():
        shutil.copy2(meta_path_for(path), meta_path_for(target))
    return Added(str(path), target, doc.title)


def _fetch(url: str, folder: Path) -> Added:
    import httpx

    limit = max_bytes()
    try:
        with httpx.Client(follow_redirects=True, timeout=TIMEOUT_S, headers={"User-Agent": USER_AGENT}) as client:
            with client.stream("GET", url) as response:
                if response.status_code >= 400:
                    raise FactcheckError(f"{url}: the server answered {response.status_code} {response.reason_phrase}")
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > limit:
                        raise FactcheckError(f"{url}: larger than {limit / 1e6:.0f} MB (FACTCHECK_MAX_DOCUMENT_MB)")
                final_url = str(response.url)
                kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
    except httpx.HTTPError as exc:
        raise FactcheckError(f"{url}: cannot fetch ({type(exc).__name__}: {exc})") from None
    suffix = SUFFIX_OF_TYPE.get(kind) or Path(urlsplit(final_url).path).suffix.lower()
    if suffix not in FORMATS:
        raise FactcheckError(f"{url}: content type {kind or '(none)'} is not one the corpus reads")
    target = _already_fetched(folder, final_url, suffix) or _free_name(folder, _slug(final_url), suffix)
    meta = {"source_url": final_url, "fetched_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}
    if final_url != url:
        meta["requested_url"] = url
    with tempfile.TemporaryDirectory(dir=folder, prefix=".add-") as tmp:
        staged = Path(tmp) / target.name
        staged.write_bytes(bytes(body))
        meta_path_for(staged).write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        try:
            doc = load_document(staged)
        except FactcheckError as exc:
            raise FactcheckError(f"{url}: {str(exc).removeprefix(f'{staged}: ')}") from None
        meta_path_for(staged).replace(meta_path_for(target))
        staged.replace(target)
    return Added(url, target, doc.title)


def _slug(url: str) -> str:
    """A file name from a URL: its last path segment, else its host; ASCII, lower case."""
    parts = urlsplit(url)
    stem = Path(parts.path.rstrip("/")).stem or parts.hostname or "side"
    return (re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "side")[:80]


def _already_fetched(folder: Path, url: str, suffix: str) -> Path | None:
    """The file an earlier `corpus add` of the same URL wrote: fetching again updates it."""
    for meta in folder.glob("*.meta.json"):
        try:
            if json.loads(meta.read_text(encoding="utf-8")).get("source_url") == url:
                return meta.with_name(meta.name.removesuffix(".meta.json") + suffix)
        except (OSError, ValueError, AttributeError):
            continue
    return None


def _free_name(folder: Path, stem: str, suffix: str) -> Path:
    for n in range(1, 1000):
        candidate = folder / f"{stem}{'' if n == 1 else f'-{n}'}{suffix}"
        if not candidate.exists() and not meta_path_for(candidate).exists():
            return candidate
    raise FactcheckError(f"too many files named {stem}* in {folder}")
