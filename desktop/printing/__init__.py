"""PDF output (reportlab, no Qt): reports, and later letters, labels and envelopes."""
