"""Every write of the contracts app, taking an `actor`; one transition function per workflow.

Split by subject: `contracts` (three-party custody contracts), `procedures` (tender, invitation, commission),
`market` (needs, offerings, matching, matching events). Import from here.
"""

from .common import *  # noqa: F401,F403
from .contracts import *  # noqa: F401,F403
from .market import *  # noqa: F401,F403
from .procedures import *  # noqa: F401,F403
