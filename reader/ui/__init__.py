"""Widgets and wiring: main window, article list, reader pane, outline."""
