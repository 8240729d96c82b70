"""The command line: thin commands that parse, call the library, print. One module per group."""
