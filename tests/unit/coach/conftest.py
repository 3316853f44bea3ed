"""Fixtures for the coach tests: a database holding the small class of coach_helpers."""

from __future__ import annotations

import pytest

from coach_helpers import build_class


@pytest.fixture
def classroom(db):
    return build_class(db)
