"""Reading press articles: bytes to clean NFC text without markup or portal boilerplate,
the sidecar's metadata, a publication date, and the text split into sentences.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from helpers.errors import DataError, EmptyFileError
from helpers.extract.html_tables import tables_to_text
from helpers.text import decode_bytes, fold_keep_offsets, nfc

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
MAX_BYTES = 2_000_000  # a press article is a few kB; anything this big is not one
MAX_SENTENCE = 1_500  # real sentences are under 600 characters
#: Keys of an article's ``<id>.meta.json`` (DOMAIN.md); all optional, missing ones are null.
SIDECAR_KEYS = ("article_id", "source", "source_url", "title", "publication_date", "province",
                "language", "geography", "origin", "note")
MAP_2025 = date(2025, 7, 1)  # from this day the 34-province map is in force

_HIDDEN_BLOCKS = re.compile(
    r"<(head|script|style|nav|header|footer|aside|noscript|form)\b.*?</\1\s*>",
    re.IGNORECASE | re.DOTALL,
)
_BLOCK_TAGS = re.compile(r"</?(?:p|div|br|h[1-6]|li|tr|td|section|article|ul|ol)\b[^>]*>", re.I)
_ANY_TAG = re.compile(r"<[^>]+>")
# Cells of an HTML table row become "a | b | c", the way tables are written in plain text.
_CELL_BOUNDARY = re.compile(r"</t[dh]\s*>\s*<t[dh]\b[^>]*>", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# Lines that are portal furniture rather than article text; matched on folded text.
_BOILERPLATE = re.compile(
    r"^\s*(?:publishingportal\b|tang co chu|giam co chu|in bai viet|chia se\b|ban quyen\b"
    r"|luot truy cap|luot xem|trang chu\b|nguon(?: tin)?\s*:|tac gia\s*:|\(?anh\s*:)"
)
_RELATED = re.compile(
    r"^\s*(?:tin|bai\s+viet|bai)\s+(?:lien\s+quan|cung\s+chuyen\s+muc|khac|moi\s+nhat|doc\s+nhieu)"
    r"|^\s*(?:cac\s+tin\s+khac|xem\s+them|tin\s+xem\s+nhieu)\s*:?\s*$"
)
# ">> Cà Mau: ...", "・ Tỷ lệ ... (6/1/2017)": a headline of the related-news box, marked as a link.
_LINK_MARK = re.compile(r"^\s*(?:>>|»|[・•·▪►▶*+\-–])")
# Runs of blanks to one space: a lone space is already one, so only runs of two or more, or
# a lone tab or no-break space, are matched (the same text, without a match per word).
_SPACES = re.compile(r"[ \t\u00a0]{2,}|[\t\u00a0]")
# UTF-8 bytes of Vietnamese letters read one by one as Windows-1252: "Ã¡", "áº¡", "Ä‘", "Æ°".
_MOJIBAKE = re.compile(r"[ÃÄÆáº»][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d"
                       r"\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]")
_MOJIBAKE_MIN = 3
# "1.861người": a count glued to its noun, a typo the press makes; the space is put back.
_GLUED_NOUN = re.compile(r"(?<=\d)(?=(?:người|lượt|hội nghị)(?!\w))")
_GLUED_NOUN_GATE = re.compile(r"\d(?:người|lượt|hội nghị)")  # needed for any of its matches
_DATE_LINE = re.compile(
    r"^\s*(?:date\s+)?(?P<y1>\d{4})-(?P<m1>\d{2})(?:-(?P<d1>\d{2}))?\s*$"
    r"|^\s*(?:(?:thu\s+(?:hai|ba|tu|nam|sau|bay)|chu\s+nhat)\s*[,-]?\s*)?(?:ngay\s+)?"
    r"(?P<d2>\d{1,2})/(?P<m2>\d{1,2})/(?P<y2>\d{4})"
    r"(?:\s*[-,|]?\s*\d{1,2}[:h]\d{2}(?::\d{2})?\s*(?:am|pm|sa|ch)?(?:\s*\(?gmt\s*\+\s*7\)?)?)?\s*$",
)
# "Hà Nội (TTXVN) - ", "(Baonghean.vn) – ": where and by whom the item was filed, not what it
# is about; a place there would scope the whole lead paragraph.
_DATELINE = re.compile(
    r"^(?:[A-ZĐ][^\s()]*(?:\s[A-ZĐ][^\s()]*){0,3}\s*)?\((?:[A-ZĐ][\w.]*|[\w.]+\.vn)"
    r"(?:\s[\w.]+)?\)\s*[-–—]\s*"
    # "Hà Nội, ngày 5/1/2025 - ", "Cần Thơ, 12/3 – ": a place and the filing day
    r"|^[A-ZĐ][^\s,()]*(?:\s[A-ZĐ][^\s,()]*){0,3}\s*,\s*(?:[Nn]gày\s+)?\d{1,2}/\d{1,2}"
    r"(?:/\d{4})?\s*[-–—]\s*"
)
_LEADING_DATE = re.compile(r"^\s*date\s+\d{4}-\d{2}(?:-\d{2})?\s+", re.IGNORECASE)
# A full stop ("./." or a run of . ! ? …), closing quotes or brackets, a blank; written to
# open on one stop character so that the scan jumps from one to the next.
_SENTENCE_END = re.compile(r"[.!?…](?:(?<=\.)/\.|[.!?…]*)[\"”’)]*\s+")
_ABBREVIATIONS = re.compile(r"(?:^|\s)(?:tp|tt|ths|ts|pgs|gs|bs|tx|mr|ms|v\.v)\.?$", re.I)


def fold_aligned(text: str) -> str:
    """`helpers.text.fold_keep_offsets` of NFC `text`: same length, same offsets. The text
    helper caches the last sentences folded, so the readers of one sentence fold it once."""
    return fold_keep_offsets(text)


@dataclass
class Article:
    """One article ready for extraction.

    Attributes
    ----------
    article_id
        From the sidecar, else the file stem.
    file
        The file name, for the log.
    text
        Clean NFC text, one paragraph per line; ``text.splitlines()[0]`` is the headline.
    publication_date, publication_precision
        The date and "day" or "month" (a "YYYY-MM" sidecar), or None and "".
    province
        The sidecar's province as written, or None.
    geography
        The map the article uses: "2025" (34 provinces, communes under them) when the sidecar
        says so or the article was published from 1 July 2025, else "legacy".
    encoding
        The encoding the bytes were decoded with.
    notes
        Things worth a line in the extraction log (encoding used, date read from the text).
    warnings
        Problems of the input worth a warning (mojibake, merged table cells).
    """

    article_id: str
    file: str
    text: str
    publication_date: date | None = None
    publication_precision: str = ""
    province: str | None = None
    encoding: str = "utf-8"
    notes: list[str] = field(default_factory=list)
    geography: str = "legacy"
    warnings: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        """The headline: the first line of the clean text."""
        return self.text.split("\n", 1)[0]


def list_articles(folder: Path) -> list[Path]:
    """Article files of a folder in name order (sidecars, other files and a README that
    documents the folder left out)."""
    return sorted(
        p for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
        and not p.stem.upper().startswith("README")
    )


def read_article(path: Path) -> Article:
    """Read one article file and its ``<stem>.meta.json`` sidecar.

    Parameters
    ----------
    path
        A ``.txt``, ``.md`` or ``.html`` file.

    Returns
    -------
    Article

    Raises
    ------
    DataError
        `EmptyFileError` for an empty file, `EncodingError` for binary or undecodable bytes,
        `DataError` for a file over `MAX_BYTES` or a broken sidecar.
    """
    size = path.stat().st_size
    if size == 0:
        raise EmptyFileError("the file is empty.", file=path.name, hint="Remove it or add text.")
    if size > MAX_BYTES:
        raise DataError(
            f"the file is {size / 1e6:.1f} MB, over the {MAX_BYTES / 1e6:.0f} MB an article "
            "can be.",
            file=path.name,
            hint="Split it into one file per article.",
        )
    raw, encoding = decode_bytes(path.read_bytes(), file=path.name)
    raw, warnings = _repair_mojibake(raw)
    meta = _read_sidecar(path)
    if path.suffix.lower() in (".html", ".htm"):
        raw, table_notes = _strip_html(raw)
        warnings += table_notes
    text, text_date = _clean(raw)
    if not text.strip():
        raise EmptyFileError("no article text left after removing markup.", file=path.name)
    article = Article(
        article_id=str(meta.get("article_id") or path.stem),
        file=path.name,
        text=text,
        province=meta.get("province") or None,
        encoding=encoding,
    )
    if encoding not in ("utf-8", "utf-8-sig"):
        article.notes.append(f"decoded as {encoding}")
    article.warnings += warnings
    _set_publication_date(article, meta.get("publication_date"), text_date)
    article.geography = meta.get("geography") or (
        "2025" if article.publication_date and article.publication_date >= MAP_2025 else "legacy")
    return article


def _read_sidecar(path: Path) -> dict:
    meta_path = path.with_name(path.stem + ".meta.json")
    if not meta_path.exists():
        return {}
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8-sig"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DataError(
            f"the sidecar is not valid UTF-8 JSON ({exc}).",
            file=meta_path.name,
            hint="Fix the JSON or delete the sidecar.",
        ) from None
    if not isinstance(meta, dict):
        raise DataError("the sidecar must hold a JSON object.", file=meta_path.name)
    unknown = sorted(set(meta) - set(SIDECAR_KEYS))
    if unknown:
        raise DataError(f"unknown sidecar key(s) {', '.join(map(repr, unknown))}.",
                        file=meta_path.name,
                        hint=f"A sidecar may hold only: {', '.join(SIDECAR_KEYS)}.")
    for key, value in meta.items():
        if value is not None and not isinstance(value, str):
            raise DataError(f"sidecar key {key!r} must be text or null, not {value!r}.",
                            file=meta_path.name)
    if meta.get("geography") not in (None, "legacy", "2025"):
        raise DataError(f"sidecar geography {meta['geography']!r} is not 'legacy', '2025' or "
                        "null.", file=meta_path.name,
                        hint="Use null to infer the map from the publication date.")
    return {key: meta.get(key) for key in SIDECAR_KEYS}


def _strip_html(raw: str) -> tuple[str, list[str]]:
    body, notes = tables_to_text(_HIDDEN_BLOCKS.sub("\n", _COMMENT.sub("", raw)))
    body = _CELL_BOUNDARY.sub(" | ", body)
    body = _ANY_TAG.sub(" ", _BLOCK_TAGS.sub("\n", body))
    return nfc(html.unescape(body)), notes


def _repair_mojibake(text: str) -> tuple[str, list[str]]:
    """UTF-8 text that was once read as Windows-1252 or Latin-1 and saved again ("Ngá»",
    "Ä‘"): repaired when the bytes read back as UTF-8, and said in the log either way."""
    marks = _MOJIBAKE.findall(text)
    if len(marks) < _MOJIBAKE_MIN:
        return text, []
    sample = ", ".join(dict.fromkeys(marks[:3]))
    for codec in ("cp1252", "latin-1"):
        try:
            repaired = text.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        return nfc(repaired), [f"mojibake: UTF-8 text that was read as {codec} ({sample}); "
                               "repaired for reading, re-save the file as UTF-8"]
    return text, [f"mojibake: the text holds {len(marks)} sequences like {sample} (UTF-8 read "
                  "in another encoding) that could not be repaired; figures may be missed. "
                  "Re-save the file as UTF-8 from its source"]


def _clean(raw: str) -> tuple[str, date | None]:
    """Drop boilerplate and date-only lines; return the text and the first such date."""
    lines: list[str] = []
    found: date | None = None
    related: str | None = None  # inside a related-news box: "header", then "marked"
    text = _SPACES.sub(" ", raw.replace("\r\n", "\n").replace("\r", "\n"))
    if _GLUED_NOUN_GATE.search(text):
        text = _GLUED_NOUN.sub(" ", text)
    # One fold for the whole text: the translate table keeps lengths, so lines stay aligned.
    for line, folded in zip(text.split("\n"), fold_aligned(text).split("\n"), strict=True):
        # "| 1 | Hà Nội | 91,66% |": a Markdown row keeps its outer pipes, so that its empty
        # cells ("|  | TOÀN QUỐC |", a header "| TỶ LỆ ... | | |") keep their columns.
        markdown = line.strip().startswith("|") and line.strip().endswith("|") \
            and line.count("|") >= 3
        row = line.strip()
        line, folded = line.strip(" |"), folded.strip(" |")
        dated = _DATE_LINE.match(folded)
        if dated:
            found = found or _line_date(dated)
            continue
        if _RELATED.match(folded):
            related = "header"  # "Tin liên quan" and the like: other articles' headlines
            continue
        if related and (not line or _LINK_MARK.match(line)):
            related = "marked" if line else related
            continue
        if related == "header":
            break  # headlines without marks: the box runs to the end of the page
        related = None  # after a box of marked headlines the article goes on
        if not line or _BOILERPLATE.match(folded):
            continue
        lines.append(row if markdown else
                     _DATELINE.sub("", _LEADING_DATE.sub("", line).lstrip("# ")).strip())
    return "\n".join(line for line in lines if line), found


def _line_date(m: re.Match[str]) -> date | None:
    try:
        if m["y1"]:
            return date(int(m["y1"]), int(m["m1"]), int(m["d1"] or 1))
        return date(int(m["y2"]), int(m["m2"]), int(m["d2"]))
    except ValueError:
        return None


def _set_publication_date(article: Article, value: object, text_date: date | None) -> None:
    if isinstance(value, str) and value:
        try:
            parts = [int(p) for p in value.split("-")]
            article.publication_date = date(parts[0], parts[1], parts[2] if len(parts) > 2 else 1)
            article.publication_precision = "day" if len(parts) > 2 else "month"
            return
        except (ValueError, IndexError):
            article.notes.append(f"sidecar publication_date {value!r} is not YYYY-MM-DD; ignored")
    if text_date is not None:
        article.publication_date, article.publication_precision = text_date, "day"
        article.notes.append(f"publication date {text_date.isoformat()} read from a date line")


def split_sentences(text: str) -> list[str]:
    """Split clean article text into sentences: at line ends and at "." "…" "!" "?" before a
    capital letter, not after abbreviations such as "TP."."""
    sentences: list[str] = []
    for line in text.split("\n"):
        start = 0
        for m in _SENTENCE_END.finditer(line):
            nxt = line[m.end() : m.end() + 1]
            if not nxt or not (nxt.isupper() or nxt.isdigit() or nxt in '"“('):
                continue
            # An abbreviation ends the piece: only its last characters are searched.
            piece = line[start : m.start() + 1]
            if _ABBREVIATIONS.search(piece, max(0, len(piece) - 6)):
                continue
            sentences.append(line[start : m.end()].strip())
            start = m.end()
        if line[start:].strip():
            sentences.append(line[start:].strip())
    return [piece for sentence in sentences for piece in _bounded(sentence)]


def _bounded(sentence: str) -> list[str]:
    """Cut a run-on "sentence" (no full stops in a whole page) at commas into pieces of at
    most `MAX_SENTENCE` characters, so that the per-sentence scans stay linear."""
    if len(sentence) <= MAX_SENTENCE:
        return [sentence]
    pieces: list[str] = []
    while len(sentence) > MAX_SENTENCE:
        cut = max(sentence.rfind(", ", 0, MAX_SENTENCE), sentence.rfind("; ", 0, MAX_SENTENCE))
        cut = cut + 1 if cut > 0 else MAX_SENTENCE
        pieces.append(sentence[:cut].strip())
        sentence = sentence[cut:]
    return pieces + ([sentence.strip()] if sentence.strip() else [])
