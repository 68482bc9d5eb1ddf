"""Follow-ups: the Log dialog (note, next action, date), the follow-up panel, the reminders."""
