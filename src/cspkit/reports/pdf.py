"""Print: an HTML report to a tagged A4 PDF (PDF/UA-1) with WeasyPrint.

The PDF is made from the same HTML a browser shows; the print rules in `report.css` add the
page size, page numbers and the contents' page numbers (`target-counter`). WeasyPrint
needs Pango, which laptops may lack: then `PdfUnavailable` says what to install, and the
HTML and JSON already written stay."""

from __future__ import annotations

from pathlib import Path

from cspkit.errors import CspkitError
from cspkit.writing import write_bytes_atomically

PANGO_HINT = (
    "WeasyPrint could not load Pango, which PDF output needs "
    "(Debian/Ubuntu: apt-get install libpango-1.0-0 libpangoft2-1.0-0; macOS: brew install pango); "
    "the HTML and JSON were written; give --no-pdf to skip the PDF"
)


class PdfUnavailable(CspkitError):
    """PDF output cannot be made on this machine."""


def html_to_pdf(html: str) -> bytes:
    """The PDF bytes of a self-contained HTML report: only data: URIs are fetched, and any
    other address stops the rendering (a report never reaches the network)."""
    try:
        from weasyprint import HTML
        from weasyprint.urls import FatalURLFetchingError, URLFetcher
    except OSError as error:  # cffi could not open Pango
        raise PdfUnavailable(f"{PANGO_HINT} ({error})") from None
    except ImportError as error:
        raise PdfUnavailable(f"WeasyPrint is not installed ({error}): pip install weasyprint, or --no-pdf") from None
    fetcher = URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)
    try:
        pdf: bytes = HTML(string=html, url_fetcher=fetcher).write_pdf(pdf_variant="pdf/ua-1")
    except FatalURLFetchingError as error:
        raise PdfUnavailable(f"a report must be self-contained: {error}") from None
    return pdf


def write_pdf(html: str, target: Path) -> None:
    """Write the PDF whole or not at all."""
    write_bytes_atomically(target, html_to_pdf(html))
