"""Publish: what a site needs beyond one build's corpus, from the previous build and the
site's address: the change report (``changes``), the What's new page and the Atom feed
(``feed``), and the pages' last-modified dates for the sitemap (``publisher``).
"""
