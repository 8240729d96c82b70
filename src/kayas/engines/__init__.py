"""Engines that run the brain's model for the constrained decoder: torch and llama.cpp (see base.py)."""
