"""Every write of the integrity registers: atomic, validated and audited."""
