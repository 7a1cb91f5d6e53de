"""Keep the docketing rule tests plain pytest, independent of Django.

The project's root ``conftest.py`` has an autouse fixture that needs
pytest-django's ``settings`` fixture. These tests touch no Django code, so
the same-named fixture below overrides it for this directory, and the suite
runs both with the Django plugin and with ``-p no:django``.
"""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _settings_for_tests() -> None:
    """No Django settings to adjust for pure rule tests."""
