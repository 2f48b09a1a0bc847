"""Read the parts of a Word package safely: guarded zip, relationships, entity-free XML.

Only the parts the loader needs are inflated (document, styles, numbering, headers, footers,
comments, footnotes, endnotes); images and embedded objects are never read. Each part is parsed
by an lxml parser that resolves no entities, loads no DTD and never touches the network; a part
that declares a DOCTYPE or entities, or nests deeper than ``limits.max_xml_depth``, is refused.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..errors import CorruptFile, HostileFile, TooLarge, UnsupportedFormat
from ..limits import Limits
from .ziplimits import GuardedZip

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_STRICT_W = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_STRICT_DOC_REL = "http://purl.oclc.org/ooxml/officeDocument/relationships/"

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                          dtd_validation=False, remove_comments=True, remove_pis=True)
_DECLARATION = re.compile(rb"<\s*!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)


@dataclass
class DocxParts:
    """The parsed parts of one Word package (absent optional parts are None or empty)."""

    document: etree._Element
    styles: etree._Element | None = None
    numbering: etree._Element | None = None
    headers: list[etree._Element] = field(default_factory=list)
    footers: list[etree._Element] = field(default_factory=list)
    comments: etree._Element | None = None
    footnotes: etree._Element | None = None
    endnotes: etree._Element | None = None
    members: list[str] = field(default_factory=list)


def parse_part(data: bytes, *, path: str, name: str, limits: Limits) -> etree._Element:
    """Parse one XML part without entities, DTDs or network; refuse declarations and deep nesting."""
    if _declares_entities(data):
        raise HostileFile(path, f"{name} declares XML entities or a DOCTYPE (Word never writes these)")
    try:
        root = etree.fromstring(data, _PARSER)
    except MemoryError:
        raise TooLarge(path, f"{name} needs more memory to read than is available") from None
    except etree.XMLSyntaxError as exc:
        message = " ".join(str(exc).split())  # libxml2 may end a message with a newline mid-text
        if "depth" in message.lower():
            raise HostileFile(path, f"{name} nests XML deeper than the limit of {limits.max_xml_depth}") \
                from None
        if "amplification" in message.lower() or "entity" in message.lower():
            raise HostileFile(path, f"{name} declares XML entities ({message})") from None
        raise CorruptFile(path, f"{name} is not well-formed XML ({message})") from None
    if root is None:
        raise CorruptFile(path, f"{name} is empty")
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise HostileFile(path, f"{name} declares XML entities or a DOCTYPE (Word never writes these)")
    if root.xpath("boolean(" + "/*" * (limits.max_xml_depth + 1) + ")"):
        raise HostileFile(path, f"{name} nests XML deeper than the limit of {limits.max_xml_depth}")
    return root


def _declares_entities(data: bytes) -> bool:
    """A DOCTYPE/ENTITY declaration in the prolog, in UTF-8 or (BOM-marked) UTF-16."""
    head = data[:65536]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16-le" if head.startswith(b"\xff\xfe") else "utf-16-be"
        head = head.decode(encoding, "replace").encode("utf-8")
    return bool(_DECLARATION.search(head))


def read_parts(path: str | Path, limits: Limits) -> DocxParts:
    """Open ``path`` under the zip guard and parse the parts the DOCX loader reads."""
    path = str(path)
    with GuardedZip(path, limits) as package:
        main = _main_document_name(package, path, limits)
        if main not in package:
            raise CorruptFile(path, f"the package names {main} as its document, but it is missing")
        parts = DocxParts(document=_parse(package, main, path, limits), members=package.names)
        _check_root(parts.document, main, path)
        rels = _relationships(package, main, path, limits)
        for kind, target in rels:
            if target not in package:
                continue
            if kind in ("styles", "numbering", "comments", "footnotes", "endnotes"):
                if getattr(parts, kind) is None:
                    setattr(parts, kind, _parse(package, target, path, limits))
            elif kind in ("header", "footer"):
                getattr(parts, kind + "s").append(_parse(package, target, path, limits))
    return parts


def _check_root(root: etree._Element, name: str, path: str) -> None:
    if root.tag == f"{{{W}}}document":
        return
    if root.tag == f"{{{_STRICT_W}}}document":
        raise UnsupportedFormat(path, "a Strict Open XML document: save it from Word as a normal Word "
                                      "Document (.docx)")
    raise CorruptFile(path, f"{name} is not a WordprocessingML document (root {root.tag})")


def _parse(package: GuardedZip, name: str, path: str, limits: Limits) -> etree._Element:
    size = package.size(name)
    if size > limits.max_xml_part_bytes:
        raise TooLarge(path, f"{name} holds {size:,} bytes of XML, over the limit of "
                             f"{limits.max_xml_part_bytes:,}")
    return parse_part(package.read(name), path=path, name=name, limits=limits)


def _main_document_name(package: GuardedZip, path: str, limits: Limits) -> str:
    """The office-document target of ``_rels/.rels``, or ``word/document.xml`` when that is missing."""
    if "_rels/.rels" in package:
        for kind, target in _relationships(package, "", path, limits):
            if kind == "officeDocument":
                return target
    return "word/document.xml"


def _relationships(package: GuardedZip, source: str, path: str, limits: Limits) -> list[tuple[str, str]]:
    """(short type, member name) for each internal relationship of part ``source`` ("" = package)."""
    folder, base = posixpath.split(source)
    rels_name = posixpath.join(folder, "_rels", base + ".rels")
    if rels_name not in package:
        return []
    root = parse_part(package.read(rels_name), path=path, name=rels_name, limits=limits)
    found = []
    for rel in root.iter(f"{{{_PKG_RELS}}}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        kind = rel.get("Type", "")
        for prefix in (_DOC_REL, _STRICT_DOC_REL):
            if kind.startswith(prefix):
                kind = kind[len(prefix):]
        target = rel.get("Target", "")
        if target.startswith("/"):
            name = target.lstrip("/")
        else:
            name = posixpath.normpath(posixpath.join(folder, target))
        found.append((kind, name))
    return found
