"""A small second classifier that only answers "is this a crisis?".

The intent classifier has to tell 28 intents apart and is sure of itself even
when it is wrong: it gave ordinary worries ("when does this end") a crisis
confidence of 1.0. A binary model on word and character n-grams gives a
probability that can be used as a second opinion before the crisis answer
replaces everything else. The safety patterns stay the first net; this model
only takes back crisis answers that neither it nor a pattern supports.
"""
from __future__ import annotations

from collections.abc import Sequence

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline, make_union


def fit_crisis_model(
    texts: Sequence[str], is_crisis: Sequence[bool], regularisation: float, seed: int
) -> Pipeline:
    """Word 1–2-grams catch phrasing, character 2–5-grams catch typos and slang."""
    features = make_union(
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
    )
    classifier = LogisticRegression(
        C=regularisation, class_weight="balanced", max_iter=2000, random_state=seed
    )
    return make_pipeline(features, classifier).fit(list(texts), [int(c) for c in is_crisis])


def crisis_probability(model: Pipeline, text: str) -> float:
    return float(model.predict_proba([text])[0][1])
