"""Forms: the only way user input reaches the integrity services."""
