"""Live sync between workstations: follow the change sequence other clients write.

changes   what a change is, reading the sequence, pruning it
cursor    which sequence numbers were handled (commits can land out of order)
listener  one autocommit psycopg connection that LISTENs, drained without blocking
follower  a thread that keeps a client following: LISTEN, catch-up, polling, backoff
backoff   reconnect delays with jitter

The GUI drives the same pieces from its event loop: ui/sync.py.
"""
