"""E-mail, calendar invitations and webhooks, delivered exactly once through an outbox.

``outbox`` writes messages in the caller's transaction; ``sender`` claims and delivers them;
``scheduler`` finds due reminders and digests (one process at a time); ``messages`` builds each
kind from templates; ``worker`` runs the last three in a thread of the app's lifespan.
"""
