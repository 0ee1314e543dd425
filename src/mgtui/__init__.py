"""mgtui: the daily magnesium check that bone health needs."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # importlib.metadata costs tens of milliseconds: load it only when the version is
    # asked for (``mgtui --version``), not on every ``mgtui status``.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("mgtui")
        except PackageNotFoundError:  # a source tree that was never installed
            return "0+unknown"
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
