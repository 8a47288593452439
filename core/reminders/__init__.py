"""Monthly reminders: what they are, when they fall, which are missed, and the calendar file.

Pure modules: `occurrences` (the end-of-month rule), `reminder` (a checked entry), `due`
(due soon and missed), `proposals`, `calendar` (the .ics), `clock` (the user's time zone).
`store` keeps reminders and dismissals per profile.
"""
