"""Whatever is playing: play (resume), pause, next, previous, through media.control.

Spotify's own tools are for Spotify named ("pause spotify") or for finding and playing
something ("play jazz"); the player's buttons said plainly ("pause the music", "skip this
song", "resume") are media.control, whichever player it is. Liking, playlists, shuffle,
repeat and seeking have no tool (near_miss.py music_actions)."""
from kayas.data.spec import TemplateSet

_WHAT = "[the music|the song|the track|the video|the podcast|playback|the audio|this|it|the movie|the film|the episode]"

play = TemplateSet("media.control", "media.play").imp(
    "resume",
    f"resume {_WHAT}",
    f"unpause {_WHAT}",
    "unpause",
    "continue [playing|the music|the song|the podcast]",
    "keep playing",
    "carry on playing",
    "start the music again",
    "start playing again",
    "play the music again",
    "put the music back on",
    "hit play",
    "press play",
    "play",
    "resume playing",
    "pick up where I left off",
    "start it again",
    "go on playing",
    action="play",
).ask(
    "can you resume the music[?|]",
    "could you unpause it[?|]",
    "music back on[ please|]",
    "ok, you can play it again",
    "I'm back, resume the music",
    action="play",
)

pause = TemplateSet("media.control", "media.pause").imp(
    "pause",
    f"pause {_WHAT}",
    "pause the music",
    "stop the music",
    "stop the song",
    "stop playing",
    "stop playback",
    "hit pause",
    "press pause",
    "hold the music",
    "put the music on hold",
    "pause it for a sec",
    "pause what's playing",
    "stop what's playing",
    "freeze the song",
    "turn the music off",
    "kill the music",
    "shut the music off",
    "stop the podcast",
    "pause the video",
    "pause the movie",
    action="pause",
).ask(
    "can you pause the music[?|]",
    "could you pause this[?|]",
    "enough music[|, pause it]",
    "music off[ please|]",
    "quiet, pause the song",
    "hold on, pause it",
    "someone's at the door, pause the music",
    "I'm on a call, pause the music",
    "would you mind pausing the music[?|]",
    action="pause",
)

next_ = TemplateSet("media.control", "media.next").imp(
    "skip",
    "skip [this|the] [song|track|tune|one]",
    "skip [it|ahead|this one]",
    "next [song|track|tune|one] [please|]",
    "play the next [song|track|one]",
    "go to the next [song|track|one]",
    "skip to the next [song|track|one]",
    "move on to the next [song|track]",
    "go forward a [song|track]",
    "skip forward",
    "forward one [song|track]",
    "change the song",
    "change [this|the] track",
    "skip this [podcast|episode]",
    "next episode",
    action="next",
).ask(
    "next",
    "can you skip this [song|track|one][?|]",
    "could you play the next song[?|]",
    "can we skip this one[?|]",
    "ugh, next",
    "nah, next song",
    "not this one, skip",
    "I hate this song, skip it",
    "this song is boring, next",
    "not feeling this one, skip",
    "I've heard this too many times, skip",
    action="next",
)

previous = TemplateSet("media.control", "media.previous").imp(
    "previous [song|track|one]",
    "play the previous [song|track|one]",
    "go back [one|a] [song|track]",
    "go back to the [last|previous] [song|track]",
    "back one [song|track]",
    "skip back",
    "skip back a [song|track]",
    "play the last song again",
    "rewind to the previous track",
    action="previous",
).ask(
    "previous",
    "can you go back a song[?|]",
    "could you play the previous track[?|]",
    "wait, go back to the last song",
    "I liked the last one, go back",
    action="previous",
)

SETS = [play, pause, next_, previous]
