"""Infrastructure that imports no stage: disk caches and fingerprints (``cache``), the
warm cache of library-built data (``warm``), atomic file writes (``files``) and the
process pool (``parallel``).
"""
