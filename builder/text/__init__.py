"""Rules about English news text that more than one stage needs, each with one owner:
date patterns and date reading (``dates``), name folding (``fold``), word lists
(``lexicon``).
"""
