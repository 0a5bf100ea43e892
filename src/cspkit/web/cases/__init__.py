"""Multi-agency case work under /cases/: the shared record of people, places and events."""
