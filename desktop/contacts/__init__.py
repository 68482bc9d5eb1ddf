"""The contact list, the contact form and the Trash."""
