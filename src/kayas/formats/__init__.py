"""The on-disk formats Kayas reads and writes, one module each: adapter folders, training examples."""
