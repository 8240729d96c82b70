"""The domain language model: Witten-Bell counts, the mixed ARPA file, the cached build."""
import json

import pytest

from conftest import need_module
from kayas.voice import lm as ngram
from kayas.voice.lm import EOS, Counts, mixed_arpa, read_arpa

SENTS = [s.split() for s in ["add milk to my list", "add eggs to my list", "open the file", "open my list"]]


@pytest.mark.parametrize("general", [None, lambda g: {"bread": 0.3, "milk": 0.2}.get(g[-1], 0.01)])
def test_every_context_sums_to_one(general):
    vocab = {w for s in SENTS for w in s} | {"bread"}
    p = read_arpa(mixed_arpa(Counts.of(SENTS), vocab, general, lam=0.8))
    for ctx in [(), ("add",), ("<s>",), ("add", "milk"), ("to", "my"), ("never", "seen")]:
        assert sum(p(ctx + (w,)) for w in vocab | {EOS}) == pytest.approx(1.0, abs=1e-3)


def test_domain_ngrams_beat_the_background_and_the_background_is_reachable():
    vocab = {w for s in SENTS for w in s} | {"bread"}
    p = read_arpa(mixed_arpa(Counts.of(SENTS), vocab, lambda g: 0.5 if g[-1] == "bread" else 0.001, lam=0.9))
    assert p(("add", "milk")) > p(("add", "open"))
    assert p(("add", "bread")) > 0  # a word only the general model knows still gets through
    assert ngram.perplexity(p, SENTS) < 4


def test_witten_bell_matches_the_formula():
    c = Counts.of([["a", "b"], ["a", "c"]])
    wb = ngram.WittenBell(c, {"a", "b", "c", EOS})
    # unigram: counts a2 b1 c1 </s>2 (N=6, T=4, V=4): (1 + 4/4) / (6 + 4)
    assert wb.prob(("b",)) == pytest.approx(0.2)
    # p(b | a): c(a b)=1, c(a)=2, T(a)=2 -> (1 + 2 * 0.2) / 4
    assert wb.prob(("a", "b")) == pytest.approx(0.35)


def test_pocketsphinx_loads_what_is_written(tmp_path):
    ps = need_module("pocketsphinx", "pip install -e '.[voice]'")
    vocab = {w for s in SENTS for w in s}
    path = tmp_path / "tiny.arpa"
    ngram.write(path, mixed_arpa(Counts.of(SENTS), vocab))
    model = ps.NGramModel.readfile(str(path))
    assert model.size() == 3


def test_build_from_a_data_file_and_rebuild_when_the_tools_change(tmp_path, monkeypatch):
    from kayas.voice import model

    data = tmp_path / "train.jsonl"
    rows = ["email lee@uni.edu the slides", "put milk on my shopping list", "open kayas notes.txt", "put milk on my shopping list"]
    data.write_text("".join(json.dumps({"messages": [{"role": "user", "content": r}]}) + "\n" for r in rows))
    built = model.build(model.BuildConfig(data=str(data), background=100), tmp_path / "voice")
    assert built.meta["sentences"] == 4 and built.meta["vocabulary"] >= 100
    words = {line.split()[0] for line in built.dictionary.read_text().splitlines()}
    assert {"milk", "dot", "kayas", "yes", "no"} <= words
    arpa = built.arpa.read_text()
    assert "\nput milk\t" not in arpa and "put milk" in arpa
    assert "<yes>" in built.yesno.read_text()
    again = model.ensure(out=tmp_path / "voice")
    assert again.meta == built.meta  # cached: same tools
    monkeypatch.setattr(model, "tools_fingerprint", lambda: "another-registry")
    seen = []
    rebuilt = model.ensure(progress=seen.append, out=tmp_path / "voice")
    assert rebuilt.meta["tools"] == "another-registry" and any("tools changed" in s for s in seen)
