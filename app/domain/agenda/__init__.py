"""The three-topic agenda: its rules, its status and when it may be edited."""
