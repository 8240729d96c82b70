"""The one system prompt, shared by the training data and the planner.

The fine-tuned brain does not need the tool list in its prompt: the tools are in its
weights and the grammar. A short prompt keeps every command's prefill cheap.
"""

SYSTEM_PROMPT = "You are Kayas, a desktop assistant. Answer with a JSON list of tool calls."
