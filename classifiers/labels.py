"""The label contract of docs/LABELS.md, spelled exactly so."""

KINDS = ("directive", "evidence_demand", "ack", "evidence_submission", "chatter")
ACTIONABLE = ("directive", "evidence_demand")
DEMANDS = ("photo", "screenshot", "video", "checkin", "form", "ledger", "ack", "download", "ranking")

# How the digest and reports show a demand to a person.
DEMAND_LABELS = {
    "photo": "📷 照片",
    "screenshot": "🖼 截图",
    "video": "🎬 视频",
    "checkin": "📍 打卡/签到",
    "form": "📝 填报",
    "ledger": "📒 台账/留痕",
    "ack": "🙋 回复收到/接龙",
    "download": "📲 下载/注册/转发",
    "ranking": "🏁 排名/通报",
}

KIND_LABELS = {
    "directive": "工作指令",
    "evidence_demand": "留痕要求",
    "ack": "收到类回复",
    "evidence_submission": "留痕提交",
    "chatter": "闲聊/其他",
}
