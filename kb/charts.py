"""Figures: the CSV beside a figure document, drawn as an SVG chart and laid out as a table.

The chart is drawn on the server with pygal so the page needs no JavaScript and no CDN; the same
numbers go into an HTML table for screen readers and copy-paste.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass

CHART_VERSION = "1"  # part of the chart's ETag: bump when the drawing changes
MISSING = "—"  # an empty cell: the source gives no figure
FONT = 'system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif'


@functools.cache
def _pygal():
    """pygal's chart classes and our style, imported on the first chart: `kb search` needs neither."""
    import pygal
    from pygal.style import Style

    style = Style(
        font_family=FONT,
        background="#ffffff",
        plot_background="#ffffff",
        foreground="#1d2327",
        foreground_strong="#1d2327",
        foreground_subtle="#5a6b62",
        colors=("#1f5f3f", "#c77c02", "#3a6ea5", "#9b3d5a", "#5a6b62"),
        title_font_size=18,
        label_font_size=13,
        major_label_font_size=13,
        legend_font_size=14,
        value_font_size=13,
    )
    return {"bar": pygal.Bar, "line": pygal.Line}, style


@dataclass
class FigureTable:
    caption: str
    columns: list[str]  # CSV column names, x first
    headers: list[str]  # their labels in the page language
    rows: list[list[str]]  # cells as written in the CSV, MISSING where empty


def read_rows(doc) -> list[dict[str, str]]:
    with (doc.path.parent / str(doc.meta["data"])).open(encoding="utf-8-sig", newline="") as f:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]


def column_label(doc, column: str) -> str:
    return str((doc.meta.get("labels") or {}).get(column, column))


def figure_table(doc) -> FigureTable:
    rows = read_rows(doc)
    x = doc.meta["x"]
    columns = [x] + [c for c in (rows[0] if rows else {}) if c != x]
    return FigureTable(
        caption=doc.title,
        columns=columns,
        headers=[column_label(doc, c) for c in columns],
        rows=[[row.get(c) or MISSING for c in columns] for row in rows],
    )


def chart_svg(doc) -> bytes:
    rows = read_rows(doc)
    charts, style = _pygal()
    chart = charts[doc.meta.get("chart", "bar")](
        js=[],
        style=style,
        title=doc.title,
        x_title=column_label(doc, doc.meta["x"]),
        y_title=str(doc.meta.get("unit") or ""),
        print_values=True,
        allow_interruptions=True,
        legend_at_bottom=True,
        truncate_legend=-1,
        truncate_label=-1,
        width=800,
        height=500,
        value_formatter=_number,
    )
    chart.add_xml_filter(_without_scripts)
    chart.x_labels = [row.get(doc.meta["x"], "") for row in rows]
    for column in doc.meta.get("series") or []:
        chart.add(column_label(doc, column), [_value(row.get(column, "")) for row in rows])
    return chart.render()


def _value(cell: str) -> float | None:
    try:
        return float(cell)
    except ValueError:
        return None  # an empty cell is a gap in the chart, not a zero


def _number(value: float) -> str:
    return f"{value:g}"


def _without_scripts(root):
    # pygal always embeds a config <script>; an image needs none, and its CSP would refuse it anyway.
    for parent in list(root.iter()):
        for child in list(parent):
            if str(child.tag).endswith("script"):
                parent.remove(child)
    return root
