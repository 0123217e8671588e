"""b24-docgen: a documentation-driven code generator for the Bitrix24 REST API docs."""

__version__ = "0.1.0"
