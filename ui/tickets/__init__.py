"""The ticket screens: logging interactions, new tickets and complaints with a live
routing preview, the ticket view with its processing log, department queues, the
escalation timer and the routing/SLA administration.

ui.tickets.actions is the public entry point the card, the pop card and the main
window call; everything else here is built behind it.
"""
