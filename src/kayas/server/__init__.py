"""`kayas serve`: the Assistant over HTTP on this machine, with a web console, safe to leave running.

- `config`: the limits (body cap, queue, timeouts, confirmation lifetime), from config.toml's [server]
- `security`: the token file and the gate (Host, Origin, token) every request passes
- `lanes`: the planner's bounded queue and the run lane, with time limits
- `confirmations`, `history`: plans waiting for a yes; what this session did
- `service`: the rules on top of `kayas.assistant.Assistant`; `app`: the routes; `runner`: uvicorn
- `bench`: the load test (`kayas bench serve`); `static/`: the console
"""
