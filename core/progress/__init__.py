"""Repayment progress: payments, confirmed balances, adopted plans and milestones.

Modules, from the rule outwards: `balances` (what a debt owes on any day, pure),
`history` (loading it), `payments` (recording, voiding, confirming), `links`
(imported transactions as payments), `plans` (adopted plans), `tracking` (progress,
plan against actual and pace, pure), `milestones`, and `overview` (all a page shows).
Nothing here imports Streamlit.
"""
