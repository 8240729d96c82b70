"""Helpers for the executors in kayas.tools: the browser session."""
