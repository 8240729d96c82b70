"""The one system prompt, shared by the training data and the planner.

The fine-tuned brain does not need the tool list in its prompt: the tools are in its
weights and the grammar. A short prompt keeps every command's prefill cheap.
"""

SYSTEM_PROMPT = "You are Kayas, a desktop assistant. Answer with a JSON list of tool calls."

# The turns of a conversation the brain sees before a command, oldest first: enough for "it",
# "again", "the other one" and "to kim too", few enough to keep the prompt short.
CONTEXT_TURNS = 2


def with_context(command: str, context: list[tuple[str, str]] | tuple[tuple[str, str], ...] = ()) -> str:
    """The user message the brain reads: the last turns (command, plan text), then the command.

    One line a turn, "Earlier: COMMAND => PLAN", then "Now: COMMAND"; with no context the
    command alone, so a stateless command reads exactly as before. The same text in the
    training data (kayas.data.templates.conversation), in `kayas eval` and at run time.
    """
    turns = list(context)[-CONTEXT_TURNS:]
    if not turns:
        return command
    lines = [f"Earlier: {' '.join(said.split())} => {plan}" for said, plan in turns]
    return "\n".join([*lines, f"Now: {command}"])


def said_of(text: str) -> str:
    """The command in a user message `with_context` wrote (the message itself when it has no context)."""
    if not text.startswith("Earlier: "):
        return text
    head, sep, command = text.rpartition("\nNow: ")
    return command if sep else text
