"""The app in a browser tab (``mgtui serve``), on textual-serve.

``server``: the web server, one app process a tab. ``tab``: how each of those app
processes starts. Nothing is imported here, so a tab's process, which runs
``python -m mgtui.serve.tab``, loads none of the server's libraries.
"""
