"""Monthly reminders: what they are, when they fall, which are missed, and the calendar file.

Pure modules (`occurrences`, `reminder`, `due`, `proposals`, `calendar`) know nothing of
the store; `store` keeps reminders and dismissals per profile.
"""
