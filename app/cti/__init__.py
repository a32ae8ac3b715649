"""Call events from phone systems (CTI): one event model, small adapters per source.

Adapters (baresip, webhook, ami) parse what their source sends into
app.cti.events.CallEvent and hand it to a callback on their own thread; the
recorder turns events into rows of the calls table; the GUI bridge (ui/cti) pops
the card. Every adapter is imported plainly so a frozen build bundles them all.
"""
