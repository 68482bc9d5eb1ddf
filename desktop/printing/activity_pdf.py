"""The "My activity" report as a PDF, with reportlab Platypus. No Qt: the command line uses it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from db.activity_report import ActivityReport, ReportLine


def write_activity_pdf(report: ActivityReport, path: Path) -> Path:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    cell = styles["BodyText"].clone("cell", fontSize=8.5, leading=10.5)
    period = f"{report.start:%d %b %Y} – {report.end:%d %b %Y}"
    story = [
        Paragraph(f"My activity, {period}", styles["Title"]),
        _summary(report, styles),
        Spacer(1, 6 * mm),
    ]

    def section(title: str, lines: tuple[ReportLine, ...], columns: tuple[str, ...]) -> None:
        story.append(Paragraph(f"{title} ({len(lines)})", styles["Heading2"]))
        if not lines:
            story.append(Paragraph("None in this period.", styles["BodyText"]))
            return
        data = [list(columns)] + [
            [
                f"{line.when:%d %b %H:%M}",
                Paragraph(_escape(line.contact), cell),
                line.kind,
                Paragraph(_escape(line.result), cell),
                Paragraph(_escape(line.text), cell),
            ]
            for line in lines
        ]
        table = Table(data, colWidths=[24 * mm, 38 * mm, 18 * mm, 28 * mm, 62 * mm], repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("FONTSIZE", (0, 0), (-1, -1), 8.5),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef7")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#cccccc")),
                ]
            )
        )
        story.append(table)

    section("Calls and meetings", report.logged, ("When", "Contact", "Kind", "Result", "Note"))
    section("Follow-ups completed", report.completed, ("Done", "Contact", "Kind", "Result", "What"))
    section("Follow-ups scheduled", report.scheduled, ("Made", "Contact", "Kind", "", "What"))
    idle_title = f"No next action, as of now ({report.no_next_action_count})"
    story.append(Paragraph(idle_title, styles["Heading2"]))
    names = ", ".join(_escape(c.contact_name) for c in report.no_next_action)
    more = report.no_next_action_count - len(report.no_next_action)
    story.append(
        Paragraph(
            (names + (f" and {more} more" if more > 0 else "")) or "None.", styles["BodyText"]
        )
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    document = SimpleDocTemplate(
        str(path), pagesize=A4, title=f"My activity, {period}", author="Cardfile"
    )
    document.build(story)
    return path


def _summary(report: ActivityReport, styles: object) -> object:
    from reportlab.platypus import Paragraph

    calls = sum(1 for line in report.logged if line.kind == "call")
    meetings = sum(1 for line in report.logged if line.kind == "meeting")
    text = (
        f"{calls} calls and {meetings} meetings logged · {len(report.completed)} follow-ups "
        f"completed · {len(report.scheduled)} scheduled · {report.no_next_action_count} "
        "contacts with no next action"
    )
    return Paragraph(text, styles["BodyText"])  # type: ignore[index]


def _escape(text: str) -> str:
    import html

    return html.escape(text).replace("\n", "<br/>")
