"""How the time of each text reader the NLU pipeline runs on every message grows with the message's length.

Usage, from the project root: .venv/bin/python -m bench.text_scaling [--texts NAME ...] [--readers NAME ...]
                                                                     [--sizes BYTES ...] [--limit SECONDS]

Each reader reads messages of 10 KB, 100 KB and 1 MB of several texts: a long
story repeated (as people write it, with towns, postcodes, numbers and someone
else's town), the same as unpunctuated lower-case chat, one word without
spaces, "a a a ...", and the story's words once with runs of spaces between
them that grow with the size. It prints the seconds for each size and the ratio
of the largest to the one before: about 10 (the size ratio) for time linear in
the length, about 100 for time growing with its square. Any reader must stay
linear: one message can be 1 MB, and a reader that takes minutes on it holds up
the server for everyone.

A reader slower than --limit seconds (default 120) at one size is not run at
the larger sizes ("-"), and its ratio is not known ("?").

No trained model is needed: the components of nlu_components/details.py run
on a bare Message, the same call Rasa makes.
"""
from __future__ import annotations

import argparse
import gc
import time
from collections.abc import Callable

from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from knowledge import age, context, countries, message_kind, places, safety
from nlu_components.details import AgeGroupExtractor, ContextExtractor, DetailFallback, PlaceExtractor

STORY = (
    "I'm 15 and I live in Keighley near Bradford (BD21 4QR). A guy on insta said he was from London, then that "
    "he lives in Manchester, but his profile says he's based in Lagos.\n"
    "He's threatening to send my pics to everyone unless I pay £200 by midnight. They already messaged my brother "
    "and sent it to my friend in Leeds, LS6. My mum is from Bath and my dad works in Reading.\n"
    "I told my teacher and a pupil in my year said the same happened to her in Stoke on Trent last March.\n"
    "I'm so scared, I can't stop shaking, I don't know what to do and I don't want to live like this. Please help "
    "me, I've only got 2 hours left.\n"
)
CHAT = "".join(c for c in STORY.lower() if c.isalnum() or c in " £'\n")
SIZES = (10_000, 100_000, 1_000_000)


def repeated(text: str) -> Callable[[int], str]:
    """Messages of `text` repeated to exactly the size asked for."""
    return lambda size: (text * (size // len(text) + 1))[:size]


def spaced(size: int) -> str:
    """The story's words once, with runs of spaces between them as long as it takes to reach `size`.

    Runs that grow with the message catch patterns that read a run of spaces
    again from each of its positions, or try every split of it between two
    space quantifiers.
    """
    words = STORY.split()
    return (" " * max(1, size // len(words))).join(words)[:size]


TEXTS: dict[str, Callable[[int], str]] = {
    "story": repeated(STORY),
    "chat": repeated(CHAT),
    "one word": repeated("helpmepleaseimscared"),
    "a a a": repeated("a "),
    "spaced": spaced,
}


def _component(component: Callable[[], object], **data: object) -> Callable[[str], object]:
    """Run a pipeline component on a message of this text (and `data`), as Rasa does."""
    instance = component()
    return lambda text: instance.process([Message(data={TEXT: text, **data})])


READERS: dict[str, Callable[[str], object]] = {
    "places.find_place": places.find_place,
    "age.find_age_group": age.find_age_group,
    "context.find_role": context.find_role,
    "context.find_blackmailer": context.find_blackmailer,
    "context.find_payment": context.find_payment,
    "context.mentions_deadline": context.mentions_deadline,
    "message_kind.classify": message_kind.classify,
    "safety.detect_risk": safety.detect_risk,
    "safety.about_someone_else": safety.about_someone_else,
    "safety.is_figurative": safety.is_figurative,
    "countries.find_country": countries.find_country,
    "countries.find_city_abroad": countries.find_city_abroad,
    "details.AgeGroupExtractor": _component(AgeGroupExtractor),
    "details.PlaceExtractor": _component(PlaceExtractor),
    "details.ContextExtractor": _component(ContextExtractor),
    # With a place already found, or it would not read the text at all.
    "details.DetailFallback": _component(DetailFallback, entities=[{"entity": "location", "value": "Leeds"}]),
}


def seconds(reader: Callable[[str], object], message: str) -> float:
    gc.collect()  # not the garbage of the reader before
    started = time.perf_counter()
    reader(message)
    return time.perf_counter() - started


def row(reader: Callable[[str], object], text: Callable[[int], str], sizes: list[int],
        limit: float) -> list[float | None]:
    """Seconds at each size; None once a smaller size took longer than `limit`."""
    times: list[float | None] = []
    for size in sizes:
        if times and (times[-1] is None or times[-1] > limit):
            times.append(None)
            continue
        times.append(seconds(reader, text(size)))
    return times


def show(times: list[float | None]) -> str:
    cells = [f"{t:10.3f}" if t is not None else f"{'-':>10}" for t in times]
    last, before = (times[-1], times[-2]) if len(times) > 1 else (None, None)
    ratio = f"{last / before:8.1f}" if last is not None and before else f"{'?':>8}"
    return " ".join(cells) + ratio


def main() -> None:
    parser = argparse.ArgumentParser(description="Seconds each text reader takes at growing message sizes.")
    parser.add_argument("--texts", nargs="+", choices=list(TEXTS), default=list(TEXTS), metavar="NAME",
                        help=f"texts to repeat (default all: {', '.join(TEXTS)})")
    parser.add_argument("--readers", nargs="+", choices=list(READERS), default=list(READERS), metavar="NAME",
                        help="readers to time (default all)")
    parser.add_argument("--sizes", nargs="+", type=int, default=list(SIZES), metavar="BYTES",
                        help="message sizes in characters, smallest first (default 10 KB, 100 KB, 1 MB)")
    parser.add_argument("--limit", type=float, default=120.0,
                        help="seconds after which a reader is not run at larger sizes (default 120)")
    args = parser.parse_args()
    for name in args.readers:
        READERS[name]("I live in Leeds, I'm 15 and he said he's from France")  # load indexes and patterns first
    header = " ".join(f"{size // 1000:>8} KB" if size < 1_000_000 else f"{size / 1e6:>8g} MB" for size in args.sizes)
    print(f"{'reader':28} {'text':9} {header} {'ratio':>7}   (seconds; ratio = last size / the one before)")
    for name in args.readers:
        for text_name in args.texts:
            times = row(READERS[name], TEXTS[text_name], args.sizes, args.limit)
            print(f"{name:28} {text_name:9} {show(times)}", flush=True)


if __name__ == "__main__":
    main()
