"""Recovery Coach domain: money, store, import, budget, planner. No Streamlit here."""
