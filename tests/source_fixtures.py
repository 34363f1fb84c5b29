"""Generated source files that look like the real thing (no copyrighted text).

- `write_report_pdf`: a several-page report with a running header, "Side N av M"
  footers, two-column pages, a table, and words hyphenated over line breaks,
  the way typeset reports are (fpdf2, core Helvetica, latin-1 text).
- `NEWS_HTML`: a news page with navigation, a cookie banner, a "Les også" box and
  a footer around the article, and its metadata in meta tags.
- `write_docx`: a memo with headings, paragraphs and a table (python-docx).
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

REPORT_TITLE = "Årsrapport 2025: Kommunal vannforsyning"
REPORT_ORG = "Vannverkstilsynet"
PDF_FACT = "Andelen innbyggere tilknyttet kommunal vannforsyning økte til 87 prosent i 2024."
PDF_FACT_PAGE = 2
HTML_FACT = "Lekkasjene fra vannledningene i Hamar ble halvert i 2024, melder kommunen."
HTML_NAV = "Abonner på nyhetsbrevet"
HTML_RELATED = "Slik sparer du strøm i vinter"

FILLER = [
    "Drikkevannsforskriften stiller krav til kvalitet, leveringssikkerhet og beredskap i alle vannforsyningssystemer "
    "som forsyner mer enn femti personer eller tjue husstander.",
    "Tilsynsmyndighetene gjennomførte i løpet av året vannforsyningsinspeksjoner ved et stort antall anlegg, "
    "og de fleste avvikene gjaldt internkontroll og dokumentasjon av beredskapsplanleggingen.",
    "Kommunene rapporterer at vedlikeholdsetterslepet på ledningsnettet fortsatt er betydelig, særlig i "
    "distriktskommuner med lange overføringsledninger og få abonnenter per kilometer.",
    "Det ble registrert færre kokevarsler enn året før, men enkelte hendelser med forurensning av "
    "råvannskilden viste at barrierene må styrkes.",
]


def _latin1(text: str) -> str:
    return text.replace("–", "-").replace("«", '"').replace("»", '"').encode("latin-1", "replace").decode("latin-1")


def _report_pdf_class(running: str = f"{REPORT_ORG} | {REPORT_TITLE}"):
    from fpdf import FPDF

    class Report(FPDF):
        def header(self):
            self.set_font("helvetica", size=8)
            self.set_xy(self.l_margin, 8)
            self.cell(0, 4, _latin1(running))
            self.set_y(20)

        def footer(self):
            self.set_font("helvetica", size=8)
            self.set_xy(self.l_margin, -12)
            self.cell(0, 4, f"Side {self.page_no()} av {{nb}}", align="C")

    return Report


class _Flow:
    """Lays out paragraphs in one or two columns, breaking long words with a hyphen at line ends."""

    def __init__(self, pdf, columns: int, size: float = 10.5, leading: float = 5.0):
        self.pdf, self.columns, self.size, self.leading = pdf, columns, size, leading
        self.gap = 8.0
        usable = pdf.w - pdf.l_margin - pdf.r_margin
        self.width = (usable - self.gap * (columns - 1)) / columns
        self.column = 0
        self.y = pdf.get_y()
        self.top = self.y
        self.bottom = pdf.h - 20

    def _x(self) -> float:
        return self.pdf.l_margin + self.column * (self.width + self.gap)

    def _newline(self) -> None:
        self.y += self.leading
        if self.y > self.bottom:
            self.column += 1
            self.y = self.top
            if self.column >= self.columns:
                self.pdf.add_page()
                self.column = 0
                self.top = self.y = self.pdf.get_y()

    def _emit(self, line: str) -> None:
        self.pdf.set_xy(self._x(), self.y)
        self.pdf.cell(self.width, self.leading, line)
        self._newline()

    def paragraph(self, text: str, bold: bool = False) -> None:
        pdf = self.pdf
        pdf.set_font("helvetica", style="B" if bold else "", size=self.size)
        fits = lambda s: pdf.get_string_width(s) <= self.width  # noqa: E731
        line = ""
        for word in _latin1(text).split():
            candidate = f"{line} {word}".strip()
            if fits(candidate):
                line = candidate
                continue
            if len(word) >= 9:  # hyphenate: as much of the word as fits, then '-'
                for cut in range(len(word) - 3, 3, -1):
                    if fits(f"{line} {word[:cut]}-".strip()):
                        self._emit(f"{line} {word[:cut]}-".strip())
                        line = word[cut:]
                        break
                else:
                    self._emit(line)
                    line = word
            else:
                self._emit(line)
                line = word
        if line:
            self._emit(line)
        self._newline()  # paragraph gap

    def end(self) -> None:
        if self.column or self.y > self.top:
            self.pdf.set_y(self.bottom + 1 if self.column else self.y)


def write_report_pdf(path: Path, extra_pages: int = 0, filler: list[str] | None = None) -> Path:
    """The demo report: page 1 one column, page 2 two columns (with PDF_FACT), page 3 a table."""
    Report = _report_pdf_class()
    pdf = Report(format="A4")
    pdf.set_title(_latin1(REPORT_TITLE))
    pdf.set_author(REPORT_ORG)
    pdf.set_creation_date(__import__("datetime").datetime(2025, 3, 1, tzinfo=__import__("datetime").timezone.utc))
    pdf.set_auto_page_break(False)
    pdf.add_page()
    flow = _Flow(pdf, 1)
    flow.paragraph("1 Sammendrag", bold=True)
    for text in FILLER[:3]:
        flow.paragraph(text)
    pdf.add_page()
    flow = _Flow(pdf, 2)
    flow.paragraph("2 Tilknytning og leveringssikkerhet", bold=True)
    flow.paragraph(FILLER[3])
    flow.paragraph("Registreringene i vannverksregisteret viser en jevn utvikling over tid. " + PDF_FACT)
    for text in FILLER:
        flow.paragraph(text)
    pdf.add_page()
    pdf.set_font("helvetica", style="B", size=10.5)
    pdf.cell(0, 6, _latin1("Tabell 1: Ledningsnett per kommune"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("helvetica", size=10)
    with pdf.table(col_widths=(50, 40, 40)) as table:
        for row in (("Kommune", "Innbyggere", "Ledningsnett (km)"), ("Hamar", "32 000", "410"),
                    ("Gjøvik", "30 500", "380"), ("Lillehammer", "28 900", "350")):
            cells = table.row()
            for cell in row:
                cells.cell(_latin1(cell))
    for n in range(extra_pages):
        pdf.add_page()
        flow = _Flow(pdf, 2 if n % 2 else 1)
        for text in (filler or FILLER):
            flow.paragraph(text)
    pdf.output(str(path))
    return path


def write_text_pdf(path: Path, title: str, paragraphs: list[str], columns: int = 1) -> Path:
    """Any text as a typeset report: running header, page-number footer, hyphenated lines, 1 or 2 columns."""
    pdf = _report_pdf_class(title)(format="A4")
    pdf.set_title(_latin1(title))
    pdf.set_auto_page_break(False)
    pdf.add_page()
    flow = _Flow(pdf, columns)
    for text in paragraphs:
        flow.paragraph(text)
    pdf.output(str(path))
    return path


NEWS_HTML = f"""<!DOCTYPE html>
<html lang="nb"><head><meta charset="utf-8">
<title>Lekkasjene i Hamar er halvert | Lokalavisa</title>
<meta property="og:title" content="Lekkasjene i Hamar er halvert">
<meta property="og:site_name" content="Lokalavisa">
<meta name="author" content="Kari Nordmann">
<meta property="article:published_time" content="2025-03-14T08:30:00+01:00">
</head><body>
<div id="cookie-banner" class="cookie-consent">Vi bruker informasjonskapsler. <button>Godta alle</button></div>
<header><nav class="menu"><ul><li><a href="/">Forsiden</a></li><li><a href="/nyheter">Nyheter</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/nyhetsbrev">{HTML_NAV}</a></li></ul></nav></header>
<main><article>
<h1>Lekkasjene i Hamar er halvert</h1>
<p class="byline">Av Kari Nordmann, 14. mars 2025</p>
<p>{HTML_FACT} Kommunen har skiftet ut gamle støpejernsledninger i sentrum og tatt i bruk nye målere.</p>
<p>Ifølge vannverkssjefen går nå langt mindre av det rensede vannet tapt på veien fram til abonnentene.
Arbeidet fortsetter i 2025 med utskifting av ledninger i de nordlige bydelene.</p>
<aside class="related"><h2>Les også</h2><ul><li><a href="/a/1">{HTML_RELATED}</a></li>
<li><a href="/a/2">Dette er årets beste turløyper</a></li></ul></aside>
<p>Innbyggerne merker forskjellen: det har vært færre brudd på vannledningene i vinter enn på mange år,
og kommunen regner med å spare flere millioner kroner i året.</p>
</article></main>
<footer><p>Lokalavisa AS · Ansvarlig redaktør: Ola Hansen · Alle rettigheter reservert</p></footer>
</body></html>
"""


def write_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.core_properties.title = "Notat om vannforsyning"
    document.core_properties.author = "Fagavdelingen"
    document.core_properties.created = __import__("datetime").datetime(2025, 2, 3)
    document.add_heading("Notat om vannforsyning", level=1)
    document.add_paragraph("Notatet oppsummerer tilsynets funn fra 2024 for styret.")
    document.add_heading("Funn", level=2)
    document.add_paragraph("Tilsynet fant avvik ved 14 av 60 inspiserte vannverk i 2024.")
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ("Fylke", "Vannverk", "Avvik")):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ("Innlandet", "60", "14")):
        cell.text = text
    document.save(str(path))
    return path


@contextmanager
def news_site(root: Path):
    """NEWS_HTML at /nyheter/lekkasjer-halvert.html on 127.0.0.1 only (no internet in tests); yields the base URL."""
    import functools
    import http.server
    import threading

    (root / "nyheter").mkdir(parents=True, exist_ok=True)
    (root / "nyheter" / "lekkasjer-halvert.html").write_text(NEWS_HTML, encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *a, **k: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
