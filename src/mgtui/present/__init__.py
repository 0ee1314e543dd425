"""What a person reads: every shown figure as text, the text bars and the report.

Figures are decided in ``mgtui.domain.verdict`` (rounded by ``domain.figures``);
this package words them, once, for the CLI, the app and the report alike. It never
imports Textual: the app's widgets take these views and only draw them.
"""
