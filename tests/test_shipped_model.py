"""The model shipped in the package: loads offline, is labelled with its data and scores."""
from classifiers import load_classifier
from classifiers.persist import SHIPPED_MODEL, read_metadata


def test_shipped_model_loads_and_labels():
    classifier = load_classifier()
    labels = classifier.label(["收到", "[图片]", "各村书记明天上午9点到镇政府三楼开会",
                               "请各网格员明天中午前拍照上传入户走访照片", "大家中秋快乐！"])
    assert [l.kind for l in labels] == ["ack", "evidence_submission", "directive",
                                        "evidence_demand", "chatter"]
    assert "photo" in labels[3].demands


def test_shipped_model_carries_its_metadata():
    meta = read_metadata(SHIPPED_MODEL)
    assert {"sklearn", "data_hash", "model_version", "versions", "heldout"} <= set(meta)
    assert meta["heldout"]["actionable_recall"] >= 0.97
