"""The money that came in and went out: budget figures, transactions, the example data."""
