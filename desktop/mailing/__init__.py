"""Mail to contacts in the window: My record, the labels and envelopes dialog, the PDF preview
with Print and Save (shared with letters), and the flows that tie them to the database."""
