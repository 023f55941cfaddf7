"""Events: event mentions of every article in, one ``Event`` per happening out (dated,
placed, with participants), however many articles report it.
"""

from builder.events.finder import TYPE_LABELS, find_events

__all__ = ["TYPE_LABELS", "find_events"]
