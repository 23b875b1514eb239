"""Reading uploads: text and HTML accepted, everything else refused with a clear reason."""
import pytest

from ingest.documents import UnreadableArticle, html_to_text, read_upload


def test_utf8_text_is_read():
    text, title = read_upload(data="Moscow — «Ankara»\r\n".encode(), filename="a.txt")
    assert (text, title) == ("Moscow — «Ankara»\n", "")


def test_html_is_reduced_to_its_text_and_title():
    html = (
        "<html><head><title>S-400 &amp; Turkey</title><style>p{}</style></head><body>"
        "<script>alert(1)</script><h1>Headline</h1><p>First &ldquo;para&rdquo;.</p><p>Second<br>line</p></body></html>"
    )
    text, title = read_upload(data=html.encode(), filename="a.html")
    assert title == "S-400 & Turkey"
    assert text == "Headline\nFirst “para”.\nSecond\nline"


def test_html_with_a_declared_charset_is_decoded_with_it():
    html = '<html><head><meta charset="windows-1251"></head><body><p>Москва</p></body></html>'
    text, _ = read_upload(data=html.encode("cp1251"), filename="a.htm")
    assert text == "Москва"


@pytest.mark.parametrize(
    "data, filename, message",
    [
        (b"", "a.txt", "is empty"),
        (b"   \n ", "a.txt", "is empty"),
        (b"ab\x00cd", "a.txt", "binary"),
        ("Café".encode("latin-1"), "a.txt", "not UTF-8 text (byte 0xe9 at position 3)"),
        (b"x" * 1_000_001, "a.txt", "at most 1 MB"),
        (b"%PDF-1.4", "a.pdf", "neither a .txt nor an .html file"),
        (b'<meta charset="klingon"><p>x</p>', "a.html", "unknown character set"),
    ],
)
def test_bad_uploads_are_refused_with_the_reason(data, filename, message):
    with pytest.raises(UnreadableArticle, match=message.replace("(", r"\(").replace(")", r"\)").replace(".", r"\.")):
        read_upload(data=data, filename=filename)


def test_html_to_text_skips_navigation_and_scripts():
    assert html_to_text("<nav>Menu</nav><div>Body</div><noscript>x</noscript>")[0] == "Body"


@pytest.mark.parametrize(
    "size, message",
    [(1_000_001, "“a.txt” is 1,000,001 bytes, more than 1 MB; at most 1 MB"), (5_242_880, "“a.txt” is 5.2 MB; at most 1 MB")],
)
def test_an_upload_read_only_in_part_is_reported_with_its_whole_size(size, message):
    with pytest.raises(UnreadableArticle, match=message.replace(".", r"\.")):
        read_upload(data=b"a" * 1_000_001, filename="a.txt", size=size)
