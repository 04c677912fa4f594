"""Renders decks with flytekit's own _get_deck and TimeLineDeck (JSON on stdin)."""
import json
import sys
from datetime import datetime
from types import SimpleNamespace

from flytekit.deck.deck import Deck, TimeLineDeck, _get_deck

cases = json.load(sys.stdin)
results = []
for case in cases:
    decks = []
    for spec in case:
        if "timeline" in spec:
            deck = TimeLineDeck("Timeline", auto_add_to_deck=False)
            for entry in spec["timeline"]:
                deck.append_time_info(
                    dict(
                        Name=entry["name"],
                        Start=datetime.fromtimestamp(0),
                        Finish=datetime.fromtimestamp(1),
                        WallTime=entry["wallTime"],
                        ProcessTime=entry["processTime"],
                    )
                )
        else:
            deck = Deck(spec["name"], spec["html"], auto_add_to_deck=False)
            for extra in spec.get("append", []):
                deck.append(extra)
        decks.append(deck)
    results.append(_get_deck(new_user_params=SimpleNamespace(decks=decks), ignore_jupyter=True))
print(json.dumps(results))
