"""The start-up baseline for benchmarks/package.py: a bare PySide6 window that paints once and exits.

Built with PyInstaller the same way as the app (one folder), so the comparison is like for like.
"""

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


class FirstPaint(QObject):
    def __init__(self, app, window):
        super().__init__()
        self.app, self.window, self.painted = app, window, False

    def eventFilter(self, watched, event):
        if (event.type() == QEvent.Type.Paint and not self.painted and watched.isWidgetType()
                and watched.window() is self.window):
            self.painted = True
            QTimer.singleShot(0, self.app.quit)
        return False


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("bare window")
    window.setCentralWidget(QLabel("Hello"))
    window.resize(1000, 700)
    painted = FirstPaint(app, window)
    app.installEventFilter(painted)
    window.show()
    app.exec()
    print("bare: painted" if painted.painted else "bare: never painted", flush=True)
    return 0 if painted.painted else 1


if __name__ == "__main__":
    sys.exit(main())
