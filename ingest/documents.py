"""Reading what an editor brings in: an uploaded .txt or .html file or pasted text, checked
and reduced to plain text with the standard library. Every refusal is an ``UnreadableArticle``
whose message says what is wrong and what to do."""
import codecs
import re
from html.parser import HTMLParser

MAX_BYTES = 1_000_000
# The most words the admin form reads in one request. With the dependency parse, extraction
# takes about 0.4 ms a word on this project's 2-core machines (a 2,000-word article about 1 s,
# 20,000 words about 8 s, measured under load): 10,000 words keep a request to a few seconds,
# far above a news article. The ingest command keeps the same limit unless told otherwise
# (--no-word-limit): a 1 MB text of 150,000 words takes minutes and gigabytes of memory.
MAX_WORDS = 10_000
EXTENSIONS = (".txt", ".html", ".htm")


class UnreadableArticle(ValueError):
    """The upload or text cannot be ingested; the message is written for an editor."""


def read_upload(*, data: bytes, filename: str, size: int | None = None) -> tuple[str, str]:
    """The text of an uploaded file, and its title when it is HTML with a <title>.

    ``size`` is the whole file's, when only its first ``MAX_BYTES + 1`` bytes were read."""
    name = filename.lower()
    if not name.endswith(EXTENSIONS):
        raise UnreadableArticle(f"“{filename}” is neither a .txt nor an .html file; upload one of those.")
    size = max(size or 0, len(data))
    if size > MAX_BYTES:
        raise UnreadableArticle(
            f"“{filename}” is {_megabytes(size)}; at most 1 MB is accepted. Upload the article alone."
        )
    if not data.strip():
        raise UnreadableArticle(f"“{filename}” is empty.")
    if b"\x00" in data:
        raise UnreadableArticle(
            f"“{filename}” looks like a binary file (it contains NUL bytes), not text; upload a .txt or .html file."
        )
    is_html = name.endswith((".html", ".htm"))
    text = _decode(data, filename, declared=_declared_charset(data) if is_html else None)
    if is_html:
        text, title = html_to_text(text)
    else:
        title = ""
    return check_text(text), title


def _megabytes(size: int) -> str:
    # Rounded down; a file just over the limit in bytes, not as a "1.0 MB" that looks allowed.
    return f"{size // 100_000 / 10:.1f} MB" if size >= 1_100_000 else f"{size:,} bytes, more than 1 MB"


def check_text(text: str) -> str:
    """Pasted or decoded text, with line ends made uniform; refused when empty or too long."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if not text.strip():
        raise UnreadableArticle("The article is empty: paste its text or upload a file.")
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise UnreadableArticle("The article is longer than 1 MB; ingest the article alone.")
    if "\x00" in text:
        raise UnreadableArticle("The text contains NUL characters; it looks binary, not like an article.")
    return text


def check_words(text: str, *, command: bool = False) -> None:
    """Refuse an article longer than ``MAX_WORDS`` words, saying what to do instead: in the
    admin form, parts or the command; in the command, parts or its explicit override."""
    words = len(text.split())
    if words > MAX_WORDS:
        if command:
            raise UnreadableArticle(
                f"The article has {words:,} words; the command ingests at most {MAX_WORDS:,} words unless "
                "told otherwise. Ingest it in parts, or pass --no-word-limit (reading 100,000 words takes "
                "minutes and a few gigabytes of memory)."
            )
        raise UnreadableArticle(
            f"The article has {words:,} words; the admin ingests at most {MAX_WORDS:,} words at a time. "
            "Ingest it in parts, or with the ingest command (manage.py ingest --no-word-limit)."
        )


def _declared_charset(data: bytes) -> str | None:
    head = data[:4096].decode("ascii", "replace")
    match = re.search(r"<meta[^>]+charset\s*=\s*[\"']?([\w.:-]+)", head, re.IGNORECASE)
    return match[1] if match else None


def _decode(data: bytes, filename: str, *, declared: str | None) -> str:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    if declared:
        try:
            return data.decode(codecs.lookup(declared).name)
        except LookupError:
            raise UnreadableArticle(f"“{filename}” declares the unknown character set “{declared}”.") from None
        except UnicodeDecodeError as error:
            raise UnreadableArticle(
                f"“{filename}” declares the character set {declared}, but byte {error.object[error.start]:#04x} "
                f"at position {error.start} is not valid in it."
            ) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UnreadableArticle(
            f"“{filename}” is not UTF-8 text (byte {error.object[error.start]:#04x} at position {error.start}). "
            "Save it as UTF-8 and upload it again, or for an HTML file declare its character set "
            "(<meta charset=…>)."
        ) from None


_BLOCKS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
    "section", "article", "header", "footer", "blockquote", "figcaption", "pre", "hr", "dd", "dt",
}
_SKIPPED = {"script", "style", "noscript", "template", "head", "svg", "iframe", "nav", "form"}


class _TextParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.title, self._skip, self._in_title = [], [], 0, False

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self._in_title = True
        elif tag in _SKIPPED:
            self._skip += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag in _SKIPPED:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if self._in_title:
            self.title.append(data)
        elif not self._skip:
            self.parts.append(data)


def html_to_text(html: str) -> tuple[str, str]:
    """The readable text of an HTML page, one line per block, and its <title>."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).split("\n")]
    text = "\n".join(line for line in lines if line)
    return text, " ".join("".join(parser.title).split())
