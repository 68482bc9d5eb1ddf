"""User fields on screen: Define Fields (add, rename, retype, reorder, delete), the report of
values a change of type would remove, and the contact form's User fields tab."""
