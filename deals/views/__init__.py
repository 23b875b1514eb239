"""Public pages of the knowledge base, one module per section."""
