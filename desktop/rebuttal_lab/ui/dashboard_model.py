"""The coach's dashboard as a Qt table model over store.dashboard, read one page at a time.

Like Anki's browser model: the SQL lives in the store, this model only asks for pages. rowCount grows a
page at a time through canFetchMore/fetchMore as the view scrolls, and only the most recently used pages
are kept (a small LRU cache), so scrolling through a class of 100,000 sessions never holds them all;
a page that was dropped is simply read again when it is shown. Filtering or sorting re-queries.
"""

from __future__ import annotations

from collections import OrderedDict

import sqlite_utils
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from rebuttal_lab.store import dashboard
from rebuttal_lab.store.dashboard import COLUMNS, Filters

UUID_ROLE = Qt.ItemDataRole.UserRole + 1  # the session's uuid, for opening it
ROW_ROLE = Qt.ItemDataRole.UserRole + 2  # the whole row as a dict
_NUMERIC = {"time_used_s", "overall", "breadth", "evidence"}
_Index = QModelIndex | QPersistentModelIndex


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)} %"


def _duration(seconds: float | None) -> str:
    seconds = round(seconds or 0)
    return f"{seconds // 60}:{seconds % 60:02d}"


def display(key: str, row: dict) -> str:
    value = row[key]
    if key == "started_at":
        return value[:16].replace("T", " ")
    if key == "time_used_s":
        return _duration(value)
    if key in ("overall", "breadth", "evidence"):
        return _percent(value)
    if key == "reviewed":
        return "Yes" if value else ""
    return str(value)


class DashboardModel(QAbstractTableModel):
    def __init__(self, db: sqlite_utils.Database, page_size: int = dashboard.PAGE_SIZE, cache_pages: int = 8,
                 parent=None):
        super().__init__(parent)
        self._db = db
        self._page_size = min(page_size, dashboard.MAX_PAGE)
        self._cache_pages = max(2, cache_pages)
        self._filters = Filters()
        self._sort, self._descending = "started_at", True
        self._pages: OrderedDict[int, list[dict]] = OrderedDict()
        self._total = 0
        self._loaded = 0  # rows the view has been told about
        self.queries = 0  # page queries run: lets tests check the model stays lazy
        self._requery()

    # --- what the coach asks for -----------------------------------------------------------------------

    @property
    def filters(self) -> Filters:
        return self._filters

    def set_filters(self, filters: Filters) -> None:
        self._filters = filters
        self._requery()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self._sort = COLUMNS[column].key
        self._descending = order == Qt.SortOrder.DescendingOrder
        self._requery()

    def refresh(self) -> None:
        """Read again (after a review or an import changed the sessions)."""
        self._requery()

    def total_count(self) -> int:
        """Every matching session, loaded or not (for a "1,234 sessions" label)."""
        return self._total

    def session_uuid(self, row: int) -> str | None:
        record = self._row(row)
        return record["uuid"] if record else None

    # --- QAbstractTableModel -------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else self._loaded

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._loaded < self._total

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        rows = self._page(self._loaded // self._page_size)
        if not rows:  # the table shrank under us (another window deleted sessions)
            self._total = self._loaded
            return
        self.beginInsertRows(QModelIndex(), self._loaded, self._loaded + len(rows) - 1)
        self._loaded += len(rows)
        self.endInsertRows()

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        record = self._row(index.row())
        if record is None:
            return None
        key = COLUMNS[index.column()].key
        if role == Qt.ItemDataRole.DisplayRole:
            return display(key, record)
        if role == Qt.ItemDataRole.ToolTipRole and key == "article":
            return record["article"]
        if role == Qt.ItemDataRole.TextAlignmentRole and key in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == UUID_ROLE:
            return record["uuid"]
        if role == ROW_ROLE:
            return dict(record)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].label if 0 <= section < len(COLUMNS) else None
        return None

    # --- internals -----------------------------------------------------------------------------------

    def _requery(self) -> None:
        self.beginResetModel()
        self._pages.clear()
        self._total = dashboard.count(self._db, self._filters)
        self._loaded = 0
        self.endResetModel()
        self.fetchMore()  # the first page now: a view shows rows at once, and opening costs one query

    def _row(self, row: int) -> dict | None:
        if not 0 <= row < self._loaded:
            return None
        rows = self._page(row // self._page_size)
        offset = row % self._page_size
        return rows[offset] if offset < len(rows) else None

    def _page(self, number: int) -> list[dict]:
        if number in self._pages:
            self._pages.move_to_end(number)
            return self._pages[number]
        rows = dashboard.page(self._db, self._filters, self._sort, self._descending,
                              offset=number * self._page_size, limit=self._page_size)
        self.queries += 1
        self._pages[number] = rows
        while len(self._pages) > self._cache_pages:
            self._pages.popitem(last=False)
        return rows
