"""Audio in: WAV format checks, raw PCM on stdin, the microphone's error without a device."""
import io
import subprocess
import sys
import wave

import pytest

from conftest import need, need_module
from kayas.voice.audio_file import StdinSource, read_wav
from kayas.voice.base import FRAME_BYTES, VoiceError


def _wav(path, rate=16000, channels=1, width=2, seconds=0.1):
    with wave.open(str(path), "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(width)
        w.setframerate(rate)
        w.writeframes(b"\0" * int(rate * seconds) * width * channels)
    return path


def test_a_good_wav_reads(tmp_path):
    assert len(read_wav(_wav(tmp_path / "ok.wav"))) == 3200


@pytest.mark.parametrize("kw, said", [(dict(rate=44100), "44100 Hz"), (dict(channels=2), "2 channel"), (dict(width=1), "8-bit")])
def test_a_wav_in_the_wrong_format_says_what_it_is(tmp_path, kw, said):
    with pytest.raises(VoiceError, match=said) as exc:
        read_wav(_wav(tmp_path / "bad.wav", **kw))
    assert "sox" in str(exc.value) and "\n" not in str(exc.value)


def test_not_a_wav_and_missing(tmp_path):
    (tmp_path / "x.wav").write_bytes(b"hello")
    with pytest.raises(VoiceError, match="not a PCM WAV"):
        read_wav(tmp_path / "x.wav")
    with pytest.raises(VoiceError, match="not found"):
        read_wav(tmp_path / "nope.wav")


def test_stdin_pcm_comes_in_frames_with_silence_after():
    frames = list(StdinSource(io.BytesIO(b"\1\0" * 1000)).frames())
    assert all(len(f) == FRAME_BYTES for f in frames)
    assert frames[0][:2] == b"\1\0" and len(frames) > 30  # the PCM, then a second of silence


def test_stdin_pcm_cut_inside_a_sample():
    with pytest.raises(VoiceError, match="16-bit"):
        list(StdinSource(io.BytesIO(b"\0\0\0")).frames())


def test_no_microphone_is_one_clear_error():
    sd = need_module("sounddevice", "pip install -e '.[voice]'")
    try:
        sd.check_input_settings(channels=1, samplerate=16000, dtype="int16")
        has_microphone = True
    except Exception:
        has_microphone = False
    need("a machine without a microphone", not has_microphone, "this test checks the error when there is none")
    from kayas.voice.audio_mic import MicSource

    with pytest.raises(VoiceError, match="no usable microphone"):
        MicSource("")


def test_cli_bad_wav_is_one_line_exit_2(tmp_path):
    bad = _wav(tmp_path / "cd.wav", rate=44100, channels=2)
    res = subprocess.run([sys.executable, "-m", "kayas.cli.main", "listen", "--file", str(bad)], capture_output=True, text=True)
    assert res.returncode == 2
    assert res.stderr.strip().count("\n") == 0 and "44100 Hz" in res.stderr and "Traceback" not in res.stderr
