"""An Atom feed per edition: new publications and updated translations.

``feed.xml`` at each edition's root (``/feed.xml``, ``/ja/feed.xml``, ``/en/feed.xml``) lists
every publication, newest change first: published on the source's date, updated when its
translation into the edition's language last changed (see :meth:`site.Library.translated`).
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from .publication import Publication
from .render import Renderer
from .status import coverage

ATOM = "http://www.w3.org/2005/Atom"
FEED = "feed.xml"


def _timestamp(day: dt.date | None) -> str:
    return f"{(day or dt.date(1970, 1, 1)).isoformat()}T00:00:00Z"


def updated(publication: Publication, renderer: Renderer, lang: str) -> dt.date | None:
    """The later of the source's date and the translation's last change."""
    dates = [publication.document.metadata.date]
    if lang != renderer.languages.source:
        dates.append(renderer.library.translated(publication, lang))
    known = [day for day in dates if day]
    return max(known) if known else None


def atom(
    publications: list[Publication], renderer: Renderer, lang: str, site_url: str, site_name: str
) -> str:
    """The edition's feed; links are absolute when the site's URL is known, else relative to it."""
    prefix = "" if lang == renderer.languages.source else f"{lang}/"
    base = f"{site_url}{prefix}" if site_url else ""
    ET.register_namespace("", ATOM)
    feed = ET.Element(
        f"{{{ATOM}}}feed", {"xml:lang": renderer.lang_tag(publications[0], lang) if publications else lang}
    )
    ET.SubElement(feed, f"{{{ATOM}}}id").text = f"{base}{FEED}" if base else f"urn:trilingual:{lang}:feed"
    ET.SubElement(feed, f"{{{ATOM}}}title").text = site_name
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=f"{base}{FEED}")
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=base or "./")
    entries = sorted(publications, key=lambda p: updated(p, renderer, lang) or dt.date.min, reverse=True)
    newest = updated(entries[0], renderer, lang) if entries else None
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _timestamp(newest)
    ET.SubElement(ET.SubElement(feed, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = site_name
    for publication in entries:
        metadata = publication.document.metadata
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        link = f"{base}{publication.id}/" if base else f"{publication.id}/"
        ET.SubElement(entry, f"{{{ATOM}}}id").text = (
            link if base else f"urn:trilingual:{lang}:{publication.id}"
        )
        ET.SubElement(entry, f"{{{ATOM}}}title").text = renderer.document_title(publication, lang)
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=link)
        ET.SubElement(entry, f"{{{ATOM}}}published").text = _timestamp(metadata.date)
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _timestamp(updated(publication, renderer, lang))
        issuer = publication.config.issuer.get(lang) or metadata.issuer or site_name
        ET.SubElement(ET.SubElement(entry, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = issuer
        summary = [metadata.title.text]
        if lang != renderer.languages.source:
            row = next(r for r in coverage(publication, [lang]) if r.section == "all")
            summary.append(f"{renderer.ui[lang]['reviewed']}: {row.counts['reviewed']} / {row.total}")
            if renderer.ui[lang].get("unofficial"):
                summary.append(renderer.ui[lang]["unofficial"])
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = " — ".join(summary)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
