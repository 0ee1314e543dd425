"""The application layer between the front ends and the core.

``session.Logbook`` is what the CLI, the app and the report ask for the day, the
days and the insights, and log through; ``drafts`` turns what a person types into
entries, products, custom foods and profiles; ``demo`` fills a log with a history.
Nothing is imported here, so ``mgtui.logbook.drafts`` stays as cheap as it is.
"""
