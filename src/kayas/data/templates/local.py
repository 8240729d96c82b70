"""Local files by name and content (the query drops `the`/`my`), vs a web or Slack search."""
from kayas.data.spec import TemplateSet

search = TemplateSet("local.search").ask(
    "where did I save {query:localq}[?|]",
    "where is {query:localq}[?|]",
    "do I have a file about {query:localq}[?|]",
    "where's {query:localq}[?|]",
    "where did I put {query:localq}[?|]",
    "which file has {query:localq}[?|]",
    "I can't find {query:localq}",
    "where are {query:localq} stored[?|]",
    "did I save {query:localq} somewhere[?|]",
).imp(
    "find {query:localq} on my computer",
    "search my files for {query:localq}",
    "look for {query:localq} on my computer",
    "find the file with {query:localq}",
    "search my documents for {query:localq}",
    "locate {query:localq}",
    "find files about {query:localq}",
    "search locally for {query:localq}",
    "dig up {query:localq} from my files",
    "look through my files for {query:localq}",
    "search the workspace for {query:localq}",
    "find any documents mentioning {query:localq}",
    "search my computer for {query:localq}",
    "find my {query:localbare}",
    "look up {query:localq} in my files",
    "do a local search for {query:localq}",
)

# Documents the user names like things ("my CV", "the lease", "photos of the beach"): a file
# search, read-only. Things in the world ("find my phone") run nothing: templates/near_miss.py physical.
docs = TemplateSet("local.search", "local.docs").imp(
    "find my {query:doc}",
    "find the {query:doc} [for me|]",
    "locate my {query:doc}",
    "look for my {query:doc} [on the computer|on my laptop|]",
    "find my {query:doc} file",
    "dig out my {query:doc}",
    "track down my {query:doc}",
    "help me find my {query:doc}",
    "find where I saved my {query:doc}",
).ask(
    "where's my {query:doc}[?|]",
    "where is my {query:doc}[?|]",
    "where's the {query:doc}[?|]",
    "where are my {query:doc}[?|]",
    "where did I put my {query:doc}[?|]",
    "where did I save the {query:doc}[?|]",
    "where's the {query:doc} document[?|]",
    "can you find my {query:doc}[?|]",
    "could you find the {query:doc} for me[?|]",
    "I can't find my {query:doc} [anywhere|]",
    "have I got my {query:doc} saved somewhere[?|]",
    "do I still have my {query:doc}[?|]",
    "is my {query:doc} on here somewhere[?|]",
)

SETS = [search, docs]
