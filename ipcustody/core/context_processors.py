from __future__ import annotations

from django.conf import settings


def frame(request) -> dict:
    """What the page frame needs: the organisation switcher and the role's navigation."""
    from ipcustody.accounts.services import memberships_of

    from .navigation import items_for

    context = {"platform_name": settings.PLATFORM_NAME}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return context
    actor = request.actor
    nav = items_for(actor)
    sections: dict[str, list] = {}
    for item in nav:
        sections.setdefault(str(item.section), []).append(item)
    from ipcustody.notifications.services import unread_count

    context.update(
        unread_notifications=unread_count(user),
        actor=actor,
        memberships=memberships_of(user),
        nav_sections=sections,
    )
    return context
