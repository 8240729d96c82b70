"""Files: create vs append (new file vs a line added), delete (trash) vs archive (kept)."""
from kayas.data.spec import TemplateSet, call

create = TemplateSet("filesystem.create_file").imp(
    "create [a|a new] file [called|named] {filename:file}",
    "make [a|a new] file [called|named] {filename:file}",
    "create {filename:file}",
    "new file {filename:file}",
    "make {filename:file}",
    "create {filename:purpose}",
    "make {filename:purpose}",
    "start {filename:purpose}",
    "set up {filename:purpose}",
    "create an empty file [called|named] {filename:file}",
    "touch {filename:file}",
    "create [a|a new] file [called|named] {filename:file} with {content:note}",
    "create {filename:file} containing {content:note}",
    "make {filename:file} and write {content:note} in it",
    "create a file {filename:file} that says {content:note}",
    "write {content:note} [in|into|to] a new file [called|named] {filename:file}",
    "save {content:note} [in|into|as] a new file [called|named] {filename:file}",
    "create {filename:purpose} with {content:note}",
    "start {filename:purpose} [with|containing] {content:note}",
    "new file {filename:file} with the text {content:note}",
    "put {content:note} in a new file [called|named] {filename:file}",
    "make a note [called|named] {filename:file} [saying|that says] {content:note}",
    "jot down {content:note} in a new file [called|named] {filename:file}",
    "create [the|a] file {filename:file} [for me|]",
    "generate a new file [called|named] {filename:file}",
    "make me {filename:purpose}",
    "open a new file [called|named] {filename:file} and put {content:note} in it",
).ask(
    "I need a new file [called|named] {filename:file}",
    "I need {filename:purpose}",
    "I want a file named {filename:file} with {content:note} in it",
    "I'd like {filename:purpose}",
    "we need {filename:purpose} with {content:note}",
    "is it possible to make a file named {filename:file}?",
    "new file: {filename:file}",
    "a new file called {filename:file} with {content:note}, please",
    "let's start {filename:purpose}",
    "can I get a fresh file called {filename:file}?",
)

append = TemplateSet("filesystem.append_file").imp(
    "add {content:note} to {filename:file}",
    "append {content:note} to {filename:file}",
    "add {content:note} to {filename:mypurpose}",
    "put {content:note} on {filename:mypurpose}",
    "append {content:note} to the end of {filename:file}",
    "write {content:note} at the end of {filename:file}",
    "add a line [saying|that says] {content:note} to {filename:file}",
    "add the line {content:note} to {filename:file}",
    "append to {filename:file}: {content:note}",
    "add to {filename:mypurpose}: {content:note}",
    "in {filename:file}, add {content:note}",
    "stick {content:note} [on|onto] {filename:mypurpose}",
    "note {content:note} in {filename:file}",
    "log {content:note} in {filename:file}",
    "jot {content:note} down in {filename:file}",
    "update {filename:file} with {content:note}",
    "tack {content:note} onto {filename:file}",
    "add {content:note} as a new line in {filename:file}",
    "open {filename:file} and add {content:note}",
    "append the text {content:note} to {filename:mypurpose}",
    "write {content:note} [to|into] {filename:mypurpose}",
    "add {content:note} [at the bottom of|to the bottom of] {filename:file}",
    "put {content:note} in {filename:file}",
).ask(
    "I need to add {content:note} to {filename:mypurpose}",
    "{filename:file} needs {content:note} at the end",
    "I want {content:note} added to {filename:mypurpose}",
    "add this to {filename:file}: {content:note}",
    "new line in {filename:file}: {content:note}",
    "can you put {content:note} on {filename:mypurpose}?",
    "don't let me forget, add {content:note} to {filename:mypurpose}",
)

delete = TemplateSet("filesystem.delete_file").imp(
    "delete {filename:file}",
    "remove {filename:file}",
    "trash {filename:file}",
    "get rid of {filename:file}",
    "delete the file [called|named] {filename:file}",
    "remove the file {filename:file}",
    "move {filename:file} to the trash",
    "throw {filename:file} in the [trash|bin]",
    "bin {filename:file}",
    "erase {filename:file}",
    "delete {filename:mypurpose}",
    "send {filename:file} to the recycle bin",
    "delete [my|the] {filename:file} file",
    "throw away {filename:mypurpose}",
    "wipe {filename:file}",
    "delete the file {filename:file} from the workspace",
    "trash the file [called|named] {filename:file}",
).ask(
    "I don't need {filename:file} anymore, delete it",
    "{filename:file} can go, [delete|trash] it",
    "I want {filename:file} gone",
    "we can get rid of {filename:file} now",
    "{filename:mypurpose} is useless, [delete|remove] it",
    "please get {filename:file} out of here, delete it",
)

archive = TemplateSet("filesystem.archive_file").imp(
    "archive {filename:file}",
    "move {filename:file} to the archive",
    "move {filename:file} [in|into] the archive folder",
    "put {filename:file} in the archive",
    "file away {filename:file}",
    "archive the file [called|named] {filename:file}",
    "send {filename:file} to the archive",
    "archive {filename:mypurpose}",
    "stash {filename:file} in the archive",
    "archive [my|the] {filename:file} file",
    "tuck {filename:file} away in the archive",
    "move {filename:mypurpose} into the archive",
    "shelve {filename:file} in the archive",
    "archive {filename:file} for me",
    "put {filename:file} away in the archive",
    "move {filename:file} over to the archive",
    "get {filename:file} into the archive",
    "archive the old {filename:file}",
    "store {filename:file} in the archive folder",
    "send {filename:mypurpose} to the archive",
).ask(
    "I'm done with {filename:file}, archive it",
    "{filename:file} should go to the archive",
    "don't delete {filename:file}, just archive it",
    "I want {filename:file} archived",
    "can {filename:file} go in the archive folder?",
    "keep {filename:file} but move it to the archive",
    "can you make sure {filename:file} gets archived",
    "would you mind archiving {filename:file}?",
    "could you archive {filename:file}?",
)


def _each(tool: str):
    """Several files in one command: one call per file, in the order said."""
    return lambda s: [call(tool, filename=f) for f in s["filenames"]]


multi_files = (
    TemplateSet("filesystem.delete_file", "filesystem.delete_many")
    .imp("delete {filenames:files}", "remove {filenames:files}", "remove the files {filenames:files}",
         "delete the files {filenames:files}", "trash {filenames:files}", "get rid of {filenames:files}",
         "move {filenames:files} to the trash", "erase {filenames:files}", build=_each("filesystem.delete_file"))
    .ask("I don't need {filenames:files} anymore, delete them", build=_each("filesystem.delete_file")),
    TemplateSet("filesystem.archive_file", "filesystem.archive_many")
    .imp("archive {filenames:files}", "archive the files {filenames:files}", "move {filenames:files} to the archive",
         "put {filenames:files} in the archive", "file away {filenames:files}", build=_each("filesystem.archive_file"))
    .ask("I'm done with {filenames:files}, archive them", build=_each("filesystem.archive_file")),
    TemplateSet("filesystem.create_file", "filesystem.create_many")
    .imp("create {filenames:files}", "create the files {filenames:files}", "make files called {filenames:files}",
         "create empty files {filenames:files}", "touch {filenames:files}", build=_each("filesystem.create_file")),
)

SETS = [create, append, delete, archive, *multi_files]
