"""PDF reports: the HTML report laid out by QTextDocument and printed with QPdfWriter.

QTextDocument cannot draw inline SVG, so each chart is rendered with QSvgRenderer into an image at twice
its size (sharp when printed) and put in the document as an image resource. Needs a QGuiApplication
(the CLI makes an offscreen one). Importing this module registers the writer with services.reports.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QMarginsF, QSizeF, QUrl
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtSvg import QSvgRenderer

from rebuttal_lab.services import reports

_SCALE = 2


def gui_application() -> QGuiApplication:
    """The running application, or a new QGuiApplication (fonts and painting need one; no window opens)."""
    return QGuiApplication.instance() or QGuiApplication(["rebuttal-lab"])


def svg_image(svg: str) -> QImage:
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    size = renderer.defaultSize()
    image = QImage(size.width() * _SCALE, size.height() * _SCALE, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    return image


def write_pdf(report: reports.Report, out_path: Path) -> None:
    document = QTextDocument()
    sizes = {}
    for i, (_caption, svg) in enumerate(report.charts):
        image = svg_image(svg)
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(f"chart{i}.png"), image)
        sizes[i] = (image.width() // _SCALE, image.height() // _SCALE)

    def chart(i: int, caption: str, _svg: str) -> str:
        width, height = sizes[i]
        return f'<img src="chart{i}.png" width="{width}" height="{height}" alt="{caption}">'

    document.setHtml(reports.render_html(report, chart))
    writer = QPdfWriter(str(out_path))
    writer.setTitle(report.title)
    writer.setCreator("Rebuttal Lab")
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    # Lay the page out 720 points wide, so the 640-point charts and tables fit the text width.
    writer.setResolution(96)
    document.setPageSize(QSizeF(writer.width(), writer.height()))
    document.print_(writer)


reports.register_pdf_writer(write_pdf)
