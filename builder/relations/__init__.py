"""Relations: entities, events and stated relations in, weighted and dated ``Relation``
records between actors out, each with the sentences that support it.
"""

from builder.relations.finder import find_relations

__all__ = ["find_relations"]
