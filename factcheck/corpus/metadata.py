"""Document metadata: what the file says about itself, overridden by `NAME.meta.json`.

Metadata ends up in citations, JSON output and ClaimReview exports, so its types
are checked here once (a `"source_url": 42` would otherwise surface as a crash
far away, in `review export`). Unknown keys (origin, notes, references, ...) are
kept as they are.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Optional

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from ..errors import FactcheckError

META_SUFFIX = ".meta.json"


class DocumentMeta(BaseModel):
    """The fields the checker reads; all optional, all strings (a date as YYYY-MM-DD)."""

    model_config = ConfigDict(extra="allow", str_strip_whitespace=True)

    id: Optional[str] = None
    title: Optional[str] = None
    source_url: Optional[str] = None
    date: Optional[str] = None
    language: Optional[str] = None
    author: Optional[str] = None
    organisation: Optional[str] = None

    @field_validator("id", "title", "source_url", "date", "language", "author", "organisation", mode="before")
    @classmethod
    def _text_only(cls, value):
        # pydantic would turn 42 into "42" for a str field only in lax mode for some types; be explicit
        if value is not None and not isinstance(value, str):
            raise ValueError(f"must be a string or null, not {type(value).__name__} {value!r}")
        return value or None

    @field_validator("source_url")
    @classmethod
    def _url(cls, value):
        if value and not value.startswith(("http://", "https://")):
            raise ValueError(f"must start with http:// or https:// ({value!r})")
        return value

    @field_validator("date")
    @classmethod
    def _iso_date(cls, value):
        if value:
            try:
                dt.date.fromisoformat(value[:10])
            except ValueError:
                raise ValueError(f"must be a date like 2024-05-31 ({value!r})") from None
        return value

    @field_validator("id")
    @classmethod
    def _plain_id(cls, value):
        if value and any(ch in value for ch in "#/\\\n"):
            raise ValueError(f"must not contain '#', '/', '\\' or a line break ({value!r})")
        return value


def validate_meta(data: object, where: str) -> DocumentMeta:
    """Check a metadata object; a bad one is a one-line FactcheckError naming the file and field."""
    if not isinstance(data, dict):
        raise FactcheckError(f"{where}: metadata must be a JSON object, not {type(data).__name__}")
    try:
        return DocumentMeta.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'value'}: {_message(e)}" for e in exc.errors())
        raise FactcheckError(f"{where}: bad metadata ({problems})") from None


def _message(error: dict) -> str:
    return str(error.get("msg", "")).removeprefix("Value error, ")


def meta_path_for(path: Path) -> Path:
    """`rapport.pdf` -> `rapport.meta.json` beside it."""
    return path.with_name(path.stem + META_SUFFIX)


def read_meta_file(path: Path) -> DocumentMeta | None:
    """The validated `NAME.meta.json` of a document, or None when there is none."""
    meta_path = meta_path_for(path)
    if not meta_path.exists():
        return None
    try:
        data = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise FactcheckError(f"{meta_path}: not valid JSON metadata ({exc})") from exc
    return validate_meta(data, str(meta_path))


def merge(from_file: dict, override: DocumentMeta | None) -> DocumentMeta:
    """File metadata (PDF info, HTML meta, DOCX properties) with the meta.json's non-empty values on top.

    A value the file itself holds that does not fit (a PDF date in its own syntax, a
    relative link) is left out rather than failing the document: only meta.json is the user's word.
    """
    own = {k: v for k, v in from_file.items() if k in DocumentMeta.model_fields and isinstance(v, str) and v.strip()}
    while True:
        try:
            merged = DocumentMeta.model_validate(own)
            break
        except ValidationError as exc:
            bad = {e["loc"][0] for e in exc.errors() if e["loc"]}
            if not bad & own.keys():
                raise
            own = {k: v for k, v in own.items() if k not in bad}
    if override is not None:
        merged = DocumentMeta.model_validate({**merged.model_dump(exclude_none=True),
                                              **override.model_dump(exclude_none=True)})
    return merged
