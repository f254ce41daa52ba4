"""Names the store keeps in its ``meta`` table, and the schema revision the code expects.

Apart from the store itself, so that :mod:`entitylist.store.quick` can read them without
importing SQLAlchemy.
"""

from __future__ import annotations

SCHEMA_REVISION = "0004"  # the newest migration's revision (a test checks it against Alembic's head)
BUNDLED_CHECKSUM_KEY = "bundled_sha256"
NO_BUNDLE = "none"  # the store was created empty on purpose: never seed it
LIST_VERSION_KEY = "list_version"  # bumped by every write transaction
STORE_ID_KEY = "store_id"  # random, set when the store is made: a recreated store never reuses a version
