"""jianfu: platform adapters at the edge, one message record, core logic, one store."""
