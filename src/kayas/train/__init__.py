"""`kayas train`: LoRA (or full) fine-tuning of a base model on chat-format JSONL.

config.py holds the typed config, data.py turns examples into masked, length-grouped batches,
setup.py builds what a run needs (device, model, LoRA, data), recipe.py is the loop,
artifacts.py writes the out folder, bench.py compares against a plain transformers Trainer.
"""
