"""The whistleblowing system (WBS): the parts of ``cases`` that promise secrecy.

Pure cores (Django-free): :mod:`.crypto` (envelope encryption with AES-GCM),
:mod:`.receipts` (the reporter's 80-bit receipt code and its slow hash) and
:mod:`.scrub` (metadata stripping of attachments). The Django parts (models,
permissions, services, forms, views) sit beside them and import them.
"""
