"""Inputs people have: a yearbook section as a web page and as a PDF, built like its text.

The page and the PDF are made here around the Beijing – Inner Mongolia
section of the bundled sample: the page with a menu, a site header and a
footer that must not reach ``sources/``, the PDF with reportlab laying the
paragraphs out (wrapping them, and breaking one across a page). All three
must give the same facts. Files are recognised by their bytes before their
name: a ``.txt`` that is a PDF is read as one, one that is an image or an
archive is refused in one line, as are a PDF without text and a broken one.
"""

import html
import io
import json
import re
import time
import zipfile
from pathlib import Path

import pytest

from duikou import sample_path
from duikou.loaders.formats import join_lines, sniff
from duikou.loaders.reading import read_text

from support import assert_refused, assert_untouched, folder_digest, invoke

pytest.importorskip("reportlab", reason="the PDF is made with reportlab (the test extra)")

HEADING = "Beijing - Inner Mongolia Autonomous Region Pairing-off Poverty Alleviation"
MENU = ["Home", "News Center", "Poverty Alleviation Yearbook", "Contact us"]
SITE_HEADER = "International Poverty Reduction Center in China - Online Yearbook Library"
FOOTER = "Copyright 2013 IPRCC. All rights reserved. Site map | Privacy policy"
FACT_COLUMNS = {
    "transfers": ["donor", "recipient", "amount_cny", "year", "kind", "status", "evidence"],
    "pairings": ["donor", "recipient", "evidence"],
}
TIMINGS: dict[str, float] = {}


def section_lines() -> list[str]:
    """The lines of the sample from the Beijing – Inner Mongolia heading to the next heading."""
    lines = sample_path().read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == HEADING)
    end = next(
        i for i in range(start + 1, len(lines)) if lines[i].strip().endswith("Poverty Alleviation")
    )
    return lines[start:end]


def paragraphs() -> list[str]:
    return [line.strip() for line in section_lines() if line.strip(" \u00a0")]


def page() -> str:
    menu = "".join(f'<li><a href="/p{i}.html">{item}</a></li>' for i, item in enumerate(MENU))
    body = [f"<h2>{html.escape(paragraphs()[0])}</h2>"]
    body += [f"<p>{html.escape(p)}</p>" for p in paragraphs()[1:]]
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{HEADING}</title><script>var menu = 1;</script></head><body>\n"
        f'<header><div class="logo">{SITE_HEADER}</div><nav><ul>{menu}</ul></nav></header>\n'
        '<div class="crumbs"><a href="/">Home</a> &gt; <a href="/yb">Yearbook 2013</a></div>\n'
        f'<main><article><div class="content">\n{chr(10).join(body)}\n</div></article></main>\n'
        f"<footer><p>{FOOTER}</p><p>京ICP备 05012345号</p></footer>\n</body></html>\n"
    )


def pdf(paras: list[str]) -> bytes:
    """A PDF of *paras* laid out by reportlab; 【】 in a CID font, the rest in Helvetica."""
    from reportlab.lib.pagesizes import A5
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = getSampleStyleSheet()["BodyText"]

    def markup(text):
        return re.sub("([【】])", r'<font name="STSong-Light">\1</font>', html.escape(text))

    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A5).build([Paragraph(markup(p), style) for p in paras])
    return buffer.getvalue()


def blank_pdf() -> bytes:
    """A PDF of one page with a filled rectangle and no text: a scan without OCR, as it were."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    drawing = canvas.Canvas(buffer)
    drawing.rect(100, 100, 300, 400, fill=1)
    drawing.showPage()
    drawing.save()
    return buffer.getvalue()


def build(path, out):
    started = time.perf_counter()
    result = invoke("build", path, "--out", out, "--no-progress", "-j", "1")
    TIMINGS[Path(path).name] = time.perf_counter() - started
    assert result.exit_code == 0, result.output
    return out


def facts(out) -> dict[str, list[tuple]]:
    """The transfers and pairings of *out*, without the offsets that differ between formats."""
    found = {}
    for kind, columns in FACT_COLUMNS.items():
        result = invoke("export", kind, "--graph", out, "--format", "json")
        assert result.exit_code == 0, result.stderr
        rows = json.loads(result.stdout)
        found[kind] = sorted(tuple(squeeze(row[c]) for c in columns) for row in rows)
    return found


def squeeze(text: str) -> str:
    """*text* with each run of white space one space: a page and a PDF collapse them."""
    return " ".join(text.split())


def source_text(out) -> str:
    (source,) = (out / "sources").glob("*.txt")
    return source.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The section built three ways: ``{"txt": out, "html": out, "pdf": out}``."""
    folder = tmp_path_factory.mktemp("inputs")
    (folder / "section.txt").write_text("\n".join(section_lines()) + "\n", encoding="utf-8")
    (folder / "section.html").write_text(page(), encoding="utf-8")
    (folder / "section.pdf").write_bytes(pdf(paragraphs()))
    return {
        kind: build(folder / f"section.{kind}", folder / f"out-{kind}")
        for kind in ("txt", "html", "pdf")
    }


def test_the_section_has_facts(built):
    found = facts(built["txt"])
    assert len(found["transfers"]) >= 3 and found["pairings"]
    assert ("Beijing", "Inner Mongolia") in {(p[0], p[1][:14]) for p in found["pairings"]}


@pytest.mark.parametrize("kind", ["html", "pdf"])
def test_a_page_and_a_pdf_give_the_facts_of_the_text(built, kind):
    assert facts(built[kind]) == facts(built["txt"])


def test_the_page_keeps_the_article_and_drops_the_site(built):
    text = source_text(built["html"])
    assert text.splitlines() == [squeeze(p) for p in paragraphs()]  # the heading, then one a line
    for boilerplate in [*MENU[1:], SITE_HEADER, FOOTER, "京ICP备", "Yearbook 2013", "var menu"]:
        assert boilerplate not in text


def test_the_pdf_is_one_paragraph_a_line(built):
    text = source_text(built["pdf"])
    assert text.splitlines() == [squeeze(p) for p in paragraphs()]


def test_the_offsets_point_into_the_extracted_text(built):
    for kind in ("html", "pdf"):
        text = source_text(built[kind])
        result = invoke("export", "transfers", "--graph", built[kind], "--format", "json")
        for row in json.loads(result.stdout):
            start, end = (int(n) for n in row["source"].rsplit(":", 1)[1].split("-"))
            assert text[start:end] == row["evidence"]


def test_build_timings_are_reported(built):
    # not a benchmark: a guard that extraction stays in the seconds a section needs
    assert TIMINGS["section.html"] < 60 and TIMINGS["section.pdf"] < 60
    print(f"\nbuild seconds: { ({k: round(v, 2) for k, v in TIMINGS.items()}) }")


def test_a_folder_contributes_pages_and_pdfs(tmp_path):
    (tmp_path / "a.html").write_text(page(), encoding="utf-8")
    (tmp_path / "b.pdf").write_bytes(pdf(paragraphs()))
    (tmp_path / "notes.md").write_text("not a chapter")
    result = invoke("build", tmp_path, "--out", tmp_path / "out", "--no-progress")
    assert result.exit_code == 0, result.output
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert sorted(d["file"] for d in manifest["documents"]) == ["a.html", "b.pdf"]


# Recognised by content, before the name


def test_a_txt_that_is_a_pdf_is_read_as_a_pdf(tmp_path):
    path = tmp_path / "chapter.txt"
    path.write_bytes(pdf(paragraphs()))
    assert read_text(path)[1].splitlines() == [squeeze(p) for p in paragraphs()]


def test_a_txt_that_is_a_page_is_read_as_a_page(tmp_path):
    path = tmp_path / "chapter.txt"
    path.write_text("\ufeff\n  " + page(), encoding="utf-8")
    text = read_text(path)[1]
    assert text.startswith(HEADING) and FOOTER not in text


@pytest.mark.parametrize(
    ("data", "needles"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), ["binary file", "PNG image"]),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(64), ["binary file", "JPEG image"]),
        (b"GIF89a" + bytes(64), ["binary file", "GIF image"]),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 " + bytes(64), ["binary file", "WebP image"]),
        (b"II*\x00" + bytes(64), ["binary file", "TIFF image"]),
        (b"MM\x00*" + bytes(64), ["binary file", "TIFF image"]),
        ("docx", ["binary file", "Word document (.docx)"]),
        ("zip", ["binary file", "ZIP archive"]),
        ("blank-pdf", ["PDF without a text layer", "OCR"]),
        (b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage\n%%EOF", ["PDF that cannot be read"]),
        ("truncated-pdf", ["PDF that cannot be read"]),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_refused_by_content_whatever_the_name(tmp_path, existing_out, data, needles):
    if data in ("docx", "zip"):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr(
                "word/document.xml" if data == "docx" else "a.txt", "<w:t>Beijing</w:t>"
            )
        data = buffer.getvalue()
    elif data == "blank-pdf":
        data = blank_pdf()
    elif data == "truncated-pdf":
        data = pdf(paragraphs())[:1500]
    path = tmp_path / "chapter.txt"
    path.write_bytes(data)
    before = folder_digest(existing_out)
    result = invoke("build", path, "--out", existing_out, "--no-progress")
    assert_refused(result, "chapter.txt", *needles)
    assert_untouched(existing_out, before)


@pytest.mark.parametrize(
    ("page", "needle"),
    [
        (
            "<!DOCTYPE html><html><head><script>x()</script></head><body></body></html>",
            "no article",
        ),
        ("<html>", "no article"),
        ("<html><body><p>\x00\x01\x02</p>", "binary file"),
    ],
)
def test_a_page_without_an_article_is_one_line(tmp_path, existing_out, page, needle):
    path = tmp_path / "menu.html"
    path.write_text(page, encoding="utf-8")
    before = folder_digest(existing_out)
    assert_refused(invoke("build", path, "--out", existing_out), "menu.html", needle)
    assert_untouched(existing_out, before)


def test_a_truncated_page_keeps_what_it_has(tmp_path):
    path = tmp_path / "cut.htm"
    path.write_text(page()[:3000], encoding="utf-8")
    text = read_text(path)[1]
    assert text.startswith(HEADING) and len(text.splitlines()) >= 2


def test_the_size_limit_applies_to_a_pdf_before_it_is_read(tmp_path):
    path = tmp_path / "section.pdf"
    path.write_bytes(pdf(paragraphs()))
    result = invoke("build", path, "--out", tmp_path / "out", "--max-bytes", "1k")
    assert_refused(result, "section.pdf", "over the 1 KiB limit")


def test_sniff():
    assert sniff(b"  \n%PDF-1.4") == "pdf"
    assert sniff(b"<?xml version='1.0'?>\n<!-- saved --><html><p>x") == "html"
    assert sniff(b"Growth was <5% and <html> was mentioned.") == "text"
    assert join_lines(["Beijing -", "Inner Mongolia", "", "Pairing-off"]) == (
        "Beijing - Inner Mongolia Pairing-off"
    )
