"""The MkDocs adapter: runs the builder before MkDocs reads its docs folder."""
