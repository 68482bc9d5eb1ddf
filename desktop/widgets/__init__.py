"""Small widgets and prompts shared by the feature folders."""
