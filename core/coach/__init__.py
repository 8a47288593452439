"""The recovery coach: advice chosen from the user's own situation, the collection
contact log, and letters to the lender.

Pure parts (cards, rules, contacts, letters) know nothing of the store or of pages;
the store parts (log, gather, exports) sit beside them.
"""
