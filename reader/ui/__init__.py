"""Widgets and wiring: main window, article list, reader pane, outline."""
# Start-up: the modules and code that run before the first article is painted do not name
# PySide6.QtCore.Qt (not even `from PySide6.QtCore import Qt`). PySide builds that namespace,
# 93 Python enums, on first use: 12 ms, an eighth of a bare Qt window's whole start-up. They
# write `QtCore.Qt.X` inside functions instead; code that runs later imports Qt as usual.
