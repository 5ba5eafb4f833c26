"""Interactive network maps for people who never read Turtle."""
