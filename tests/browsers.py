"""Debian's chromium for the browser tests (report.html, zhuanbao serve), driven by playwright.

Nothing is downloaded: playwright starts /usr/bin/chromium (`.ci/run` installs it). A test module
marks itself `needs_chromium` and takes the `browser` fixture (conftest.py)."""
from __future__ import annotations

import shutil

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (Debian: apt-get install "
                                                             "chromium; .ci/run installs it)")
# as root in a container: no sandbox; and nothing that would reach the network on its own
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
