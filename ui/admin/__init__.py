"""Administration screens for supervisors and administrators: users, the audit trail."""
