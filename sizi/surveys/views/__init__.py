"""Pages of the surveys app. Each view checks the unit scope first.

`imports` (upload → column mapping → preview → confirm) is the backend's; the
coordinator pages, the public form and the results pages live beside it.
"""
