"""The lab's measurements, apart from the runtime: `kayas bench plan|train|serve|voice` and the eyes' timings.

Each module measures one part (plan: the planner's speed and accuracy; server: the HTTP API under
load; train: the training loop against a plain Trainer; voice: recognition and the voice loop;
eyes: the accessibility backends); the runtime never imports them.
"""
