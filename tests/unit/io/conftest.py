"""Real small files for the importer tests; PDFs are drawn with Qt so they have a real text layer."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

@pytest.fixture
def make_pdf(qapp, tmp_path):
    """make_pdf(name, html, title="", author="") -> path of an A5 PDF with that HTML typeset as text."""
    from PySide6.QtCore import QSizeF
    from PySide6.QtGui import QPageSize, QPainter, QPdfWriter, QTextDocument

    def make(name: str, html: str, title: str = "", author: str = "") -> Path:
        path = tmp_path / name
        writer = QPdfWriter(str(path))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A5))
        writer.setResolution(96)  # the document lays out in screen pixels; this keeps lines page-wide
        writer.setTitle(title)
        writer.setAuthor(author)
        document = QTextDocument()
        document.setHtml(html)
        document.setPageSize(QSizeF(writer.width(), writer.height()))
        painter = QPainter(writer)
        for page in range(document.pageCount()):
            if page:
                writer.newPage()
            painter.save()
            painter.translate(0, -page * writer.height())
            document.drawContents(painter, _page_rect(page, writer))
            painter.restore()
        painter.end()
        return path

    return make


def _page_rect(page: int, writer):
    from PySide6.QtCore import QRectF

    return QRectF(0, page * writer.height(), writer.width(), writer.height())


@pytest.fixture
def make_image_pdf(qapp, tmp_path):
    """A PDF whose page is only a picture of text, like a scan."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QImage, QPainter, QPdfWriter

    def make(name: str) -> Path:
        image = QImage(600, 300, QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        image_painter = QPainter(image)
        centre = Qt.AlignmentFlag.AlignCenter
        image_painter.drawText(image.rect(), centre, "Zoos should close. This is a scan.")
        image_painter.end()
        path = tmp_path / name
        writer = QPdfWriter(str(path))
        painter = QPainter(writer)
        painter.drawImage(0, 0, image)
        painter.end()
        return path

    return make
