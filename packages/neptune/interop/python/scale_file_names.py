"""Prints neptune-scale 0.30's file naming for the inputs in the JSON file named by argv[1], for the TS comparison.

Input: {"digests": [hex bytes...], "destinations": [[run_id, attribute, file_name, step|null]...],
        "names": [path...]}. Output: the same keys with hashlib.blake2b(digest_size=8) hex digests,
generate_destination() results and mimetypes.guess_type() types (with neptune-scale's extra types).
"""

import hashlib
import json
import mimetypes
import sys

from neptune_scale.sync.files import generate_destination, guess_mime_type_from_file

with open(sys.argv[1], encoding="utf-8") as request_file:
    request = json.load(request_file)
# neptune-scale adds its EXTRA_TYPES on the first guess; a missing file makes it return None.
guess_mime_type_from_file("/nonexistent-tasklens-file")
json.dump(
    {
        "digests": [hashlib.blake2b(bytes.fromhex(data), digest_size=8).hexdigest() for data in request["digests"]],
        "destinations": [generate_destination(*case) for case in request["destinations"]],
        "names": [mimetypes.guess_type(name)[0] for name in request["names"]],
    },
    sys.stdout,
)
