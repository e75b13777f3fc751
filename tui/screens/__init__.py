"""Screens of the reader other than the main one."""
