"""Local stand-ins for the services the executors talk to, each a real HTTP server on loopback."""
