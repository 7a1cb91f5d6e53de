from __future__ import annotations

from decimal import Decimal
from urllib.parse import parse_qsl, urlencode

from django import template

register = template.Library()


def _with(querystring: str, **updates) -> str:
    params = dict(parse_qsl(querystring, keep_blank_values=True))
    params.update({k: str(v) for k, v in updates.items()})
    return urlencode(params)


@register.simple_tag
def sort_querystring(querystring: str, key: str, current: str) -> str:
    """Clicking a sorted column flips its direction; another column sorts ascending."""
    new = f"-{key}" if current == key else key
    return _with(querystring, sort=new, page=1)


@register.simple_tag
def page_querystring(querystring: str, page: int) -> str:
    return _with(querystring, page=page)


@register.simple_tag
def size_querystring(querystring: str, size: int) -> str:
    return _with(querystring, size=size, page=1)


@register.filter
def yuan(value) -> str:
    """Money as ¥12,345.00 (UI.md)."""
    if value in (None, ""):
        return "—"
    amount = Decimal(value).quantize(Decimal("0.01"))
    # UI.md fixes the format for every language: thousands by comma, two decimals
    return f"¥{amount:,.2f}"


@register.filter
def ymd(value) -> str:
    return value.strftime("%Y-%m-%d") if value else "—"
