"""Kayas by voice: `kayas listen` (see kayas.voice.pipeline); the stages are in base.py, built by factory.py."""
