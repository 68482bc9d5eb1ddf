"""The editor's rich text (Qt's HTML) to reportlab Paragraph markup: bold, italic, underline,
font size, alignment and paragraphs survive; the rest is left out; text stays escaped."""

from __future__ import annotations

from reportlab.platypus import Paragraph

from db.mailing.rich_text import RichParagraph, paragraphs_from_html

# What QTextDocument.toHtml() writes (PySide6 6.x) for: a centred bold title, a line with an
# italic and an underlined word at 14 pt, an empty line, and a justified paragraph.
QT_HTML = (
    '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.0//EN"'
    ' "http://www.w3.org/TR/REC-html40/strict.dtd">\n'
    '<html><head><meta name="qrichtext" content="1" /><meta charset="utf-8" /><style'
    ' type="text/css">\n'
    "p, li { white-space: pre-wrap; }\n"
    "hr { height: 1px; border-width: 0; }\n"
    "</style></head><body style=\" font-family:'Sans Serif'; font-size:9pt;"
    ' font-weight:400; font-style:normal;">\n'
    '<p align="center" style=" margin-top:0px; margin-bottom:0px;"><span style="'
    ' font-weight:700;">Our offer</span></p>\n'
    '<p style=" margin-top:0px; margin-bottom:0px;">An <span style="'
    ' font-style:italic;">italic</span> and an <span style=" font-size:14pt;'
    ' text-decoration: underline;">underlined</span> word &amp; &lt;more&gt;</p>\n'
    '<p style="-qt-paragraph-type:empty; margin-top:0px; margin-bottom:0px;"><br'
    " /></p>\n"
    '<p align="justify" style=" margin-top:0px; margin-bottom:0px;">Dear {{'
    " field[&quot;Account number&quot;] }}</p></body></html>"
)


def test_qt_html_keeps_formatting_alignment_and_paragraphs() -> None:
    title, line, empty, last = paragraphs_from_html(QT_HTML)
    assert title == RichParagraph("center", "<b>Our offer</b>", 11.0)
    assert line.align == "left"
    assert line.markup == (
        'An <i>italic</i> and an <font size="14"><u>underlined</u></font> word &amp; &lt;more&gt;'
    )
    assert line.size == 14.0
    assert empty.is_empty
    assert last.align == "justify"
    assert last.markup == 'Dear {{ field["Account number"] }}'  # quotes as typed, for Jinja


def test_every_paragraph_is_markup_reportlab_reads() -> None:
    for paragraph in paragraphs_from_html(QT_HTML):
        Paragraph(paragraph.markup).wrap(400, 400)  # raises on markup it cannot read


def test_plain_tags_and_plain_text() -> None:
    (one, two) = paragraphs_from_html(
        "<p><strong>Bold</strong> <em>it</em><br>next</p><h2>Head</h2>"
    )
    assert one.markup == "<b>Bold</b> <i>it</i><br/>next"
    assert two.markup == '<font size="16"><b>Head</b></font>'
    assert [p.markup for p in paragraphs_from_html("one\ntwo < three")] == [
        "one",
        "two &lt; three",
    ]


def test_scripts_styles_and_unknown_tags_leave_no_text() -> None:
    html = "<p>a<script>alert(1)</script><img src='x.png'><font color='red'>b</font></p>"
    (only,) = paragraphs_from_html(html)
    assert only.markup == "ab"
