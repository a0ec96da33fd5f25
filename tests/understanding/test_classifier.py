"""The linear intent classifier as Rasa runs it: trained, stored, loaded again and asked."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import skops.io as sio
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.understanding.classifier import MODEL_FILE, LinearIntentClassifier, fit_temperature

# Two writers' ways of asking for three things (not the project's training data).
EXAMPLES = {
    "report_campsite": [
        "theres a tent camp under the overpass",
        "people camping by the creek again",
        "hay unas carpas en la banqueta",
        "campamento junto al parque",
        "encampment blocking the bike lane",
        "tents all along the sidewalk on 82nd",
    ],
    "report_graffiti": [
        "someone tagged the wall of the library",
        "spray paint all over the bus shelter",
        "pintaron grafiti en la escuela",
        "rayaron la pared de mi casa",
        "graffiti on the mailbox",
        "tags on the bridge again",
    ],
    "check_status": [
        "whats the status of my report",
        "did anyone look at the case i filed",
        "como va mi reporte",
        "ya atendieron mi caso?",
        "any update on my ticket",
        "is my request closed yet",
    ],
}


def _training_data() -> TrainingData:
    return TrainingData(
        [Message(data={"text": text, "intent": intent}) for intent, texts in EXAMPLES.items() for text in texts]
    )


@pytest.fixture
def storage(tmp_path: Path) -> LocalModelStorage:
    return LocalModelStorage(tmp_path)


def _context() -> ExecutionContext:
    return ExecutionContext(GraphSchema({}), node_name="intent_classifier")


def _trained(storage: LocalModelStorage, **config: object) -> tuple[LinearIntentClassifier, Resource]:
    resource = Resource("intent_classifier")
    settings = {**LinearIntentClassifier.get_default_config(), "folds": 2, **config}
    classifier = LinearIntentClassifier.create(settings, storage, resource, _context())
    classifier.train(_training_data())
    return classifier, resource


def _ask(classifier: LinearIntentClassifier, text: str) -> Message:
    return classifier.process([Message(data={"text": text})])[0]


def test_a_stored_classifier_loads_and_answers_as_it_was_trained(storage: LocalModelStorage) -> None:
    classifier, resource = _trained(storage)
    config = LinearIntentClassifier.get_default_config()
    loaded = LinearIntentClassifier.load(config, storage, resource, _context())
    for text in ("there are tents by the creek", "alguien pintó la pared", "any news on my case?"):
        assert _ask(loaded, text).get("intent") == _ask(classifier, text).get("intent")
    assert _ask(loaded, "any news on my case?").get("intent")["name"] == "check_status"


def test_confidences_are_a_ranking_of_probabilities(storage: LocalModelStorage) -> None:
    classifier, _ = _trained(storage, ranking_length=2)
    message = _ask(classifier, "spray paint on the bus shelter")
    ranking = message.get("intent_ranking")
    assert len(ranking) == 2
    assert ranking[0] == message.get("intent")
    assert ranking[0]["name"] == "report_graffiti"
    assert 1.0 >= ranking[0]["confidence"] >= ranking[1]["confidence"] > 0.0
    full = _trained(storage, ranking_length=0)[0]
    assert sum(item["confidence"] for item in _ask(full, "spray paint").get("intent_ranking")) == pytest.approx(1.0)


def test_an_empty_message_still_gets_an_intent(storage: LocalModelStorage) -> None:
    classifier, _ = _trained(storage)
    assert _ask(classifier, "").get("intent")["name"] in EXAMPLES


def test_untrained_it_leaves_messages_alone(storage: LocalModelStorage) -> None:
    resource = Resource("nothing_stored")
    config = LinearIntentClassifier.get_default_config()
    classifier = LinearIntentClassifier.load(config, storage, resource, _context())
    assert _ask(classifier, "hello").get("intent") is None
    empty = LinearIntentClassifier.create(config, storage, Resource("no_examples"), _context())
    empty.train(TrainingData([Message(data={"text": "no intent here"})]))
    assert _ask(empty, "hello").get("intent") is None


def test_a_stored_file_holding_other_types_is_refused(storage: LocalModelStorage) -> None:
    _, resource = _trained(storage)
    with storage.write_to(resource) as directory:
        sio.dump({"model": Path("/etc/passwd")}, directory / MODEL_FILE)
    config = LinearIntentClassifier.get_default_config()
    refused = LinearIntentClassifier.load(config, storage, resource, _context())
    assert _ask(refused, "tents by the creek").get("intent") is None


def test_the_temperature_is_the_one_with_the_lowest_log_loss() -> None:
    rng = np.random.default_rng(7)
    gold = rng.integers(0, 3, size=300)
    scores = rng.normal(size=(300, 3))
    scores[np.arange(300), gold] += 1.0  # informative but noisy margins: neither the smallest nor the largest
    chosen = fit_temperature(scores, gold)

    def loss(t: float) -> float:
        shifted = scores * t
        shifted -= shifted.max(axis=1, keepdims=True)
        return float(-(shifted[np.arange(300), gold] - np.log(np.exp(shifted).sum(axis=1))).mean())

    assert 0.5 < chosen < 100.0
    assert loss(chosen) <= min(loss(chosen * 0.7), loss(chosen * 1.4))
    # Margins that are always right call for confident answers; random ones for hesitant ones.
    assert fit_temperature(np.eye(3)[gold] * 2.0, gold) > fit_temperature(rng.normal(size=(300, 3)), gold)
