"""The unit tabs' rights: the same `UnitRights` the unit pages get as `rights`.

`_unit_nav.html` is included by every app's unit pages, which each pass their
own app's rights as `rights`; the tabs read the unit's rights through this one
tag (``{% unit_rights access as unit %}``), so no page has to pass them and no
template computes them.
"""

from __future__ import annotations

from django import template

from sizi.units import permissions

register = template.Library()


@register.simple_tag
def unit_rights(access: permissions.UnitAccess) -> permissions.UnitRights:
    return permissions.rights_for(access)
