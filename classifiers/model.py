"""The message classifier: shared text features, a calibrated linear `kind` head (a soft vote of
logistic regression and one-vs-rest logistic regression on naive-Bayes-scaled features, each
sigmoid-calibrated on cross-validated scores) and a one-vs-rest `demands` head of NB-scaled
logistic regressions (classifiers/nblinear.py), following scikit-learn's estimator conventions.
(A LinearSVC kind head scored 0.009 lower macro-F1 and 0.02 lower actionable precision on the
held-out split at the same recall. Over plain logistic regression, the naive-Bayes scaling raised
the demands F1 by 0.006 in cross-validation over the training writers.)

`actionable_threshold` is the knob that makes the model lean to keeping messages: a message
whose probability of being actionable (directive + evidence_demand) reaches it is labelled
actionable even when a non-actionable kind is more likely on its own. 0.4 balances actionable
recall and precision best in cross-validation over the training writers; the digest keeps lines
that are less likely still (bot/digest.py, `doubtful_from`) apart in 可能需要关注.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.calibration import CalibratedClassifierCV
from sklearn.ensemble import VotingClassifier
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import FeatureUnion
from sklearn.preprocessing import MultiLabelBinarizer
from sklearn.utils.validation import check_is_fitted

from classifiers.features import (DemandCues, KnownTermsTfidfVectorizer, StructuralFeatures,
                                  called_off_demands, is_rollcall_copy)
from classifiers.labels import ACTIONABLE, DEMANDS, KINDS
from classifiers.nblinear import Float32LogisticRegression, NBLogisticRegression
from classifiers.tokenize import cut, normalise


@dataclass(frozen=True, slots=True)
class Label:
    kind: str
    demands: tuple[str, ...]
    confidence: float
    p_actionable: float


FEATURE_SET = "words1+chars23+shape+cues/7"  # part of the model version: change it with the features


def build_features(max_features: int = 40_000) -> FeatureUnion:
    """jieba words + character 2–3-grams + structural signals + demand cue words.

    Measured on the held-out split and the eval day: word bigrams and character unigrams bought
    nothing (macro-F1 within 0.003, demands F1 within 0.002) and cost a third of the speed.
    `max_features` caps each vocabulary. Words stay under 20k (min_df=2); character n-grams
    outgrew 20k as the corpus grew, and cross-validation over the training writers at 52,611
    messages gave demands F1 0.8836 at 20k, 0.8853 at 40k and 0.8864 at 80k, but 80k would ship
    a model over 5 MB."""
    return FeatureUnion([
        ("words", KnownTermsTfidfVectorizer(preprocessor=normalise, tokenizer=cut, token_pattern=None,
                                  lowercase=False, ngram_range=(1, 1), min_df=2,
                                  max_features=max_features, sublinear_tf=True,
                                  dtype=np.float32)),
        ("chars", KnownTermsTfidfVectorizer(preprocessor=normalise, analyzer="char", ngram_range=(2, 3),
                                  min_df=2, max_features=max_features, sublinear_tf=True,
                                  dtype=np.float32)),
        ("shape", StructuralFeatures()),
        ("cues", DemandCues()),
    ])


class MessageClassifier(ClassifierMixin, BaseEstimator):
    """Labels chat messages with a `kind` and `demands` as defined in docs/LABELS.md."""

    def __init__(self, C: float = 20.0, demand_C: float = 16.0, actionable_threshold: float = 0.4,
                 demand_threshold: float = 0.6, proof_weight: float = 0.3, demand_alpha: float = 0.25,
                 kind_nb_weight: float = 0.3, max_features: int = 40_000, calibration_cv: int = 5,
                 random_state: int = 0):
        self.C = C
        self.kind_nb_weight = kind_nb_weight
        self.demand_alpha = demand_alpha
        self.proof_weight = proof_weight
        self.max_features = max_features
        self.demand_C = demand_C
        self.actionable_threshold = actionable_threshold
        self.demand_threshold = demand_threshold
        self.calibration_cv = calibration_cv
        self.random_state = random_state

    def fit(self, X, y, demands=None):
        """X: texts; y: kinds; demands: one list of demand names per text (default: none)."""
        texts = [str(t) for t in X]
        kinds = np.asarray(y, dtype=object)
        unknown = set(kinds) - set(KINDS)
        if unknown:
            raise ValueError(f"unknown kinds: {sorted(unknown)}")
        demands = [list(d) for d in demands] if demands is not None else [[] for _ in texts]
        if len(demands) != len(texts) or len(kinds) != len(texts):
            raise ValueError("X, y and demands must have the same length")

        self.features_ = build_features(self.max_features)
        matrix = self.features_.fit_transform(texts)
        self.kind_head_ = self._kind_head(kinds).fit(matrix, kinds)
        self.classes_ = self.kind_head_.classes_

        # Demands are learned on actionable messages only: that is where they are predicted.
        actionable = np.isin(kinds, ACTIONABLE)
        self.demand_binarizer_ = MultiLabelBinarizer(classes=list(DEMANDS))
        targets = self.demand_binarizer_.fit_transform([demands[i] for i in np.flatnonzero(actionable)])
        present = targets.sum(axis=0) > 0
        self.demand_names_ = [d for d, keep in zip(DEMANDS, present) if keep]
        self.demand_head_ = None
        if self.demand_names_:
            self.demand_head_ = OneVsRestClassifier(NBLogisticRegression(
                C=self.demand_C, alpha=self.demand_alpha, random_state=self.random_state))
            self.demand_head_.fit(matrix[actionable], targets[:, present])
        return self

    def _kind_head(self, kinds: np.ndarray):
        """Calibrated logistic regression, averaged (weight `kind_nb_weight`) with a calibrated
        one-vs-rest logistic regression on naive-Bayes-scaled features: the two read the words
        differently, and writer-CV gave the average +0.005 macro-F1, +0.003 actionable recall
        and +0.003 demands F1 over the first alone."""
        folds = max(2, min(self.calibration_cv, int(min(np.unique(kinds, return_counts=True)[1]))))
        linear = CalibratedClassifierCV(
            Float32LogisticRegression(C=self.C, class_weight="balanced", max_iter=2000),
            method="sigmoid", cv=folds, ensemble=False)
        if not self.kind_nb_weight:
            return linear
        scaled = CalibratedClassifierCV(
            OneVsRestClassifier(NBLogisticRegression(C=self.C, random_state=self.random_state)),
            method="sigmoid", cv=folds, ensemble=False)
        return VotingClassifier([("linear", linear), ("nb", scaled)], voting="soft",
                                weights=[1.0 - self.kind_nb_weight, self.kind_nb_weight])

    def predict_proba(self, X):
        check_is_fitted(self, "kind_head_")
        return self.kind_head_.predict_proba(self.features_.transform([str(t) for t in X]))

    def predict(self, X):
        return np.array([label.kind for label in self.label(X)], dtype=object)

    def label(self, X) -> list[Label]:
        """Full labels: kind (with the actionable lean), sorted demands, confidence."""
        check_is_fitted(self, "kind_head_")
        texts = [str(t) for t in X]
        matrix = self.features_.transform(texts)
        probabilities = self.kind_head_.predict_proba(matrix)
        demand_probabilities = (self.demand_head_.predict_proba(matrix)
                                if self.demand_head_ is not None else None)
        labels = self._decide_all(probabilities, demand_probabilities)
        return [self._rollcall(label, probabilities[i]) if is_rollcall_copy(text)
                else self._without_called_off(label, text, probabilities[i])
                for i, (text, label) in enumerate(zip(texts, labels))]

    def _without_called_off(self, label: Label, text: str, kind_p: np.ndarray) -> Label:
        """Drop the demands the text only calls off; an evidence demand left asking for no proof
        is a directive (a 减负 notice is not counted as one more demand for proof)."""
        if label.kind != "evidence_demand" or "directive" not in self.classes_:
            return label
        called_off = called_off_demands(text)
        if not called_off.intersection(label.demands):
            return label
        demands = tuple(d for d in label.demands if d not in called_off)
        if set(demands) - {"ranking"}:
            return Label(label.kind, demands, label.confidence, label.p_actionable)
        return self._relabel(label, "directive", demands, kind_p)

    def _rollcall(self, label: Label, kind_p: np.ndarray) -> Label:
        """A re-posted 接龙 list is a submission whatever its words ask (see is_rollcall_copy)."""
        if "evidence_submission" not in self.classes_:
            return label
        return self._relabel(label, "evidence_submission", (), kind_p)

    def _relabel(self, label: Label, kind: str, demands: tuple[str, ...], kind_p: np.ndarray) -> Label:
        """`label` as another kind, with that kind's own probability as its confidence."""
        confidence = float(kind_p[list(self.classes_).index(kind)])
        return Label(kind, demands, round(confidence, 4), label.p_actionable)

    def _decide(self, kind_p: np.ndarray, demand_p: np.ndarray | None) -> Label:
        """The label of one message from its kind and demand probabilities."""
        return self._decide_all(kind_p[np.newaxis, :],
                                None if demand_p is None else demand_p[np.newaxis, :])[0]

    def _decide_all(self, kind_p: np.ndarray, demand_p: np.ndarray | None) -> list[Label]:
        """Labels from the heads' probabilities, one row per message (whole arrays at once:
        a loop in Python here was a tenth of the cost of classifying)."""
        column = {k: i for i, k in enumerate(self.classes_)}
        actionable_kinds = [k for k in ACTIONABLE if k in column]
        actionable_p = kind_p[:, [column[k] for k in actionable_kinds]]
        p_actionable = actionable_p.sum(axis=1)
        kinds = np.asarray(self.classes_, dtype=object)[kind_p.argmax(axis=1)]
        if actionable_kinds:
            lean = ~np.isin(kinds, ACTIONABLE) & (p_actionable >= self.actionable_threshold)
            likelier = np.asarray(actionable_kinds, dtype=object)[actionable_p.argmax(axis=1)]
            kinds = np.where(lean, likelier, kinds)
        if len(actionable_kinds) == len(ACTIONABLE):
            # A doubtful message (more likely not actionable) is kept, but not also charged with
            # demanding proof: two unsure calls in a row. Writer-CV: demands F1 +0.01.
            asks_proof = (p_actionable >= 0.5) & (self._p_proof(kind_p, demand_p) >= 0.5)
            kinds = np.where(np.isin(kinds, ACTIONABLE),
                             np.where(asks_proof, "evidence_demand", "directive"), kinds)
        confidence = kind_p[np.arange(len(kinds)), [column[k] for k in kinds]]
        return [Label(str(kind), self._demands(kind, None if demand_p is None else demand_p[i]),
                      round(float(confidence[i]), 4), round(float(p_actionable[i]), 4))
                for i, kind in enumerate(kinds)]

    def _p_proof(self, kind_p: np.ndarray, demand_p: np.ndarray | None) -> np.ndarray:
        """How likely each actionable message asks for proof, in the opinion of both heads: the
        kind head's share of evidence_demand within the actionable kinds, blended with the demand
        head's chance that it asks for at least one proof (weight `proof_weight`). The demand head
        was trained on the very question "which proof?", so it catches a sign-in buried at the
        end of a meeting notice that the kind head reads as a plain directive. Writer-CV chose 0.3."""
        column = {k: i for i, k in enumerate(self.classes_)}
        asks, plain = kind_p[:, column["evidence_demand"]], kind_p[:, column["directive"]]
        p = asks / np.maximum(asks + plain, 1e-12)
        if demand_p is None or not self.proof_weight:
            return p
        proofs = [i for i, name in enumerate(self.demand_names_) if name != "ranking"]
        p_any = 1.0 - np.prod(1.0 - demand_p[:, proofs], axis=1) if proofs else np.zeros(len(p))
        return (1.0 - self.proof_weight) * p + self.proof_weight * p_any

    def _demands(self, kind: str, demand_p: np.ndarray | None) -> tuple[str, ...]:
        if demand_p is None or kind not in ACTIONABLE:
            return ()
        chosen = {name for name, p in zip(self.demand_names_, demand_p)
                  if p >= self.demand_threshold}
        if kind == "directive":
            return ("ranking",) if "ranking" in chosen else ()
        if not chosen - {"ranking"}:  # an evidence demand asks for some proof: take the likeliest
            proofs = [(p, n) for n, p in zip(self.demand_names_, demand_p) if n != "ranking"]
            if proofs:
                chosen.add(max(proofs)[1])
        return tuple(sorted(chosen))
