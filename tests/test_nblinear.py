"""The linear models of the classifier's heads: naive-Bayes-scaled and float32 logistic regression."""
import numpy as np
import pytest
from scipy import sparse
from sklearn.base import clone
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from classifiers.nblinear import Float32LogisticRegression, NBLogisticRegression

TEXTS = ["请拍照上传", "照片发群里", "现场拍几张照片", "拍张合影发我",
         "明天上午开会", "通知大家注意安全", "下午三点开会", "请按时参加培训"]
PHOTO = np.array([1, 1, 1, 1, 0, 0, 0, 0])


def features():
    return TfidfVectorizer(analyzer="char", ngram_range=(1, 2)).fit_transform(TEXTS)


def test_learns_a_binary_label_with_probabilities():
    X = features()
    model = NBLogisticRegression(C=10.0).fit(X, PHOTO)
    proba = model.predict_proba(X)
    assert proba.shape == (8, 2) and np.allclose(proba.sum(axis=1), 1.0)
    assert list(model.predict(X)) == list(PHOTO)
    assert proba[:4, 1].min() > 0.5 > proba[4:, 1].max()


def test_scaling_is_folded_into_the_coefficients():
    """Predicting on raw features equals a logistic regression on the scaled ones."""
    X = features()
    model = NBLogisticRegression(C=3.0).fit(X, PHOTO)
    scaled = X.multiply(model.log_count_ratio(X, PHOTO == 1)).tocsr()
    plain = LogisticRegression(C=3.0, class_weight="balanced", solver="liblinear",
                               random_state=0).fit(scaled, PHOTO)
    assert np.allclose(model.decision_function(X), plain.decision_function(scaled))


def test_is_deterministic_and_clonable():
    X = features()
    first = NBLogisticRegression(alpha=0.5).fit(X, PHOTO)
    second = clone(first).fit(X, PHOTO)
    assert second.get_params()["alpha"] == 0.5
    assert np.array_equal(first.coef_, second.coef_)


def test_refuses_what_it_cannot_learn():
    X = features()
    with pytest.raises(ValueError, match="binary"):
        NBLogisticRegression().fit(X, np.arange(8) % 3)
    with pytest.raises(ValueError, match="non-negative"):
        NBLogisticRegression().fit(sparse.csr_matrix(-X.toarray()), PHOTO)


def test_weights_are_kept_in_float32_and_predict_as_float64_weights_do():
    X = features().astype(np.float32)  # the dtype the classifier's features have
    compact = Float32LogisticRegression(C=3.0).fit(X, PHOTO)
    full = LogisticRegression(C=3.0).fit(X, PHOTO)
    assert compact.coef_.dtype == np.float32
    assert NBLogisticRegression().fit(X, PHOTO).coef_.dtype == np.float32
    assert np.allclose(compact.predict_proba(X), full.predict_proba(X), atol=1e-6)
