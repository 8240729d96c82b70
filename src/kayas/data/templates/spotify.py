"""Spotify: play a query (the user's words, without `some`/`my`), pause, what's playing.
`play X on youtube` is a browser YouTube search, not Spotify."""
from kayas.data.spec import TemplateSet

play = TemplateSet("spotify.play_query").imp(
    "play {query:music}",
    "skip to {query:music}",
    "put on {query:music}",
    "play {query:music} on spotify",
    "start playing {query:music}",
    "queue up {query:music}",
    "throw on {query:music}",
    "blast {query:music}",
    "spotify {query:music}",
    "play me {query:music}",
    "switch to {query:music}",
    "let's hear {query:music}",
    "listen to {query:music}",
    "turn on {query:music}",
    "shuffle {query:music}",
    "on spotify play {query:music}",
    "play {query:music} for me",
    "crank up {query:music}",
    "start {query:music} on spotify",
    "find {query:music} on spotify and play it",
    "change the music to {query:music}",
).ask(
    "I want to listen to {query:music}",
    "I'm in the mood for {query:music}",
    "how about {query:music}?",
    "I wanna hear {query:music}",
    "can we get {query:music} going?",
    "can you play {query:music}?",
)

pause = TemplateSet("spotify.pause_playback").imp(
    "pause",
    "pause the music",
    "stop the music",
    "pause spotify",
    "hold the music",
    "pause the song",
    "stop playing",
    "shut the music off",
    "hit pause",
    "pause playback",
    "stop the song",
    "turn the music off",
    "pause the track",
    "pause what's playing",
    "kill the music",
).ask(
    "enough music[|, pause it]",
    "can you pause the music?",
    "music off[ please|]",
    "quiet, pause the song",
)

current = TemplateSet("spotify.get_current_playing").ask(
    "what's playing[?|]",
    "what song is this[?|]",
    "who sings this[?|]",
    "what's this song[?|]",
    "what am I listening to[?|]",
    "what's the current track[?|]",
    "what song is on[?|]",
    "who is this artist[?|]",
    "what's playing on spotify[?|]",
    "current song?",
    "which song is playing right now[?|]",
    "what track is this[?|]",
    "who's singing[?|]",
).imp(
    "name this track",
    "tell me the song name",
    "tell me what's playing",
    "show the current song",
    "get the current track",
    "show me what's playing on spotify",
    "look up what song this is",
)

SETS = [play, pause, current]
