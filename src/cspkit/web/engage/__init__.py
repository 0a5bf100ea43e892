"""Public engagement: Safer Streets pins (where people feel unsafe), moderated before anything
is public, routed to the agency that deals with them, and answered with "we did"."""
