"""Contracts pages, split by subject: contracts, procedures, market (needs, offerings, matching, events)."""

from .contracts import *  # noqa: F401,F403
from .market import *  # noqa: F401,F403
from .procedures import *  # noqa: F401,F403
