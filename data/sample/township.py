"""The invented township of 云溪镇 (青岚县): its people, its work groups, and pools of replies.

Everything here is hand-written for the bundled sample month (make_sample.py). It is invented:
no person, place, app or account in it is real, and nothing here is taken from the training
corpus. Plain Python data only (no JSON/YAML), read by make_sample.py.
"""

TOWN = "云溪镇"
COUNTY = "青岚县"

# Villages: code → (full name, short name, how well it keeps up: 0..1, 参保 population).
VILLAGES = {
    "LS": ("栗山村", "栗山", 0.93, 2860),
    "XP": ("杏坪村", "杏坪", 0.95, 2410),
    "HT": ("鹤塘村", "鹤塘", 0.58, 2150),
    "GL": ("桂岭村", "桂岭", 0.72, 2680),
    "MW": ("梅坞村", "梅坞", 0.52, 1920),
    "SG": ("松岗村", "松岗", 0.78, 2330),
    "TP": ("桐坪村", "桐坪", 0.86, 2070),
    "YX": ("云溪社区", "云溪社区", 0.9, 3560),
}
VILLAGE_ORDER = ["LS", "XP", "HT", "GL", "MW", "SG", "TP", "YX"]


def _people(block: str, village: str | None = None) -> list[tuple]:
    """'key|display|role|nick' lines → (key, display, role, village, nick)."""
    rows = []
    for line in block.strip().splitlines():
        key, display, role, *rest = [part.strip() for part in line.split("|")]
        rows.append((key, display, role, village, rest[0] if rest and rest[0] else None))
    return rows


# Township staff. role codes: lead (leaders), staff (office staff), ext (outside units).
_TOWNSHIP = _people("""
zhougp|周国平|lead|周国平
han|韩卫东|lead|卫东
chen|陈晓燕|lead|晓燕
luo|罗志刚|lead|志刚
huang|黄建军|lead|黄建军
liujing|镇党建办-刘静|staff|静静
heli|党建办何丽|staff|何丽
sun|镇党政办-孙伟|staff|孙伟
zhao|赵强|staff|赵强
wuting|党政办吴婷|staff|婷婷
tan|镇医保办-谭敏|staff|敏敏
deng|应急办邓勇|staff|邓勇
feng|镇综治中心-冯涛|staff|冯涛
liang|云溪派出所-梁警官|ext|梁警官
xu|统计站许燕|staff|许燕
cao|民政办曹丽华|staff|丽华
peng|退役军人服务站彭军|staff|老兵彭军
tang|镇妇联-唐婷婷|staff|唐婷婷
jiang|农业服务中心蒋海|staff|蒋海
yuan|乡村振兴办-袁斌|staff|袁斌
zheng|宣传办郑雪|staff|雪儿
xiao|武装部萧勇|staff|萧勇
tian|林业站田林|staff|山林
qiu|城建办邱明|staff|邱明
hexiao|卫生院公卫科-贺晓|ext|贺晓
zhong|云溪镇卫生院钟华|ext|钟华
wei|中心学校魏刚|ext|魏刚
shi|中心学校校长石磊|ext|石磊
sch1|云溪中学政教处-黄老师|ext|黄老师
sch2|栗山小学 周老师|ext|周老师
sch3|杏坪小学-廖校长|ext|廖校长
sch4|云溪幼儿园园长-许园长|ext|许园长
sch5|鹤塘教学点 龙老师|ext|龙老师
ent1|鑫达砖厂-刘总|ext|刘总
ent2|云溪加油站 站长老马|ext|老马
ent3|桂岭石场-安全员小彭|ext|小彭
ent4|松岗农家乐-胡老板|ext|胡老板
ent5|梅坞养殖场 贺老板|ext|贺老板
""")

# The unit an outside person answers for (a school, an enterprise).
UNIT_NAMES = {"sch1": "云溪中学", "sch2": "栗山小学", "sch3": "杏坪小学", "sch4": "云溪幼儿园",
              "sch5": "鹤塘教学点", "ent1": "鑫达砖厂", "ent2": "云溪加油站", "ent3": "桂岭石场",
              "ent4": "松岗农家乐", "ent5": "梅坞养殖场"}

# Village people. roles: sec 书记, dir 主任, vice 副主任, clerk 文书, women 妇女主任,
# guard 治保主任, grid 网格员 (the first is the village's 医保专干), ranger 护林员, doctor 村医,
# head 村民组长 (栗山), hh 中心户长 (杏坪).
_VILLAGE_PEOPLE = {
    "LS": _people("""
li|李明|sec|李明
ls_vice|栗山村-吴国华|vice|华哥
ls_clerk|栗山村文书陈红|clerk|红红火火
ls_women|栗山村妇女主任-刘秀英|women|秀英
ls_guard|栗山 杨勇|guard|勇往直前
ls_g1|栗山网格员-张丽|grid|丽丽
ls_g2|栗山网格员周小兵|grid|小兵
ls_g3|栗山网格员-何桂兰|grid|桂兰
ls_r1|栗山护林员-吴老四|ranger|山路十八弯
ls_r2|栗山护林员 邓德才|ranger|德才
ls_r3|栗山护林员-肖满仓|ranger|满仓
ls_doc|栗山村医-胡建新|doctor|胡医生
ls_h1|栗山一组-吴长贵|head|长贵
ls_h2|二组 陈福生|head|福生
ls_h3|三组组长-谭志强|head|志强
ls_h4|栗山四组 龙秋生|head|秋生
ls_h5|五组-刘满堂|head|满堂红
ls_h6|六组 黄德明|head|德明
ls_h7|七组-彭桂花|head|桂花香
ls_h8|八组组长 易建军|head|建军
ls_h9|九组 蒋来福|head|来福
ls_h10|十组-肖春生|head|春生
ls_h11|十一组 欧阳军|head|欧阳
ls_h12|十二组-罗德兴|head|平安是福
""", "LS"),
    "XP": _people("""
xp_sec|杏坪村书记-陈建华|sec|建华
xp_dir|杏坪村主任 廖小平|dir|小平
xp_clerk|杏坪文书-邹敏|clerk|邹敏
xp_women|杏坪村 曾秋菊|women|秋菊
xp_guard|杏坪治保主任-孔德明|guard|德明
wang|王芳|grid|王芳
xp_g2|杏坪网格员-李娟|grid|娟子
xp_g3|杏坪网格员 黄海|grid|大海
xp_g4|杏坪网格员-罗婷|grid|婷
xp_r1|杏坪护林员 曾老三|ranger|曾老三
xp_r2|杏坪护林员-邹永福|ranger|永福
xp_r3|杏坪护林员 陈石头|ranger|石头
xp_doc|杏坪村医-向红|doctor|向医生
xp_hh1|杏坪一组 黄国强|hh|国强
xp_hh2|二组户长-黄秀珍|hh|秀珍
xp_hh3|杏坪三组 廖春华|hh|春华
xp_hh4|四组-曾庆云|hh|庆云
xp_hh5|五组户长 邹桂香|hh|桂香
xp_hh6|杏坪六组-孔凡军|hh|凡军
xp_hh7|七组 罗建明|hh|建明
xp_hh8|八组-陈美兰|hh|美兰
xp_hh9|九组户长 廖德胜|hh|德胜
xp_hh10|十组 黄小毛|hh|小毛
""", "XP"),
    "HT": _people("""
ht_sec|鹤塘村-龙德胜|sec|龙德胜
ht_dir|鹤塘村主任-马立新|dir|立新
ht_clerk|鹤塘文书小钟|clerk|小钟
ht_women|鹤塘-苏玉兰|women|玉兰
ht_guard|鹤塘治保-石宏|guard|石宏
ht_g2|鹤塘网格员-刘波|grid|波哥
ht_g1|鹤塘网格员田甜|grid|甜甜
ht_g3|鹤塘网格员 杨梅|grid|杨梅
ht_r1|鹤塘护林员-龙老五|ranger|龙老五
ht_r2|鹤塘护林员 马金生|ranger|金生
ht_r3|鹤塘护林员-石三毛|ranger|三毛
ht_doc|鹤塘村医 龙医生|doctor|龙医生
""", "HT"),
    "GL": _people("""
gl_sec|桂岭村党总支书记-黎少华|sec|少华
gl_dir|桂岭村主任 欧志勇|dir|志勇
gl_clerk|桂岭文书-彭丽|clerk|彭丽
gl_women|桂岭 向春梅|women|春梅
gl_guard|桂岭村治保-姚刚|guard|姚刚
gl_g1|桂岭网格员-谭芳|grid|芳芳
gl_g2|桂岭网格员朱海军|grid|海军
gl_g3|桂岭网格员-孙萍|grid|萍萍
gl_r1|桂岭护林员 欧老汉|ranger|欧老汉
gl_r2|桂岭护林员-姚水生|ranger|水生
gl_r3|桂岭护林员 向东|ranger|向东
gl_doc|桂岭村医-彭医生|doctor|彭医生
""", "GL"),
    "MW": _people("""
mw_sec|梅坞村书记 邹建平|sec|建平
mw_dir|梅坞村主任-贺东|dir|贺东
mw_clerk|梅坞文书 夏雨|clerk|夏雨
mw_women|梅坞-汤秀兰|women|秀兰
mw_guard|梅坞治保主任 文斌|guard|文斌
mw_g1|梅坞网格员-熊丽|grid|熊丽
mw_g2|梅坞网格员 宋杰|grid|宋杰
mw_r1|梅坞护林员-贺老九|ranger|贺老九
mw_r2|梅坞护林员 汤德旺|ranger|德旺
mw_r3|梅坞护林员-文小平|ranger|小平
mw_doc|梅坞村医 夏医生|doctor|夏医生
""", "MW"),
    "SG": _people("""
sg_sec|松岗村-廖文辉|sec|文辉
sg_dir|松岗村主任 洪涛|dir|洪涛
sg_clerk|松岗文书-金晶|clerk|金晶
sg_women|松岗 戴玉梅|women|玉梅
sg_guard|松岗治保-方建|guard|方建
sg_g1|松岗网格员 林燕|grid|林燕
sg_g2|松岗网格员-段强|grid|段强
sg_g3|松岗网格员 覃小红|grid|小红
sg_r1|松岗护林员-洪老三|ranger|洪老三
sg_r2|松岗护林员 方德胜|ranger|德胜
sg_r3|松岗护林员-林木生|ranger|木生
sg_doc|松岗村医-金医生|doctor|金医生
""", "SG"),
    "TP": _people("""
tp_sec|桐坪村书记-卢国庆|sec|国庆
tp_dir|桐坪村主任 沈波|dir|沈波
tp_clerk|桐坪文书-江雪|clerk|江雪
tp_women|桐坪 唐桂英|women|桂英
tp_guard|桐坪治保主任-毛军|guard|毛军
tp_g1|桐坪网格员-程琳|grid|程琳
tp_g2|桐坪网格员 杜鹏|grid|杜鹏
tp_r1|桐坪护林员 卢老二|ranger|卢老二
tp_r2|桐坪护林员-沈石生|ranger|石生
tp_r3|桐坪护林员 毛福生|ranger|福生
tp_doc|桐坪村医 江医生|doctor|江医生
""", "TP"),
    "YX": _people("""
yx_sec|云溪社区书记-戴红梅|sec|红梅
yx_dir|云溪社区主任 潘杰|dir|潘杰
yx_clerk|云溪社区-蔡文|clerk|蔡文
yx_women|云溪社区 范丽萍|women|丽萍
yx_guard|云溪社区治保-严军|guard|严军
yx_g1|云溪社区网格员-韦佳|grid|佳佳
yx_g2|云溪社区网格员 邵静|grid|邵静
yx_g3|云溪社区网格员-雷鸣|grid|雷鸣
yx_g4|社区网格员 庞莉|grid|庞莉
yx_doc|社区卫生服务站-孟医生|doctor|孟医生
""", "YX"),
}

PEOPLE = {row[0]: row for row in _TOWNSHIP}
for _rows in _VILLAGE_PEOPLE.values():
    PEOPLE.update({row[0]: row for row in _rows})

# 驻村干部: the township cadre stationed in each village (a member of its 两委 group).
STATIONED = {"LS": "zhao", "XP": "wuting", "HT": "deng", "GL": "xu", "MW": "jiang",
             "SG": "zheng", "TP": "peng", "YX": "heli"}
# 包村领导 for a few villages.
LEADER_OF = {"LS": "chen", "XP": "luo", "HT": "huang", "MW": "han"}

# 李明's own remarks for some contacts (how the MemoTrace export names them); others show
# their WeChat nickname (people who are not his contacts) or their group name.
LI_REMARKS = {
    "zhao": "赵强", "wang": "王芳", "tan": "镇医保办谭敏", "chen": "陈晓燕镇长",
    "luo": "罗志刚副镇长", "tian": "林业站田林", "ls_vice": "吴国华", "ls_clerk": "陈红",
    "ls_women": "刘秀英", "ls_guard": "杨勇", "ls_g1": "张丽", "ls_g2": "周小兵",
    "ls_g3": "何桂兰", "ls_r1": "吴老四 护林员", "ls_r2": "邓德才", "ls_doc": "胡医生",
    "xp_sec": "杏坪 陈建华", "ht_sec": "鹤塘 龙德胜", "gl_sec": "桂岭 黎少华",
    "mw_sec": "梅坞 邹建平", "sg_sec": "松岗 廖文辉", "tp_sec": "桐坪 卢国庆",
    "yx_sec": "社区 戴红梅", "ls_h1": "一组 吴长贵", "ls_h2": "二组 陈福生",
    "ls_h3": "三组 谭志强", "ls_h4": "四组 龙秋生", "ls_h5": "五组 刘满堂",
    "ls_h6": "六组 黄德明", "ls_h7": "七组 彭桂花", "ls_h8": "八组 易建军",
    "ls_h9": "九组 蒋来福", "ls_h10": "十组 肖春生", "ls_h11": "十一组 欧阳军",
    "ls_h12": "十二组 罗德兴", "hexiao": "贺晓", "deng": "邓勇",
}


def village_people(v: str, *roles: str) -> list[str]:
    return [key for key, _, role, _, _ in _VILLAGE_PEOPLE[v] if not roles or role in roles]


def all_villages(*roles: str) -> list[str]:
    return [key for v in VILLAGE_ORDER for key in village_people(v, *roles)]


def first(v: str, role: str) -> str:
    found = village_people(v, role)
    return found[0] if found else village_people(v, "sec")[0]


def _secs() -> list[str]:
    return all_villages("sec")


def _medical() -> list[str]:
    """Each village's 医保专干 (its first grid worker)."""
    return [village_people(v, "grid")[0] for v in VILLAGE_ORDER]


# Groups: code → dict. fmt: jsonl or memotrace (李明's export). chat: chatter per weekday /
# weekend day. pool: which chatter pool. ack: share of members who reply to a plain notice.
# units: who answers demands — "village" (one village at a time), "person" (each member).
def _group(name, members, *, fmt="jsonl", chat=(2, 0.5), pool="town", ack=0.35, units="village",
           kind="township", talker=None):
    seen, ordered = set(), []
    for key in members:
        if key not in seen:
            seen.add(key)
            ordered.append(key)
    return {"name": name, "members": ordered, "fmt": fmt, "chat": chat, "pool": pool,
            "ack": ack, "units": units, "kind": kind, "talker": talker}


_TOWN_OFFICES = ["han", "chen", "luo", "huang", "liujing", "sun", "zhao", "wuting", "tan", "deng",
                 "feng", "xu", "cao", "peng", "tang", "jiang", "yuan", "zheng", "xiao", "tian",
                 "qiu", "heli"]

GROUPS = {
    "DZB": _group("云溪镇党政办工作群",
                  ["sun", "zhao", "wuting", "zhougp"] + _TOWN_OFFICES
                  + all_villages("sec", "dir", "clerk"), chat=(10, 2), ack=0.62),
    "WG": _group("云溪镇网格员工作群",
                 ["feng", "zhao", "liang"] + all_villages("grid") + all_villages("guard"),
                 chat=(6, 2), pool="grid", ack=0.55, units="person"),
    "DJ": _group("云溪镇党建工作群",
                 ["liujing", "heli", "huang", "zhao"] + all_villages("sec")
                 + [first(v, "clerk") for v in VILLAGE_ORDER], chat=(2.5, 0.5), ack=0.65),
    "YB1": _group("云溪镇医保征收工作专班",
                  ["chen", "tan", "zhao", "han"] + _secs() + [k for k in _medical() if k != "wang"]
                  + [STATIONED[v] for v in VILLAGE_ORDER], chat=(5, 2.5), ack=0.6),
    "YB2": _group("云溪镇2027年度医保征收推进群",
                  ["tan", "chen", "zhao"] + _secs() + _medical() + all_villages("dir"),
                  fmt="memotrace", chat=(5, 2.5), ack=0.6, talker=183),
    "SL": _group("云溪镇森林防火工作群",
                 ["luo", "tian", "xiao", "zhao", "deng"] + _secs() + all_villages("ranger")
                 + all_villages("guard"), fmt="memotrace", chat=(2.5, 1.2), ack=0.4, talker=241),
    "AQ": _group("云溪镇安全生产工作群",
                 ["luo", "deng", "zhao", "liang"] + _secs() + all_villages("guard")
                 + ["ent1", "ent2", "ent3", "ent4", "ent5"], chat=(2.5, 0.4), ack=0.55),
    "RJ": _group("云溪镇人居环境整治工作群",
                 ["qiu", "luo", "zhao", "han"] + _secs() + all_villages("dir"),
                 chat=(3, 0.6), ack=0.55),
    "RJ2": _group("云溪镇冬春村庄清洁行动群",
                  ["luo", "qiu", "zhao"] + _secs() + all_villages("dir")
                  + [first(v, "vice") if v == "LS" else first(v, "women") for v in VILLAGE_ORDER],
                  chat=(1.5, 0.3), ack=0.45),
    "ZZ": _group("云溪镇综治中心工作群",
                 ["feng", "liang", "zhao", "han"] + all_villages("guard")
                 + ["wang", "yx_g1", "ls_g2"], chat=(2.5, 0.6), ack=0.55),
    "TJ": _group("云溪镇统计工作群",
                 ["xu", "zhao"] + all_villages("clerk"), chat=(1.2, 0.1), ack=0.7),
    "MZ": _group("云溪镇民政工作群",
                 ["cao", "chen"] + all_villages("clerk") + all_villages("women") + ["wang"],
                 chat=(1.8, 0.3), ack=0.6),
    "TY": _group("云溪镇退役军人服务站工作群",
                 ["peng", "cao"] + all_villages("guard"), chat=(0.1, 0.02), ack=0.3),
    "FL": _group("云溪镇妇联执委群",
                 ["tang"] + all_villages("women") + ["wang", "yx_g2"], chat=(0.6, 0.3), ack=0.45),
    "FX": _group("云溪镇防汛抗旱指挥部", ["xiao", "luo", "zhao", "deng"] + _secs(),
                 chat=(0, 0), ack=0.15),
    "XY": _group("云溪镇校园安全联络群",
                 ["wei", "shi", "liang", "sch1", "sch2", "sch3", "sch4", "sch5"]
                 + all_villages("guard"), chat=(1.3, 0.2), ack=0.55, units="person"),
    "WS": _group("云溪镇卫生院村医工作群",
                 ["hexiao", "zhong"] + all_villages("doctor"), chat=(1.8, 0.4), ack=0.65,
                 units="person"),
    "XC": _group("云溪镇宣传信息员群",
                 ["zheng", "wuting"] + all_villages("clerk") + ["wang"], chat=(1.3, 0.3), ack=0.6),
    "NY": _group("云溪镇农业农村工作群",
                 ["jiang", "zhao", "chen"] + all_villages("dir") + all_villages("clerk"),
                 chat=(2, 0.4), ack=0.5),
    "FP": _group("云溪镇防返贫监测帮扶群",
                 ["yuan", "zhao", "chen"] + _secs() + [village_people(v, "grid")[-1]
                                                       for v in VILLAGE_ORDER],
                 chat=(1.8, 0.4), ack=0.55),
    "ZB": _group("云溪镇2026年征兵工作群", ["xiao", "sun"] + all_villages("guard"),
                 chat=(0, 0), ack=0.1),
}

for _v in VILLAGE_ORDER:
    _full = VILLAGES[_v][0]
    _name = f"{_full}两委工作群" if _v != "YX" else "云溪社区工作群"
    _members = [k for k in village_people(_v) if PEOPLE[k][2] not in ("head", "hh", "ranger")]
    _members += [STATIONED[_v]] + ([LEADER_OF[_v]] if _v in LEADER_OF else [])
    GROUPS["V_" + _v] = _group(_name, _members, fmt="memotrace" if _v == "LS" else "jsonl",
                               chat=(15, 4.5), pool="village", ack=0.72, units="person",
                               kind="village", talker=302 if _v == "LS" else None)

GROUPS["LZ"] = _group("栗山村村民组长群",
                      ["li", "ls_vice", "ls_clerk", "ls_g1", "ls_g2", "ls_g3"]
                      + village_people("LS", "head"), fmt="memotrace", chat=(9, 6),
                      pool="elders", ack=0.7, units="person", kind="village", talker=267)
GROUPS["XW"] = _group("杏坪村网格工作群",
                      ["wang", "xp_g2", "xp_g3", "xp_g4", "xp_dir", "xp_sec"]
                      + village_people("XP", "hh"), chat=(5, 3), pool="elders", ack=0.65,
                      units="person", kind="village")

# The order groups are listed in (README, stats).
GROUP_ORDER = ["DZB", "WG", "DJ", "YB1", "YB2", "SL", "AQ", "RJ", "RJ2", "ZZ", "TJ", "MZ", "TY",
               "FL", "FX", "XY", "WS", "XC", "NY", "FP", "ZB"] + ["V_" + v for v in VILLAGE_ORDER] \
              + ["LZ", "XW"]

# How each village secretary (and other forwarders) edits a notice when passing it down.
# prefix, suffix lines, trims the tail, adds "收到请回复" (a demand for acks).
FORWARD_STYLE = {
    "li": {"prefix": "【通知】", "suffix": "", "trim": True},
    "xp_sec": {"prefix": "转发：\n", "suffix": "", "trim": False},
    "ht_sec": {"prefix": "@所有人\u2005", "suffix": "\n收到请回复", "trim": False, "asks_ack": True},
    "gl_sec": {"prefix": "", "suffix": "\n——桂岭村党总支", "trim": True},
    "mw_sec": {"prefix": "", "suffix": "", "trim": True},
    "sg_sec": {"prefix": "【转发】", "suffix": "\n请各位认真落实！", "trim": False},
    "tp_sec": {"prefix": "", "suffix": "", "trim": False},
    "yx_sec": {"prefix": "@所有人\u2005", "suffix": "\n请各网格员落实到位。", "trim": True},
    "feng": {"prefix": "转发：\n", "suffix": "", "trim": False},
    "wang": {"prefix": "【通知】", "suffix": "\n请各位户长通知到户，谢谢！", "trim": True},
    "zhao": {"prefix": "转发：\n", "suffix": "\n请各村按要求落实。", "trim": False},
    "tan": {"prefix": "", "suffix": "", "trim": False},
}
DEFAULT_STYLE = {"prefix": "", "suffix": "", "trim": False}
# What anyone may do instead of their habit now and then.
GENERIC_STYLES = [DEFAULT_STYLE, {"prefix": "转发：\n"}, {"prefix": "【通知】"},
                  {"prefix": "@所有人\u2005"}, {"trim": True}, {"prefix": "转发镇里通知：\n"}]
# Added when 李明 passes a notice on to his 组长 (the group of village heads).
TO_HEADS_LINE = "\n请各组长通知到户。"


def lines(block: str) -> list[str]:
    return [line.strip() for line in block.strip().splitlines() if line.strip()]


# ---------------------------------------------------------------- reply pools
# {vs} short village name, {vf} full village name, {name} the replier's short name,
# {n} {m} numbers, {who} someone to @.

ACK = lines("""
收到
收到
收到
收到
收到
收到
收到！
收到。
收到👌
收到[强]
收到[抱拳]
收到🙏
👌
[强]
[强][强]
👍
[OK]
OK
ok
1
好的
好的，收到
好的👌
收到收到
嗯嗯收到
收到，马上落实
收到，立即安排
收到，马上安排
收到，按要求落实
已阅
已阅。
明白
明白了
收到，谢谢
收到，辛苦了
收到请放心
收到[玫瑰]
收到！马上转到村里
好
收到[握手]
收悉
收到，照办
""")

ACK_UNIT = lines("""
{vs}收到
{vf}收到
收到（{vf}）
收到—{vs}
{vf}已收到
收到 {vs}
{vs}收到[强]
""")

ACK_MEET = lines("""
收到，准时参加
收到，准时参会
好的，准时到
收到，按时参会
收到[强]
收到
收到
""")

ACK_STUDY = lines("""
已学习
已阅
认真学习
收到，认真学习
已认真学习
已学习，抓好落实
学习了
""")

# An ack followed by a question or a problem: chatter (LABELS tie-break 2), with the
# logistics answer it gets (chatter too: where a file is, a password, who to ask).
ACK_QUESTION = [
    ("收到，请问表格在哪里下载？", "表格在群文件里，自己下载一下"),
    ("收到，我们村的小程序账号登不上，怎么办？", "私聊我，我帮你重置密码"),
    ("收到，会议室是三楼还是五楼？", "三楼大会议室"),
    ("收到，文件打不开，能不能再发一次？", "我再发一个word版的"),
    ("收到，电子版发哪个邮箱？", "邮箱在群公告里"),
    ("收到。我们村书记在县里培训，我代他参加可以吗？", "可以，会后跟书记汇报一下"),
    ("收到，模板在哪里？", "群文件里有，名字带“模板”的那个"),
    ("收到，但是我们村还没收到纸质文件", "纸质文件明天一起发，先按群里的做"),
]
# A question whose answer changes or clarifies the task: the answer is a directive, or an
# evidence demand when it (re)states what proof is wanted. (question, answer, demands)
CLARIFY = [
    ("收到。这个是每个组都要报吗？", "每个组都要报，没有的报零，不能空着。", []),
    ("收到，纸质版要盖章吗？", "纸质版统一用A4纸打印，盖村委会章，一式两份，一份留村里。", []),
    ("收到，这个跟上周报的是不是同一个表？", "不是同一个表，以今天发的为准。注意按户报，不是按人报。", []),
    ("外出务工的要不要算进去？", "外出务工人员也要算进去，备注写清楚在哪里务工。", []),
    ("收到，照片有什么要求吗？", "照片要带时间和地点水印，没有水印的不算。", ["photo"]),
    ("照片是发群里还是传小程序？", "两边都要：照片传小程序，同时发一份到群里，标注村名和时间。", ["form", "photo"]),
    ("截图要截哪个页面？", "截到能看到姓名和时间的页面，看不到的重新截。", ["screenshot"]),
    ("台账要不要签字？", "台账要有经办人签字，没签字的退回重做。", ["ledger"]),
    ("打卡是发位置还是截图？", "发实时位置，不要截图，县里要看轨迹。", ["checkin"]),
]

MEET_LEAVE = lines("""
我在县里参加培训，请个假，会议内容会后我找办公室要
收到，我下午要陪老人去县医院复查，能不能请个假？
我在市里考试，请假一次
收到，我在路上，可能晚到10分钟
我们村主任代我参加，我在处理一起纠纷
收到，我家里有点事，让副主任代我参会
""")

PHOTO_CAPTION = lines("""
{vf}已完成，请审阅
已上传
照片已发
{vs}的照片
{vf}现场照片
补传两张
已上传，请查收
{vf}已按要求完成[图片]
以上是{vs}的
{vf}整改完毕
""")

FORM_DONE = lines("""
已填报
{vf}已填报
已在小程序填报完毕
填好了
{vs}已报
{vf}已录入系统
已填，请审核
{vf}表格已发
""")

LEDGER_DONE = lines("""
台账已上传
{vf}台账已报
{vf}资料已整理好，纸质版明天送到镇里
已发邮箱，请查收
{vs}的台账已交
资料已交到办公室
""")

CHECKIN_DONE = lines("""
已打卡
{vs}已签到
已定位
已打卡✅
{vf}已到岗
""")

SHOT_DONE = lines("""
截图已发
已截图
{vf}截图
{vs}的截图
以上截图
""")

DOWNLOAD_DONE = lines("""
{vf}今天新增注册{n}人
已下载注册
{vs}今日注册{n}人，累计{m}人
已注册，截图已发
{vf}又动员了{n}户下载
""")

VIDEO_DONE = lines("""
视频已发
{vf}演练视频
已录好发群里了
""")

REPORT_DONE = lines("""
{vf}：已排查完毕，无异常
{vf}排查{n}户，发现隐患{m}处，已当场整改
{vs}已落实
{vf}：已全部通知到位
{vf}：已排查，未发现问题
{vs}已完成
""")

# Replies to a ranking notice that asks nothing: explanations are chatter, pledges are acks.
EXCUSE = lines("""
我们村外出务工的多，很多人联系不上，这几天在一个个打电话
这两天在收，明天能上来
村里老人多，不会用手机，我们只能上门一户一户弄
我们有二十多户是空挂户，人根本不在村里，这个怎么算？
上午系统卡了一上午，数据没报上去
有几户说在外地已经交了，系统查不到，正在核实
我们村的数据好像没更新，实际已经不止这个数了
今天全体出动，晚上再报一次
""")

RANK_ACK = lines("""
收到，马上落实
收到，加快进度
收到，今天加班
收到，我们抓紧
收到[抱拳]
好的，我们加油
收到，明天一定赶上来
""")

THANKS = lines("""
辛苦了
大家辛苦了👍
辛苦辛苦
辛苦了[抱拳]
谢谢大家配合
感谢各位
[强]大家辛苦
""")

GREETINGS = lines("""
早上好
早上好！
早
早上好🌞
大家早上好
早安
""")

# Chatter, by group kind.
CHAT_TOWN = lines("""
[动画表情]
[动画表情]
[语音]
哈哈哈
[捂脸]
谁有上个月的会议纪要？发我一份
打印机又卡纸了，谁会弄
今天食堂有红烧肉[色]
有没有人下午去县里？帮我带份材料
网络好卡，文件传不上去
[动画表情]
这个天冷得太快了
大家注意保暖，感冒的人好多
[偷笑]
中午谁值班？
好的谢谢
@{who} 你的U盘落在会议室了
今天停电吗？办公室没电了
明天开始降温，大家多穿点
我这边打不开，是不是要用电脑？
[OK]
好
年底了，各种考核材料堆成山
谁知道县里那个系统的客服电话？
今天开会开了一上午，头都大了
下午的会改到几点了？
车借我用一下，去趟鹤塘
这周末谁值班？我跟你换一下
@{who} 你昨天发的那个表我没找到
群文件太多了，能不能建个文件夹
有谁的笔记本电脑能借用一下午？
会议室的投影仪坏了，报修了没？
中午一起去吃粉吗
快递到了，放门卫了
今天的材料谁去县里送？
刚才电话里说的那个事，下午碰个头
我在县里，下午三点回来
镇里的WiFi密码改了吗？
@{who} 你下午在办公室吗？有个字要你签
明天早上谁去接一下检查组？
""")

CHAT_VILLAGE = lines("""
[动画表情]
[动画表情]
[动画表情]
[语音]
[语音]
[语音]
哈哈哈哈
[捂脸]
[偷笑]
中午在村部吃饭的报个数
今天中午吃什么
下午谁去镇里？帮我带个章回来
村部的打印机又没墨了
谁看到我的钥匙了？
明天降温，大家出门多穿点
@{who} 你在村部吗？
@{who} 车停在门口挡路了，挪一下
老张家的狗又把垃圾桶掀翻了
[强]
路上结冰了，骑车的慢点
好的
我到了
等我十分钟
谁有小程序管理员的账号密码？
晚上有人一起去县城吗
[红包] 恭喜发财，大吉大利
辛苦了
今天这风好大
手机没电了，有事打我座机
村部的炉子生起来了，冷的过来烤火
下午我去一趟信用社，村部谁在？
@{who} 你那边有胶水吗
今天镇里来人了没有？
六组那条路的坑什么时候补？好几个人摔了
饭做好了，在村部吃的快来
晚上开会不？
我先回去了，家里来客人了
谁帮我看看这个表格怎么合并单元格
刚去了一趟五组，路上全是泥
账本放在第二个抽屉里
水电费的单子来了，放你桌上了
上面又要材料了，头疼
明天我请半天假，孩子开家长会
有没有人有充电宝
我那个表交上去又被退回来了😭
复印机没纸了，谁去买一包
晚上谁值班？
刚才停电了，资料没保存，白做了
今天下午村部没人，群众来办事的打我电话
@{who} 上次那户的低保材料齐了没？
给大家带了点橘子，放桌上了，自己拿
""")

CHAT_ELDERS = lines("""
[语音]
[语音]
[语音]
[语音]
[动画表情]
[动画表情]
[图片]
早上好🌹
早上好，祝大家天天开心
今天好冷啊
[玫瑰][玫瑰][玫瑰]
[强][强]
吃了没
书记，我们组的路灯坏了两盏，什么时候来修？
我家那边的水管冻裂了，有没有人会修
明天赶集吗？
有没有人要白菜，我家种多了
哈哈哈哈
好的好的
我们组老刘家孙子考上研究生了，恭喜恭喜
[红包] 恭喜发财，大吉大利
谢谢书记
知道了
[抱拳][抱拳]
今天下雨，出门注意
今天去镇上赶集的注意，路边在修路
我们组的垃圾桶满了，几天没人来拉
今天天气好，晒被子喽
哪位有电工师傅的电话？
过几天要杀年猪了，到时候请大家来吃
我家孙子下个月结婚，到时候请各位喝喜酒
[语音]
[语音]
晚上村里放电影吗
医保交了，在手机上交的，挺方便
[图片]
[图片]
今年的橘子好甜
祝大家身体健康，万事如意[玫瑰]
书记，我们组有户人家说医保交了两次，能退吗？
下大雨，水沟堵了
老李家的牛跑到我菜地里了😂
明天降温，大家把水管包一下
这个视频大家看看，很有意思[动画表情]
""")

CHAT_GRID = lines("""
[动画表情]
[语音]
系统又登不上了
你们的小程序能打开吗？我这一直转圈
今天走了一天，腿都断了
@{who} 你那边的表格发我一份
[捂脸]
哈哈
好的
谁知道流动人口那一栏怎么填？
[强]
辛苦了
今天又被狗追了😂
小程序又更新了，又要重新登录
定位总是偏，明明在门口它说我在田里
有没有人知道出租房那一栏房东不在家怎么填？
今天走访碰到一个老人非要留我吃饭
下午的打卡是几点前？
我这个月的走访户数好像没统计上
今天雨太大了，走了一半回来了
谁有“平安云溪”的操作手册？
系统提示定位失败，是不是要开GPS？
""")

CHAT_POOLS = {"town": CHAT_TOWN, "village": CHAT_VILLAGE, "elders": CHAT_ELDERS,
              "grid": CHAT_GRID}

# Questions between members, with a colleague's answer: both chatter.
MEMBER_QA = [
    ("谁有低保年审表的电子版？发我一份", "我有，私发你了"),
    ("上次那个摸排表是用新表还是旧表？", "用新的，旧的作废了"),
    ("小程序打卡的位置老是偏，你们也这样吗？", "我也是，重新进一下就好了"),
    ("明天去县里的车几点出发？", "八点在镇政府门口"),
    ("有没有人知道人社局的电话？", "0736-8821xxx，我也记不太清，你打114问问"),
    ("台账你们是一个月订一本，还是一个季度订一本？", "一个月一本，镇里要求的"),
    ("那个二维码是不是换了？扫不出来", "换了，用今天群里发的那个"),
    ("表格里身份证号一栏老是变成科学计数法怎么办？", "先把单元格设成文本格式再填"),
    ("打印机有没有人会连？", "我下午过来帮你弄"),
    ("会议记录本没有了，去哪里领？", "党政办吴婷那里有"),
]

# Logistics questions with the answer a leader gives: both chatter.
LOGISTICS = [
    ("表格在哪里下载？", "表格在群文件里，自己下载"),
    ("电子版发哪个邮箱？", "发党政办邮箱，邮箱在群公告里"),
    ("小程序打不开怎么办？", "先把微信更新到最新版本，再清一下缓存试试"),
    ("我的账号密码忘了", "私聊我，我帮你重置"),
    ("纸质版送到哪里？", "送到镇政府二楼202办公室"),
    ("文件是pdf的，手机上打不开", "用WPS打开就行，我再发一个word版的"),
    ("系统显示无权限是怎么回事？", "县里在升级，下午再试"),
    ("要不要盖村委会的章？", "要盖章，扫描件发群里，原件留村里"),
]

# Ranger patrol reports and straw-burning patrol reports (evidence for standing demands).
PATROL_ROUTES = lines("""
后山林区
水库上游一线
老鹰岩至大坳
东坡茶场一带
坟山片区
南岭防火通道
竹山湾
十八弯山路
""")
PATROL_REPORT = lines("""
{vs}护林员{name}：今日巡山{route}，无火情
{route}巡护完毕，一切正常
{name} {route} 巡查正常
今日巡护{route}，劝导进山人员{n}人，无异常
{vs}{route}巡山，未发现野外用火
""")
STRAW_REPORT = lines("""
{vf}今日秸秆禁烧巡查，未发现焚烧
{vf}巡查完毕，无火点
{vs}今天巡了{n}个组，无焚烧现象
{vf}禁烧巡查正常
""")
GRID_REPORT = lines("""
{name}今日走访{n}户，无异常
{name}：今天走访{n}户，独居老人{m}户，取暖用电正常
{name}今日入户{n}户，发现一户出租房未登记，已录入
{name}走访{n}户，调解邻里小纠纷一起
已打卡，今日走访{n}户
{name}今天走访{n}户，提醒两户更换老化电线
""")
