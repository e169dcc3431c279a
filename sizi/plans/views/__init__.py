"""Pages of the plans app, one module per page group. Each view checks rights first."""
