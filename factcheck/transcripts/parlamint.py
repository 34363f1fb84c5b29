"""ParlaMint transcripts: TEI XML (`<u who xml:id>` with `<seg>` children) and `id<TAB>text` .txt.

Speaker names and parties come from the sitting's `NAME-meta.tsv` when it lies beside
the file; without it a speaker is shown by the TEI id (e.g. "person.MASG").
lxml parses the XML with entity resolution and network access off.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, replace
from pathlib import Path

from ..textio import decode_bytes
from .records import NOTE, Problem, Transcript, TranscriptError, Utterance, role_of

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# transcriber's notes, gaps and noises inside an utterance are not what the speaker said
NOT_SPOKEN = {"note", "gap", "vocal", "kinesic", "incident", "desc"}
META_COLUMNS = ("ID", "Speaker_name", "Speaker_party")
LANG_NAMES = {"norsk bokmål": "nb", "norsk nynorsk": "nn", "bokmål": "nb", "nynorsk": "nn"}
_TXT_LINE = re.compile(r"^(\S+)\t(.*)$")


@dataclass(frozen=True)
class Speaker:
    name: str
    party: str
    date: str = ""
    lang: str = ""
    role: str = ""  # "chair" for the Storting's president (Speaker_role "Chairperson")


class Meta:
    """Lookups from a ParlaMint -meta.tsv: by utterance id, and by speaker id as a fallback."""

    def __init__(self, by_utterance: dict[str, Speaker] | None = None, by_speaker: dict[str, Speaker] | None = None):
        self.by_utterance = by_utterance or {}
        self.by_speaker = by_speaker or {}

    def find(self, utterance_id: str, who: str = "") -> Speaker | None:
        return self.by_utterance.get(utterance_id) or self.by_speaker.get(who.lstrip("#"))


def _base_name(path: Path) -> str:
    name = path.name
    for suffix in (".ana.xml", ".xml", ".txt", ".ana.txt"):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


def meta_path(path: Path) -> Path:
    return path.with_name(f"{_base_name(path)}-meta.tsv")


def _display_name(name: str) -> str:
    """'Gharahkhani, Masud' -> 'Masud Gharahkhani', as Norwegian readers know the name."""
    last, sep, first = name.partition(",")
    return f"{first.strip()} {last.strip()}" if sep and first.strip() else name.strip()


def _utterance_key(meta_id: str) -> str:
    """The meta file's 'X.ana.ud1' is the TEI's 'X.ud1'."""
    return re.sub(r"\.ana(?=\.)", "", meta_id)


def load_meta(path: Path) -> tuple[Meta, list[Problem]]:
    """Read the -meta.tsv beside `path`, if there is one; problems with it are notes, not failures."""
    target = meta_path(path)
    if not target.exists():
        return Meta(), []
    try:
        text = decode_bytes(target.read_bytes(), str(target))
    except Exception as exc:  # OSError or FactcheckError: fall back to ids, but say so
        return Meta(), [Problem(str(target), f"cannot read ({exc}); speakers are shown by id", None, NOTE)]
    reader = csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    missing = [c for c in META_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        return Meta(), [Problem(str(target), f"lacks columns {', '.join(missing)}; speakers are shown by id", 1, NOTE)]
    meta = Meta()
    for row in reader:
        party = (row.get("Speaker_party") or "").strip()
        speaker = Speaker(
            name=_display_name(row.get("Speaker_name") or ""),
            party="" if party == "-" else party,
            date=(row.get("Date") or "").strip(),
            lang=LANG_NAMES.get((row.get("Lang") or "").strip().lower(), ""),
            role=role_of(row.get("Speaker_role")) if role_of(row.get("Speaker_role")) == "chair" else "",
        )
        meta.by_utterance[_utterance_key(row["ID"] or "")] = speaker
        if row.get("Speaker_ID"):
            # a fallback by person: their role in one utterance (chairing) says nothing about another
            meta.by_speaker.setdefault(row["Speaker_ID"].strip(), replace(speaker, role=""))
    return meta, []


def is_parlamint_txt(text: str) -> bool:
    lines = [line for line in text.split("\n") if line.strip()]
    return bool(lines) and all(_TXT_LINE.match(line) for line in lines)


def read_parlamint_txt(path: Path, text: str, transcript_id: str) -> Transcript:
    """ParlaMint's plain-text form: one `utterance-id<TAB>text` line per utterance."""
    meta, problems = load_meta(path)
    t = Transcript(transcript_id, str(path), "parlamint-txt", problems=problems)
    for number, line in enumerate(text.split("\n"), 1):
        match = _TXT_LINE.match(line)
        if not match:
            continue
        t.rows_read += 1
        uid, body = match.groups()
        found = meta.find(uid)
        t.utterances.append(Utterance(
            transcript_id, uid, body, speaker=found.name if found else "", party=found.party if found else "",
            source=str(path), line=number, row_id=uid, timestamp=found.date if found else "",
            lang=found.lang if found else "", role=found.role if found else ""))
    return t


def _spoken_text(element) -> str:
    """The text of an element without transcriber notes, keeping what follows them."""
    parts = [element.text or ""]
    for child in element:
        tag = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
        if tag and tag not in NOT_SPOKEN:
            parts.append(_spoken_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def read_tei(path: Path, transcript_id: str | None = None) -> Transcript:
    """A ParlaMint TEI sitting: one utterance per `<u>`, its `<seg>`s joined by line breaks."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_comments=True)
    try:
        root = etree.parse(str(path), parser).getroot()
    except etree.XMLSyntaxError as exc:
        raise TranscriptError(f"broken XML ({exc.msg})", exc.lineno) from exc
    except OSError as exc:
        raise TranscriptError(f"cannot read ({exc})") from exc
    local = root.tag.rsplit("}", 1)[-1]
    if local == "teiCorpus":
        raise TranscriptError("a ParlaMint corpus root file (teiCorpus); give the sitting files or their folder", root.sourceline)
    utterances = root.findall(f".//{TEI}u") or root.findall(".//u")
    if not utterances:
        raise TranscriptError("no <u> utterances found: not a ParlaMint TEI transcript?", root.sourceline)
    meta, problems = load_meta(path)
    tid = transcript_id or root.get(XML_ID) or _base_name(path)
    sitting_date = next((d.get("when", "") for d in root.iter(f"{TEI}date") if d.getparent().tag == f"{TEI}setting"), "")
    t = Transcript(tid, str(path), "parlamint-tei", problems=problems)
    for n, u in enumerate(utterances, 1):
        t.rows_read += 1
        uid = u.get(XML_ID) or f"u{n}"
        who = u.get("who", "")
        segments = u.findall(f"{TEI}seg") or u.findall("seg")
        text = "\n".join(_normalise(_spoken_text(s)) for s in segments) if segments else _normalise(_spoken_text(u))
        found = meta.find(uid, who)
        lang = u.get(XML_LANG) or next((a.get(XML_LANG) for a in u.iterancestors() if a.get(XML_LANG)), "")
        t.utterances.append(Utterance(
            tid, uid, text, speaker=found.name if found else who.lstrip("#"), party=found.party if found else "",
            source=str(path), line=u.sourceline, row_id=None,
            timestamp=(found.date if found and found.date else sitting_date), lang=lang or (found.lang if found else ""),
            role="chair" if "#chair" in u.get("ana", "").split() or (found and found.role == "chair") else ""))
    return t
