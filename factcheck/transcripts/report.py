"""A readable report of the flagged claims with the passages cited, for people who would rather read.

Flagged by the review workflow's rule (factcheck.review.flags): contradicted, low
confidence, or a figure that does not match. Markdown by default; HTML when the
report file ends in .html (same content, escaped).
"""

from __future__ import annotations

import html
from pathlib import Path

from ..report.labels import STANCE_LABELS, cited_place
from ..review.flags import LOW_CONFIDENCE
from ..review.labels import flag_labels
from ..textio import write_text_atomically
from .labels import verdict_label, word

STANCE_MARK = {"contradicts": "✗", "supports": "✓", "neutral": "·"}


def _order(rows: list[dict]) -> list[dict]:
    """Contradictions first, then the rest; within each, the most check-worthy claims first (the
    classifier's score, in tenths), then the surest contradiction or the least sure other verdict."""
    def key(r: dict):
        worth = -round(r.get("checkworthy_score") or 0.0, 1)
        sure = r["confidence"] or 0
        return (r["verdict"] != "contradicted", worth, -sure if r["verdict"] == "contradicted" else sure)

    return sorted(rows, key=key)


def _cited(row: dict, limit: int = 3) -> list[dict]:
    """The passages that took a side first; neutral ones only when nothing did."""
    evidence = row.get("evidence") or []
    deciding = [e for e in evidence if e.get("stance") != "neutral"]
    return (deciding or evidence)[:limit]


def _who(row: dict, lang: str) -> str:
    speaker = row.get("speaker") or word("unknown", lang)
    return f"{speaker} ({row['party']})" if row.get("party") else speaker


def _sentence(row: dict) -> str:
    return " ".join(row["text"].split())  # line breaks of the transcript would break the quote


def _where(row: dict) -> str:
    return f"{row['transcript_id']} · {row['utterance_id']} · #{row['sentence_index'] + 1} [{row['start']}–{row['end']}]"


def _place(evidence: dict, lang: str) -> str:
    """"rapport.pdf s. 12" for a paged source, else "doc, 120–180"."""
    if evidence.get("page"):
        return cited_place(evidence, lang)
    return f"{evidence['doc_id']}, {evidence['start']}–{evidence['end']}"


def render_markdown(rows: list[dict], lang: str = "nb") -> str:
    w = lambda k: word(k, lang)  # noqa: E731
    out = [f"# {w('flagged_title')}", "", w("flagged_intro").format(threshold=LOW_CONFIDENCE) + f" ({len(rows)})", ""]
    if not rows:
        out.append(w("flagged_none"))
    for n, row in enumerate(_order(rows), 1):
        out += [f"## {n}. {verdict_label(row['verdict'], lang)} ({w('confidence')} {row['confidence']:.2f}) — {_who(row, lang)}", "",
                f"> {_sentence(row)}", "",
                f"- **{w('flags')}:** {flag_labels(row.get('flags') or [], lang)}",
                f"- **{w('where')}:** {_where(row)}",
                f"- **{w('reason')}:** {row['reason']}",
                f"- **{w('sources')}:**", ""]
        for e in _cited(row):
            out.append(f"  {STANCE_MARK.get(e['stance'], '·')} *{e['title']}* ({_place(e, lang)}, "
                       f"{STANCE_LABELS[lang].get(e['stance'], e['stance'])}, {e['score']:.2f})")
            out.append(f"  > {e['text']}")
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def render_html(rows: list[dict], lang: str = "nb") -> str:
    w = lambda k: html.escape(word(k, lang))  # noqa: E731
    e_ = html.escape
    parts = [f"<!doctype html>\n<html lang=\"{'nb' if lang == 'nb' else 'en'}\"><head><meta charset=\"utf-8\">",
             f"<title>{w('flagged_title')}</title>",
             "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.4}"
             "blockquote{border-left:3px solid #ccc;margin:.5em 0;padding:.2em 1em;color:#333}"
             ".contradicted{color:#b00}.meta{color:#666;font-size:90%}</style></head><body>",
             f"<h1>{w('flagged_title')}</h1>",
             f"<p>{e_(word('flagged_intro', lang).format(threshold=LOW_CONFIDENCE))} ({len(rows)})</p>"]
    if not rows:
        parts.append(f"<p>{w('flagged_none')}</p>")
    for n, row in enumerate(_order(rows), 1):
        parts.append(f"<section><h2 class=\"{e_(row['verdict'])}\">{n}. {e_(verdict_label(row['verdict'], lang))} "
                     f"({w('confidence')} {row['confidence']:.2f}) — {e_(_who(row, lang))}</h2>")
        parts.append(f"<blockquote>{e_(_sentence(row))}</blockquote>")
        parts.append(f"<p class=\"meta\">{w('flags')}: {e_(flag_labels(row.get('flags') or [], lang))} · "
                     f"{w('where')}: {e_(_where(row))}</p><p>{w('reason')}: {e_(row['reason'])}</p>")
        parts.append(f"<p>{w('sources')}:</p><ul>")
        for ev in _cited(row):
            parts.append(f"<li>{STANCE_MARK.get(ev['stance'], '·')} <em>{e_(ev['title'])}</em> "
                         f"<span class=\"meta\">({e_(_place(ev, lang))}, {e_(STANCE_LABELS[lang].get(ev['stance'], ev['stance']))}, "
                         f"{ev['score']:.2f})</span><blockquote>{e_(ev['text'])}</blockquote></li>")
        parts.append("</ul></section>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def write_report(rows: list[dict], path: Path, lang: str = "nb") -> None:
    """Markdown, or HTML for a .html/.htm path; written atomically."""
    html_out = path.suffix.lower() in (".html", ".htm")
    text = (render_html if html_out else render_markdown)(rows, lang)
    write_text_atomically(path, text)
