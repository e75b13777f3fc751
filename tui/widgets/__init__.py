"""The widgets of the reader: one per file, each with its messages nested on it."""
