"""mgtui: the daily magnesium check that bone health needs."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("mgtui")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"
