import json

import numpy as np
import pytest
import sklearn

from classifiers import ModelError, load_classifier, persist
from classifiers.labels import ACTIONABLE, DEMANDS, KINDS
from classifiers.model import Label, MessageClassifier
from classifiers.training import fit


def test_fit_and_label_use_the_contract_names(tiny_examples):
    model = fit(tiny_examples, calibration_cv=3)
    labels = model.label(["请各村今天下午5点前把防汛物资清点好", "收到", "[图片]"])
    for label in labels:
        assert label.kind in KINDS
        assert set(label.demands) <= set(DEMANDS)
        assert list(label.demands) == sorted(label.demands)
        assert 0.0 <= label.confidence <= 1.0
    assert labels[1].kind == "ack"
    assert model.predict_proba(["收到"]).shape == (1, len(KINDS))


def test_training_is_deterministic(tiny_examples):
    texts = [e.text for e in tiny_examples]
    first = fit(tiny_examples, calibration_cv=3).predict_proba(texts)
    second = fit(tiny_examples, calibration_cv=3).predict_proba(texts)
    np.testing.assert_array_equal(first, second)


def test_fit_rejects_unknown_kinds():
    with pytest.raises(ValueError, match="unknown kinds"):
        MessageClassifier().fit(["a", "b"], ["directive", "urgent"])


def test_low_threshold_keeps_an_uncertain_directive(tiny_examples):
    model = fit(tiny_examples, calibration_cv=3)
    text = "明天村里开个会，大家看看"
    p_actionable = model.label([text])[0].p_actionable
    model.set_params(actionable_threshold=max(p_actionable - 0.01, 0.0))
    assert model.label([text])[0].kind in ACTIONABLE
    model.set_params(actionable_threshold=1.01)
    kind_p = model.predict_proba([text])[0]
    assert model.label([text])[0].kind == model.classes_[int(np.argmax(kind_p))]


def test_evidence_demand_always_names_a_proof(tiny_examples):
    model = fit(tiny_examples, calibration_cv=3)
    for label in model.label([e.text for e in tiny_examples]):
        if label.kind == "evidence_demand":
            assert set(label.demands) - {"ranking"}
        elif label.kind != "directive":
            assert label.demands == ()


def test_save_load_round_trip(tiny_examples, tmp_path):
    model = fit(tiny_examples, calibration_cv=3)
    path = tmp_path / "m.pkl.gz"
    meta = persist.save(model, path, {"model_version": "v1"})
    assert meta["sklearn"] == sklearn.__version__
    loaded = load_classifier(path)
    texts = [e.text for e in tiny_examples]
    assert loaded.version == "v1"
    assert [l.kind for l in loaded.label(texts)] == [l.kind for l in model.label(texts)]


def test_model_from_another_sklearn_is_rejected_clearly(tiny_examples, tmp_path):
    path = tmp_path / "m.pkl.gz"
    persist.save(fit(tiny_examples, calibration_cv=3), path, {"model_version": "v1"})
    meta_file = persist.metadata_path(path)
    meta_file.write_text(meta_file.read_text().replace(sklearn.__version__, "0.24.2"))
    with pytest.raises(ModelError, match="scikit-learn 0.24.2.*jianfu train"):
        load_classifier(path)


def test_model_built_for_other_features_is_rejected(tiny_examples, tmp_path):
    path = tmp_path / "m.pkl.gz"
    persist.save(fit(tiny_examples, calibration_cv=3), path, {"model_version": "v1"})
    meta_file = persist.metadata_path(path)
    meta = json.loads(meta_file.read_text())
    meta["feature_set"] = "words1+chars23+shape+cues/4"
    meta_file.write_text(json.dumps(meta))
    with pytest.raises(ModelError, match="cues/4.*jianfu train"):
        load_classifier(path)


def test_missing_model_is_a_clear_error(tmp_path):
    with pytest.raises(ModelError, match="jianfu train"):
        load_classifier(tmp_path / "none.pkl.gz")


def test_a_reposted_rollcall_is_a_submission(tiny_examples):
    model = fit(tiny_examples, calibration_cv=3)
    label = model.label(["#接龙 今晚值班人员\n1. 东坪村 张强\n2. 西岭村 李芳\n3. 南岗村 王磊"])[0]
    assert (label.kind, label.demands) == ("evidence_submission", ())


def test_both_heads_decide_whether_an_actionable_message_asks_for_proof(tiny_examples):
    model = fit(tiny_examples, calibration_cv=3)
    leaning = {"directive": 0.6, "evidence_demand": 0.35}
    kind_p = np.array([leaning.get(k, 0.05 / 3) for k in model.classes_])
    sure_photo = np.array([0.95 if d == "photo" else 0.01 for d in model.demand_names_])
    no_proof = np.full(len(model.demand_names_), 0.01)
    assert model._decide(kind_p, sure_photo).kind == "evidence_demand"
    assert model._decide(kind_p, sure_photo).demands == ("photo",)
    assert model._decide(kind_p, no_proof).kind == "directive"
    model.set_params(proof_weight=0.0)  # the kind head alone
    assert model._decide(kind_p, sure_photo).kind == "directive"


def test_a_demand_the_text_only_calls_off_is_dropped(tiny_examples):
    model = fit(tiny_examples, calibration_cv=3)
    kind_p = np.array([0.9 if k == "evidence_demand" else 0.025 for k in model.classes_])
    asked = Label("evidence_demand", ("photo", "ranking"), 0.9, 0.95)
    calm = model._without_called_off(asked, "从今天起不再要求每天往群里发巡查照片", kind_p)
    assert (calm.kind, calm.demands) == ("directive", ("ranking",))
    assert calm.confidence == 0.025  # the directive's own probability
    swapped = Label("evidence_demand", ("form", "photo"), 0.9, 0.95)
    kept = model._without_called_off(swapped, "照片不用拍了，在系统里填报就行", kind_p)
    assert (kept.kind, kept.demands) == ("evidence_demand", ("form",))
    assert model._without_called_off(asked, "请拍照上传，不用回复收到", kind_p) == asked


def test_a_doubtful_message_is_kept_but_not_charged_with_demanding_proof(tiny_examples):
    model = fit(tiny_examples, calibration_cv=3)
    doubtful = {"evidence_demand": 0.2, "directive": 0.1, "chatter": 0.5}
    kind_p = np.array([doubtful.get(k, 0.1) for k in model.classes_])
    sure_photo = np.array([0.95 if d == "photo" else 0.01 for d in model.demand_names_])
    label = model.set_params(actionable_threshold=0.25)._decide(kind_p, sure_photo)
    assert (label.kind, label.demands) == ("directive", ())
