"""A linear intent classifier for Rasa: TF-IDF word and character n-grams, a linear SVM, calibrated confidences.

Residents' messages are short and full of typos in two languages; what tells their intents apart is which words
and pieces of words they use. A linear model over word 1–2-grams and character 1–4-grams within words trains in
seconds, where DIET took most of the model's training time for the same held-out accuracy (README, "Training
configurations"). Its confidences are the SVM's scores through a softmax whose temperature is fitted on
out-of-fold scores of the training data, so that the fallback threshold and the rules reading the confidence
(``bot.understanding.component``) see probabilities, not raw margins.

The vectorisers and the model are stored with ``skops`` (no pickle), and loaded trusting only the types saved.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from scipy.special import log_softmax, softmax
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC

logger = logging.getLogger(__name__)

MODEL_FILE = "linear_intent_classifier.skops"
META_FILE = "meta.json"
TEMPERATURES = np.geomspace(0.5, 100.0, 80)
"""The softmax temperatures tried (scores are multiplied by the one with the lowest out-of-fold log-loss)."""


def build_model(c: float, seed: int) -> Pipeline:
    """Word 1–2-grams and character 1–4-grams within words (TF-IDF, sublinear counts), then a linear SVM."""
    words = TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"(?u)\b\w+\b")
    pieces = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 4), sublinear_tf=True)
    return Pipeline(
        [("features", FeatureUnion([("words", words), ("pieces", pieces)])), ("svm", LinearSVC(C=c, random_state=seed))]
    )


def fit_temperature(scores: np.ndarray, gold: np.ndarray) -> float:
    """The temperature whose softmax of ``scores`` gives the gold labels (column indices) the lowest log-loss."""
    rows = np.arange(len(gold))
    losses = [-log_softmax(scores * t, axis=1)[rows, gold].mean() for t in TEMPERATURES]
    return float(TEMPERATURES[int(np.argmin(losses))])


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class LinearIntentClassifier(IntentClassifier, GraphComponent):
    """Intent classification with a linear SVM over TF-IDF n-grams of the message's text."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """``C``: the SVM's regularisation; ``folds``: for fitting the temperature; ``ranking_length``."""
        return {"C": 0.5, "folds": 3, "ranking_length": 10, "random_seed": 311}

    @staticmethod
    def required_packages() -> list[str]:
        """Python packages the component needs."""
        return ["sklearn", "skops"]

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        model: Pipeline | None = None,
        temperature: float = 1.0,
    ) -> None:
        self.component_config = config
        self._storage = model_storage
        self._resource = resource
        self._model = model
        self._temperature = temperature

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LinearIntentClassifier:
        """An untrained classifier."""
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        """Fit the model on every example with an intent and text, then the temperature on out-of-fold scores."""
        examples = [e for e in training_data.intent_examples if e.get(INTENT) and e.get(TEXT)]
        if not examples:
            logger.debug("No intent examples: the linear intent classifier is not trained.")
            return self._resource
        texts = [str(e.get(TEXT)) for e in examples]
        labels = np.array([str(e.get(INTENT)) for e in examples])
        c, seed = float(self.component_config["C"]), int(self.component_config["random_seed"])
        self._model = build_model(c, seed).fit(texts, labels)
        # The temperature is fitted on scores of examples each fold's SVM did not see (the n-gram vocabulary and
        # weights, fitted once on all of them, hardly depend on any one example).
        features = self._model.named_steps["features"].transform(texts)
        folds = StratifiedKFold(int(self.component_config["folds"]), shuffle=True, random_state=seed)
        svm = LinearSVC(C=c, random_state=seed)
        scores = cross_val_predict(svm, features, labels, cv=folds, method="decision_function")
        classes = list(self._model.classes_)
        self._temperature = fit_temperature(scores, np.array([classes.index(label) for label in labels]))
        self.persist()
        return self._resource

    def process(self, messages: list[Message]) -> list[Message]:
        """Set ``intent`` and ``intent_ranking`` on each message (nothing when untrained)."""
        if self._model is None or not messages:
            return messages
        texts = [str(m.get(TEXT) or "") for m in messages]
        probabilities = softmax(self._model.decision_function(texts) * self._temperature, axis=1)
        classes = self._model.classes_
        length = int(self.component_config["ranking_length"])
        for message, row in zip(messages, probabilities, strict=True):
            order = np.argsort(-row)
            ranking = [{"name": str(classes[i]), "confidence": float(row[i])} for i in order]
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set("intent_ranking", ranking[:length] if length > 0 else ranking, add_to_output=True)
        return messages

    def persist(self) -> None:
        """Store the fitted model and its temperature in the model's storage."""
        import skops.io as sio

        with self._storage.write_to(self._resource) as directory:
            sio.dump(self._model, directory / MODEL_FILE)
            (directory / META_FILE).write_text(json.dumps({"temperature": self._temperature}))

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> LinearIntentClassifier:
        """The stored classifier, trusting only the types a fitted ``build_model`` holds; untrained if none."""
        import skops.io as sio

        try:
            with model_storage.read_from(resource) as directory:
                path = directory / MODEL_FILE
                model = sio.load(path, trusted=_expected_types(sio.get_untrusted_types(file=path)))
                temperature = float(json.loads((directory / META_FILE).read_text())["temperature"])
        except (ValueError, FileNotFoundError):
            logger.debug("No trained linear intent classifier in resource '%s'.", resource.name)
            return cls(config, model_storage, resource)
        return cls(config, model_storage, resource, model, temperature)


TRUSTED_TYPES = frozenset({"scipy.sparse._csr.csr_matrix"})
"""The one type a fitted ``build_model`` stores that skops does not trust by default."""


def _expected_types(untrusted: list[str]) -> list[str]:
    """The untrusted types skops found, if all are ones a fitted ``build_model`` holds; otherwise refuse."""
    unexpected = [name for name in untrusted if name not in TRUSTED_TYPES]
    if unexpected:
        raise ValueError(f"the stored intent classifier holds unexpected types: {unexpected}")
    return untrusted
