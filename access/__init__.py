"""Who may do what: ``roles`` (users, roles and what each may do), ``users`` (accounts and
passwords), ``guard`` (the sign-in limits), ``session_token`` (the signed session cookie) and
``audit`` (the audit trail every write appends to)."""
