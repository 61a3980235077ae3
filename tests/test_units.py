"""Which unit a notice comes from: named in its text, else read from the poster's nickname."""
import pytest

from bot.units import level_aliases, named_source, sender_unit, unit_of_notice


@pytest.mark.parametrize("nickname, unit", [
    # 单位-姓名, the form work groups ask for, with any separator
    ("镇党政办-黄丽娟", "镇党政办"), ("县卫健局医政股-戴", "县卫健局医政股"),
    ("镇水利站 阙站长", "镇水利站"), ("县邮政分公司-市场部 覃经理", "县邮政分公司"),
    ("城关派出所-户籍室", "城关派出所"), ("村委-莫会计", "村委"),
    # a place and a role: the role is dropped
    ("杏坪村书记-陈建华", "杏坪村"), ("桂岭村党总支书记-黎少华", "桂岭村"),
    ("楠木村医保专干-陈小燕", "楠木村"), ("松岗网格员 林燕", "松岗"), ("桐坪治保主任-毛军", "桐坪"),
    ("镇党委副书记-骆", "镇党委"),
    # written as one word
    ("统计站许燕", "统计站"), ("龙乐村覃书记", "龙乐村"), ("镇经管站吕站长", "镇经管站"),
    ("鹤塘网格员田甜", "鹤塘"), ("青山镇党政办", "青山镇党政办"), ("潭口村委会", "潭口村委会"),
    ("县应急局值班室", "县应急局值班室"), ("石鼓村书记", "石鼓村"),
    # a phone number or a bracketed note is not part of it
    ("徐斌（驻村）", None), ("红岩村田军13907311234", "红岩村"),
])
def test_the_unit_in_a_nickname(nickname, unit):
    assert sender_unit(nickname) == unit


@pytest.mark.parametrize("nickname", [
    "王建军", "张会计", "李书记", "欧阳书记", "赵村长13907xxxx", "刘镇", "网格员小周", "文书-何晓东",
    "镇长-罗斌", "组织委员-肖雪梅", "包村干部-杨镇长", "网格站长-孙婷", "🌸平安是福", "鹭鸶湾-余海波",
    "系统消息", "",
])
def test_a_person_or_a_role_names_no_unit(nickname):
    assert sender_unit(nickname) is None


@pytest.mark.parametrize("text, unit", [
    ("县医保局通报：截至6月16日，我镇激活率41.2%", "县医保局"),
    ("【通报】县医保局通报：截至6月16日", "县医保局"),
    ("转医保站：县医保局通报，截至6月16日", "医保站"),
    ("接县纪委监委通知：中秋、国庆将至，严禁公款购买月饼", "县纪委监委"),
    ("【通知】按区退役军人事务局要求，8月15日前完成信息采集核对", "区退役军人事务局"),
    ("【转县指挥部】今晚到明天阵风7级，火险五级！", "县指挥部"),
    ("转发县委办通知：\n11月5日下午2:30召开全县冬季森林防火工作会议", "县委办"),
    ("综治中心通知：【反诈任务】县反诈中心下达推广任务", "综治中心"),
    ("@所有人 【县应急管理局】关于做好强降雨防范的紧急通知", "县应急管理局"),
    ("转发：各村（社区）：根据县应急局要求，请于本周五前完成排查", "县应急局"),
    ("县医保局关于做好2027年度城乡居民医保征缴工作的通知：", "县医保局"),
    ("请各村明天中午前报送名单。\n——镇党政办", "镇党政办"),
    ("请各村明天中午前报送名单。\n—— 石鼓村两委 2026年6月17日", "石鼓村两委"),
])
def test_the_source_a_notice_names(text, unit):
    assert named_source(text) == unit


@pytest.mark.parametrize("text", [
    "石鼓村：请你村今天下午把名单报上来",  # an addressee, not a source
    "各村：请于今天下午5点前上报",
    "村干部：今天都到村部集合",
    "【会议通知】定于明天上午9点召开调度会",
    "镇党政办：各村明天交表",  # no 通知/通报 word: could as well be addressed to the office
    "请各网格员今天拍照上传巡查情况",
])
def test_an_addressee_or_plain_order_names_no_source(text):
    assert named_source(text) is None


def test_a_notice_takes_the_first_named_source_else_its_posters_unit():
    forwarded = ["请各村今天下午5点前上报", "转发：县医保局通报：请各村今天下午5点前上报"]
    assert unit_of_notice(forwarded, "镇党政办-黄丽娟") == "县医保局"
    assert unit_of_notice(["请各村今天下午5点前上报"], "镇党政办-黄丽娟") == "镇党政办"
    assert unit_of_notice(["请各村今天下午5点前上报"], "黄丽娟") is None
    signed_forward = ["请各村今天下午5点前上报", "请各村今天下午5点前上报\n——桂岭村党总支"]
    assert unit_of_notice(signed_forward, "镇党政办-黄丽娟") == "镇党政办"
    assert unit_of_notice(signed_forward[::-1], "桂岭村-黎少华") == "桂岭村党总支"


def test_a_townships_office_written_with_and_without_its_level_is_one_name():
    units = ["镇医保站", "医保站", "综治中心", "县医保局", "医保局", "镇"]
    assert level_aliases(units) == {"镇医保站": "镇医保站", "医保站": "镇医保站", "综治中心": "综治中心",
                                    "县医保局": "县医保局", "医保局": "医保局", "镇": "镇"}
