"""Shared test fixtures: paths to the committed sample contracts."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
CONTRACTS = FIXTURES / "contracts"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def contracts() -> Path:
    return CONTRACTS
