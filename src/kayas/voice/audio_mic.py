"""The microphone, through PortAudio (`sounddevice`): 16 kHz mono frames, read in real time."""
from __future__ import annotations

import queue
from collections.abc import Iterator

from kayas.voice.base import FRAME_SAMPLES, RATE, AudioSource, VoiceError, need


def _device(spec: str):
    """A sounddevice device from the config string: "" default, digits an index, else a name."""
    if not spec:
        return None
    return int(spec) if spec.strip().isdigit() else spec


class MicSource(AudioSource):
    realtime = True

    def __init__(self, device: str = ""):
        sd = need("sounddevice", "the microphone")
        self._sd = sd
        self._queue: queue.Queue[bytes] = queue.Queue()
        try:
            self.device = _device(device)
            sd.check_input_settings(device=self.device, channels=1, samplerate=RATE, dtype="int16")
            self._stream = sd.RawInputStream(
                samplerate=RATE, blocksize=FRAME_SAMPLES, device=self.device, channels=1, dtype="int16",
                callback=lambda data, frames, time, status: self._queue.put(bytes(data)),
            )
            self._stream.start()
        except (sd.PortAudioError, ValueError) as exc:
            raise VoiceError(f"no usable microphone{f' {device!r}' if device else ''}: {' '.join(str(exc).split())}"
                             " (set [voice] device in config.toml; `python -m sounddevice` lists them)") from None

    def frames(self) -> Iterator[bytes]:
        while True:
            yield self._queue.get()

    def close(self) -> None:
        self._stream.stop()
        self._stream.close()
