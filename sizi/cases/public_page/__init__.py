"""The unit's public page: maklumat and standar pelayanan, entry points, aggregates."""
