"""Small charts drawn as SVG text for the reports: lines over time and horizontal bars.

Only basic shapes (rect, line, polyline, circle, text) with presentation attributes and no CSS, so the
same SVG shows in any browser and renders through QtSvg (SVG Tiny) into the PDF.
"""

from __future__ import annotations

from html import escape

WIDTH, HEIGHT = 640, 240
COLOURS = ["#1f6fb4", "#d9731a", "#2c9b4b", "#9b3fb5", "#c0392b"]
_FONT = 'font-family="DejaVu Sans, Arial, sans-serif"'
_LEFT, _RIGHT, _TOP, _BOTTOM = 48, 16, 28, 44


def _svg(body: list[str], title: str, width: int, height: int) -> str:
    head = (f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}">'
            f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>'
            f'<text x="{_LEFT}" y="18" font-size="13" font-weight="bold" {_FONT} fill="#222222">{escape(title)}</text>')
    return head + "".join(body) + "</svg>"


def line_chart(title: str, labels: list[str], series: dict[str, list[float | None]], y_max: float = 1.0,
               percent: bool = True, width: int = WIDTH, height: int = HEIGHT) -> str:
    """One line per series over the labels (dates); None values leave a gap-free skip."""
    plot_w, plot_h = width - _LEFT - _RIGHT, height - _TOP - _BOTTOM
    body = []
    for step in range(5):  # horizontal grid with its scale
        value = y_max * step / 4
        y = _TOP + plot_h - plot_h * step / 4
        text = f"{round(value * 100)}%" if percent else f"{value:g}"
        body.append(f'<line x1="{_LEFT}" y1="{y:.1f}" x2="{_LEFT + plot_w}" y2="{y:.1f}" stroke="#dddddd"/>'
                    f'<text x="{_LEFT - 6}" y="{y + 4:.1f}" font-size="10" text-anchor="end" {_FONT} '
                    f'fill="#555555">{text}</text>')
    n = len(labels)

    def x_at(i: int) -> float:
        return _LEFT + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    for i in sorted({0, n // 2, n - 1}) if n else []:
        anchor = "start" if i == 0 and n > 1 else "end" if i == n - 1 and n > 1 else "middle"  # stay inside
        body.append(f'<text x="{x_at(i):.1f}" y="{_TOP + plot_h + 16}" font-size="10" text-anchor="{anchor}" '
                    f'{_FONT} fill="#555555">{escape(labels[i])}</text>')
    for number, (name, values) in enumerate(series.items()):
        colour = COLOURS[number % len(COLOURS)]
        points = [(x_at(i), _TOP + plot_h - plot_h * min(max(v, 0), y_max) / y_max)
                  for i, v in enumerate(values) if v is not None]
        if len(points) > 1:
            coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            body.append(f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="2"/>')
        if len(points) <= 60:
            body.extend(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="{colour}"/>' for x, y in points)
        key_x = _LEFT + number * 130
        body.append(f'<rect x="{key_x}" y="{height - 16}" width="10" height="10" fill="{colour}"/>'
                    f'<text x="{key_x + 14}" y="{height - 7}" font-size="11" {_FONT} fill="#222222">'
                    f'{escape(name)}</text>')
    body.append(f'<line x1="{_LEFT}" y1="{_TOP + plot_h}" x2="{_LEFT + plot_w}" y2="{_TOP + plot_h}" '
                f'stroke="#888888"/>')
    return _svg(body, title, width, height)


def bar_chart(title: str, items: list[tuple[str, float]], percent: bool = False, width: int = WIDTH,
              bar_height: int = 18) -> str:
    """Horizontal bars, one per (label, value), scaled to the largest value."""
    label_w = 150
    height = _TOP + len(items) * (bar_height + 6) + 12
    top = max([v for _, v in items] + [1.0 if percent else 0]) or 1  # percentages on a 0-100% scale
    plot_w = width - label_w - 70
    body = []
    for i, (label, value) in enumerate(items):
        y = _TOP + i * (bar_height + 6)
        w = plot_w * max(value, 0) / top
        text = f"{round(value * 100)}%" if percent else f"{value:g}"
        body.append(f'<text x="{label_w - 8}" y="{y + bar_height - 5}" font-size="11" text-anchor="end" '
                    f'{_FONT} fill="#222222">{escape(label)}</text>'
                    f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_height}" '
                    f'fill="{COLOURS[0]}"/>'
                    f'<text x="{label_w + w + 6:.1f}" y="{y + bar_height - 5}" font-size="11" {_FONT} '
                    f'fill="#222222">{text}</text>')
    return _svg(body, title, width, height)
