"""Helpers the executors in kayas.tools share: the browser session and workspace paths."""
