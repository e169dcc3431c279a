"""The API's endpoints, one router per app (units, plans, evidence, lke, …)."""
