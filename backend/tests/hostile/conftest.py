"""Hostile-input suites (API fuzzing, callback fuzzing): slow, so only ``make test-hostile`` collects them
(it sets TESSERA_HOSTILE=1); the regular suites skip this folder."""

from __future__ import annotations

import os

collect_ignore_glob = [] if os.environ.get("TESSERA_HOSTILE") == "1" else ["test_*.py"]
