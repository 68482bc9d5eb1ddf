"""Getting contacts in and out: CSV and vCard files read into `Incoming` records, imported as one
batch that can be undone, and contacts written back out. No Qt here."""
