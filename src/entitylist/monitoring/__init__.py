"""Monitoring saved counterparties: portfolio files, the token index over their names, delta
screening when the list changes, and the delivery of new alerts (webhooks, e-mail).

This is a core over the screening index; it knows nothing of the store (``entitylist.store.
monitoring`` keeps portfolios and alerts, ``entitylist.services.portfolios`` puts both together).
"""
