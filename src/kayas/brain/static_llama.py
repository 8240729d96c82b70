"""A Llama body with a static KV cache, replayed as CUDA graphs: per-pass overhead gone on a GPU.

On a GPU a forward pass of a 135M model over a few tokens is almost all Python and kernel
launches (~25 ms through transformers on an H100 for ~1 ms of work). Here the body is written
out in plain torch over fixed-size buffers: the KV cache is one (layers, kv_heads, max_len,
head_dim) tensor per K and V, positions and the causal mask are computed inside the pass from
a position buffer, so a pass has static shapes for each bucket of token counts (1, 2, 4, ...)
and is captured once as a CUDA graph and then replayed. Rolling back is moving `length`: slots
past it are masked and later overwritten. On the CPU the same code runs eagerly (the test of
its exactness against transformers).
"""
from __future__ import annotations

from typing import Any

import torch

BUCKETS = (1, 2, 4, 8, 16, 32, 64)


class StaticLlama:
    """Llama-family body (RMSNorm, RoPE, GQA attention, SwiGLU) over a static KV cache."""

    def __init__(self, model: Any, max_len: int = 1024, graphs: bool | None = None):
        cfg = model.config
        body = model.get_decoder()
        self.device = next(model.parameters()).device
        self.dtype = next(model.parameters()).dtype
        self.n_layers = cfg.num_hidden_layers
        self.n_heads = cfg.num_attention_heads
        self.n_kv = cfg.num_key_value_heads
        self.head_dim = getattr(cfg, "head_dim", None) or cfg.hidden_size // cfg.num_attention_heads
        self.eps = cfg.rms_norm_eps
        self.max_len = max_len
        self.embed = body.embed_tokens.weight
        self.layers = [
            (
                layer.input_layernorm.weight,
                torch.cat([layer.self_attn.q_proj.weight, layer.self_attn.k_proj.weight, layer.self_attn.v_proj.weight]),
                layer.self_attn.o_proj.weight,
                layer.post_attention_layernorm.weight,
                torch.cat([layer.mlp.gate_proj.weight, layer.mlp.up_proj.weight]),
                layer.mlp.down_proj.weight,
            )
            for layer in body.layers
        ]
        self.norm = body.norm.weight
        positions = torch.arange(max_len, device=self.device)[None]  # (1, L)
        probe = torch.zeros(1, max_len, cfg.hidden_size, device=self.device, dtype=self.dtype)
        cos, sin = body.rotary_emb(probe, positions)  # (1, L, D) each
        self.cos, self.sin = cos[0], sin[0]  # (L, D)
        shape = (self.n_layers, self.n_kv, max_len, self.head_dim)
        self.k = torch.zeros(shape, device=self.device, dtype=self.dtype)
        self.v = torch.zeros(shape, device=self.device, dtype=self.dtype)
        self.length = 0
        self.graphs = self.device.type == "cuda" if graphs is None else graphs
        self._captured: dict[int, tuple[Any, torch.Tensor, torch.Tensor, torch.Tensor]] = {}

    # -- one pass over fixed-size buffers -------------------------------------------------

    def _rms(self, x: torch.Tensor, w: torch.Tensor) -> torch.Tensor:
        var = x.float().pow(2).mean(-1, keepdim=True)
        return (x.float() * torch.rsqrt(var + self.eps)).to(x.dtype) * w

    def _rope(self, x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor) -> torch.Tensor:
        half = x.shape[-1] // 2
        rotated = torch.cat([-x[..., half:], x[..., :half]], dim=-1)
        return x * cos + rotated * sin

    def _pass(self, ids: torch.Tensor, pos: torch.Tensor) -> torch.Tensor:
        """Hidden states (T, H) of tokens `ids` (T,) at positions `pos` (T,); writes their K/V."""
        T = ids.shape[0]
        h = self.embed.index_select(0, ids)  # (T, H)
        cos = self.cos.index_select(0, pos)[None]  # (1, T, D)
        sin = self.sin.index_select(0, pos)[None]
        keys = torch.arange(self.max_len, device=ids.device)
        mask = torch.where(keys[None, :] <= pos[:, None], 0.0, float("-inf")).to(h.dtype)  # (T, L)
        nq, nkv, d = self.n_heads, self.n_kv, self.head_dim
        group = nq // nkv
        for i, (w_in, w_qkv, w_o, w_post, w_gu, w_down) in enumerate(self.layers):
            x = self._rms(h, w_in)
            qkv = x @ w_qkv.T  # (T, (nq + 2 nkv) d)
            q = qkv[:, : nq * d].view(T, nq, d).transpose(0, 1)  # (nq, T, d)
            k = qkv[:, nq * d : (nq + nkv) * d].view(T, nkv, d).transpose(0, 1)  # (nkv, T, d)
            v = qkv[:, (nq + nkv) * d :].view(T, nkv, d).transpose(0, 1)
            q, k = self._rope(q, cos, sin), self._rope(k, cos, sin)
            self.k[i].index_copy_(1, pos, k)
            self.v[i].index_copy_(1, pos, v)
            kk = self.k[i].repeat_interleave(group, dim=0)  # (nq, L, d)
            vv = self.v[i].repeat_interleave(group, dim=0)
            att = (q @ kk.transpose(1, 2)) * (d ** -0.5) + mask  # (nq, T, L)
            att = torch.softmax(att.float(), dim=-1).to(q.dtype)
            o = (att @ vv).transpose(0, 1).reshape(T, nq * d)  # (T, nq d)
            h = h + o @ w_o.T
            x = self._rms(h, w_post)
            gate, up = (x @ w_gu.T).chunk(2, dim=-1)  # (T, I) each
            h = h + (torch.nn.functional.silu(gate) * up) @ w_down.T
        return self._rms(h, self.norm)

    # -- the engine's face ------------------------------------------------------------------

    @torch.inference_mode()
    def feed(self, ids: list[int]) -> torch.Tensor:
        """Feed tokens after what the cache holds; their hidden states (T, H)."""
        T = len(ids)
        if self.length + T > self.max_len:
            raise ValueError(f"the static cache holds {self.max_len} positions; {self.length + T} asked for")
        bucket = next((b for b in BUCKETS if b >= T), None)
        if not self.graphs or bucket is None or self.length + bucket > self.max_len:
            ids_t = torch.tensor(ids, device=self.device)
            pos = torch.arange(self.length, self.length + T, device=self.device)
            out = self._pass(ids_t, pos)
        else:
            graph, ids_buf, pos_buf, out_buf = self._graph(bucket)
            ids_buf.zero_()
            ids_buf[:T].copy_(torch.tensor(ids), non_blocking=True)
            pos_buf.copy_(torch.arange(self.length, self.length + bucket), non_blocking=True)
            graph.replay()
            out = out_buf[:T]
        self.length += T
        return out

    def crop(self, length: int) -> None:
        """Back to the first `length` positions (later slots are masked, then overwritten)."""
        self.length = min(self.length, length)

    def _graph(self, bucket: int):
        if bucket not in self._captured:
            ids_buf = torch.zeros(bucket, dtype=torch.long, device=self.device)
            pos_buf = torch.arange(bucket, device=self.device) + self.max_len - bucket  # harmless slots while capturing
            saved = self.k.clone(), self.v.clone()
            stream = torch.cuda.Stream()
            stream.wait_stream(torch.cuda.current_stream())
            with torch.cuda.stream(stream):
                for _ in range(2):  # warm-up outside the graph
                    self._pass(ids_buf, pos_buf)
            torch.cuda.current_stream().wait_stream(stream)
            graph = torch.cuda.CUDAGraph()
            with torch.cuda.graph(graph):
                out_buf = self._pass(ids_buf, pos_buf)
            self.k.copy_(saved[0])
            self.v.copy_(saved[1])
            self._captured[bucket] = (graph, ids_buf, pos_buf, out_buf)
        return self._captured[bucket]


class StaticCacheView:
    """What the decoder asks of a KV cache (length, crop), over one `StaticLlama`."""

    def __init__(self, runner: StaticLlama):
        self.runner = runner

    def get_seq_length(self) -> int:
        return self.runner.length

    def crop(self, length: int) -> None:
        """As `DynamicCache.crop`: a negative length drops that many positions from the end."""
        self.runner.crop(self.runner.length + length if length < 0 else length)


def use_static_cache(decoder: Any, max_len: int = 1024) -> StaticLlama:
    """Make a `ConstrainedDecoder`'s torch engine run its passes on a `StaticLlama` (CUDA graphs on a GPU).

    The engine keeps one cache, holding the system prompt's prefix, as it does anyway: a
    prompt that does not start with the prefix starts the same cache from position 0.
    """
    engine = decoder.engine  # a kayas.engines.torch_engine.TorchEngine
    runner = StaticLlama(engine.model, max_len=max_len)
    view = StaticCacheView(runner)

    def new_cache():
        runner.crop(0)
        return view

    def forward(ids: list[int], cache: Any) -> torch.Tensor:
        return runner.feed(list(ids))

    engine._new_cache = new_cache
    engine._forward = forward
    engine.prefix_cache = engine.cache = view
    runner.crop(0)
    if decoder.prefix_ids:
        runner.feed(decoder.prefix_ids)
    return runner
