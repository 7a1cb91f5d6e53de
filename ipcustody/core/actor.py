"""Who is acting: a user together with the membership (organisation + role) they are using right now.

Pages resolve the actor from the session (the organisation switcher), the API from the personal token, which
acts for exactly one membership. Services take an Actor so that scope and permission follow the organisation in
use, not merely the user.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from ipcustody.accounts.models import Membership


class Role:
    ADMIN = "admin"
    STAFF = "staff"
    READ_ONLY = "read_only"
    WRITERS = frozenset({ADMIN, STAFF})


@dataclass(frozen=True)
class Actor:
    user: Any
    membership: Membership | None = None

    @property
    def organisation(self):
        return self.membership.organisation if self.membership else None

    @property
    def role(self) -> str | None:
        return self.membership.role if self.membership else None

    @property
    def is_platform_admin(self) -> bool:
        return bool(self.user and self.user.is_active and self.user.is_superuser)

    @property
    def can_write(self) -> bool:
        """Admin and staff may change data their organisation owns; read-only members never."""
        return self.membership is not None and self.membership.role in Role.WRITERS

    @property
    def is_org_admin(self) -> bool:
        return self.membership is not None and self.membership.role == Role.ADMIN

    @property
    def label(self) -> str:
        if self.user is None:
            return "system"
        return self.user.get_username()


SYSTEM = Actor(user=None, membership=None)
