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

SETS = [search]
