"""Shared machinery of the demo generator: the seeded random source, keyword books, normalisation."""

from __future__ import annotations

import unicodedata

import numpy as np


class Draw:
    """The generator's single source of randomness (numpy's PCG64), with list-friendly helpers."""

    def __init__(self, seed: int):
        self.rng = np.random.default_rng(seed)

    def pick(self, items, weights=None):
        if weights is None:
            return items[int(self.rng.integers(len(items)))]
        w = np.asarray(weights, dtype=float)
        return items[int(self.rng.choice(len(items), p=w / w.sum()))]

    def sample(self, items, k, weights=None):
        """``k`` distinct items (order of drawing)."""
        k = min(k, len(items))
        if k == 0:
            return []
        p = None
        if weights is not None:
            w = np.asarray(weights, dtype=float)
            p = w / w.sum()
        idx = self.rng.choice(len(items), size=k, replace=False, p=p)
        return [items[int(i)] for i in idx]

    def int(self, lo, hi):
        """An integer in ``lo..hi`` inclusive."""
        return int(self.rng.integers(lo, hi + 1))

    def chance(self, p):
        return bool(self.rng.random() < p)

    def shuffle(self, items):
        order = self.rng.permutation(len(items))
        return [items[int(i)] for i in order]

    def digits(self, n):
        return "".join(str(int(x)) for x in self.rng.integers(0, 10, size=n))

    def token(self, n, alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"):
        return "".join(alphabet[int(x)] for x in self.rng.integers(0, len(alphabet), size=n))


def normalise_keyword(text: str) -> str:
    """NFKC, case-folded, single spaces: the form keywords are compared in (and listed in truth.json)."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def title_key(text: str) -> str:
    """A title up to case, width and punctuation (the identity used to keep titles distinct)."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in text if ch.isalnum())


def largest_remainder(total: int, weights: dict[str, float]) -> dict[str, int]:
    """Split ``total`` into integer shares proportional to ``weights`` (deterministic)."""
    keys = list(weights)
    raw = np.array([weights[k] for k in keys], dtype=float)
    raw = raw / raw.sum() * total
    base = np.floor(raw).astype(int)
    rest = total - int(base.sum())
    order = sorted(range(len(keys)), key=lambda i: (-(raw[i] - base[i]), i))
    for i in order[:rest]:
        base[i] += 1
    return {k: int(v) for k, v in zip(keys, base)}


class KeywordBook:
    """Canonical keywords of a language with their raw spellings, themes and sampling weights."""

    def __init__(self, themes, generic, stop, controlled: set[str]):
        self.themes = {tid: [canon for canon, _ in kws] for tid, (_, kws) in themes.items()}
        self.labels = {tid: label for tid, (label, _) in themes.items()}
        self.spellings = {}
        for _, kws in themes.values():
            for canon, spellings in kws:
                self.spellings[canon] = spellings
        for canon, spellings in list(generic) + list(stop):
            self.spellings[canon] = spellings
        self.generic = [c for c, _ in generic]
        self.stop = [c for c, _ in stop]
        self.controlled = controlled  # burst keywords: placed only by the burst plan

    def free(self, theme):
        """Theme keywords drawn at random (burst keywords excluded), with Zipf-like weights by rank."""
        kws = [k for k in self.themes[theme] if k not in self.controlled]
        return kws, [1.0 / (rank + 1) ** 0.55 for rank in range(len(kws))]

    def draw(self, draw: Draw, theme: str, n_theme: int, noise: float, stop: float, generic: float) -> list[str]:
        kws, w = self.free(theme)
        chosen = draw.sample(kws, n_theme, w)
        if draw.chance(noise):  # a keyword from another theme: the clusters are not perfectly separated
            other = draw.pick([t for t in self.themes if t != theme])
            okws, ow = self.free(other)
            extra = draw.pick(okws, ow)
            if extra not in chosen:
                chosen.append(extra)
        if draw.chance(stop):
            chosen.append(draw.pick(self.stop))
        if draw.chance(generic):
            chosen.append(draw.pick(self.generic))
        return chosen

    def spell(self, draw: Draw, canon: str) -> str:
        spellings = self.spellings[canon]
        return draw.pick([s for s, _ in spellings], [w for _, w in spellings])

    def thesaurus(self) -> list[list[str]]:
        """``[variant, canonical]`` for every raw spelling whose normalised form is not the canonical keyword."""
        pairs = set()
        for canon, spellings in self.spellings.items():
            for raw, _ in spellings:
                norm = normalise_keyword(raw)
                if norm != canon:
                    pairs.add((norm, canon))
        return [list(p) for p in sorted(pairs)]
