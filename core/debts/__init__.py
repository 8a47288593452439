"""What the user owes: entry (typed fields to a debt), store, sheet, overdue."""
