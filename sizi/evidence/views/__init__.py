"""Pages of the evidence library. Each view checks the unit scope first.

Evidence of a unit the user may not see is a 404 (same as missing); seeing the
unit but lacking the right for an action is a 403. The views are split by
page family: `library` (items and their review), `files` (downloads and the
pack) and `requests` (permintaan bukti); `context` holds their shared page context.
The permission-checked getters and the rights live in `sizi.evidence.permissions`.
"""
