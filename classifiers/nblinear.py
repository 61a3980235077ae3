"""Logistic regression on naive-Bayes-scaled features ("NBSVM", Wang & Manning, ACL 2012).

Each feature is scaled by its log-count ratio r = log((p / |p|₁) / (q / |q|₁)), where p and q sum
the feature over the positive and the negative examples (plus `alpha`), and a logistic regression
is fitted on the scaled features. The scaling is folded into `coef_` afterwards, so predicting costs
what a plain logistic regression costs. Words that only one side uses get a head start, which helps
on short texts where most words are seen a handful of times.

Both models here keep their weights in float32 (Float32LogisticRegression is the plain one, for the
kind head).
"""
from __future__ import annotations

import numpy as np
from scipy import sparse
from scipy.special import expit
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import LogisticRegression
from sklearn.utils.validation import check_is_fitted, validate_data


class Float32LogisticRegression(LogisticRegression):
    """LogisticRegression that keeps its weights in float32, the dtype of the features they
    multiply. The weights are most of the shipped model, and float64 doubled its size for no
    use: kinds and demands were identical on all 40,429 corpus messages."""

    def fit(self, X, y, sample_weight=None):
        super().fit(X, y, sample_weight=sample_weight)
        self.coef_ = self.coef_.astype(np.float32)
        return self


class NBLogisticRegression(ClassifierMixin, BaseEstimator):
    """A binary classifier: logistic regression on features scaled by naive-Bayes ratios."""

    def __init__(self, C: float = 1.0, alpha: float = 1.0, class_weight="balanced",
                 random_state: int = 0):
        self.C = C
        self.alpha = alpha
        self.class_weight = class_weight
        self.random_state = random_state

    def fit(self, X, y):
        X, y = validate_data(self, X, y, accept_sparse="csr")
        classes = np.unique(y)
        if len(classes) != 2:
            raise ValueError(f"NBLogisticRegression is binary; got classes {classes.tolist()}")
        if X.min() < 0:
            raise ValueError("NBLogisticRegression needs non-negative features (counts, TF-IDF)")
        ratio = self.log_count_ratio(X, y == classes[1])  # not kept: the shipped model is smaller
        scaled = X.multiply(ratio).tocsr() if sparse.issparse(X) else X * ratio
        linear = LogisticRegression(C=self.C, class_weight=self.class_weight, solver="liblinear",
                                    random_state=self.random_state).fit(scaled, y)
        self.classes_ = linear.classes_
        self.coef_ = (linear.coef_ * ratio).astype(np.float32)  # see Float32LogisticRegression
        self.intercept_ = linear.intercept_
        return self

    def log_count_ratio(self, X, positive: np.ndarray) -> np.ndarray:
        """Each feature's log ratio of its (smoothed) share among positives to its share among negatives."""
        p = self.alpha + np.asarray(X[positive].sum(axis=0)).ravel()
        q = self.alpha + np.asarray(X[~positive].sum(axis=0)).ravel()
        return np.log((p / p.sum()) / (q / q.sum()))

    def decision_function(self, X) -> np.ndarray:
        check_is_fitted(self, "coef_")
        return np.asarray(X @ self.coef_.T).ravel() + self.intercept_[0]

    def predict_proba(self, X) -> np.ndarray:
        p = expit(self.decision_function(X))
        return np.column_stack([1.0 - p, p])

    def predict(self, X) -> np.ndarray:
        return self.classes_[(self.decision_function(X) > 0).astype(int)]
