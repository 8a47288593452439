"""The built-in categories: their stored names, stable keys, keywords and the other
names a file may use for them. Data, plus the lookups built from it."""

from __future__ import annotations

from dataclasses import dataclass

from core.i18n import LANGUAGES, t


@dataclass(frozen=True)
class BuiltIn:
    key: str
    name: str  # the stored, canonical name
    keywords: tuple[str, ...]
    aliases: tuple[str, ...] = ()  # other names a file may use for it


BUILT_INS: tuple[BuiltIn, ...] = (
    BuiltIn(
        "food", "餐饮",
        ("美团", "饿了么", "外卖", "超市", "餐厅", "饭店", "餐馆", "食堂", "早餐", "午餐",
         "晚餐", "午饭", "晚饭", "小吃", "快餐", "咖啡", "奶茶", "瑞幸", "星巴克", "肯德基",
         "麦当劳", "盒马", "买菜", "菜市场", "钱大妈", "生鲜", "水果", "面包", "便利店",
         "美宜佳", "restaurant", "grocery", "groceries", "supermarket", "cafe", "coffee",
         "starbucks", "mcdonald", "kfc", "dining", "takeout", "food"),
        ("food", "food & dining", "dining", "dining out", "restaurants", "groceries",
         "coffee", "coffee shops", "fast food", "餐饮美食", "饮食", "伙食"),
    ),
    BuiltIn(
        "transport", "交通",
        ("滴滴", "地铁", "公交", "加油", "中石化", "中石油", "出租车", "打车", "高铁",
         "火车票", "12306", "机票", "航空", "停车", "高速", "哈啰", "美团单车", "共享单车",
         "uber", "lyft", "metro", "subway", "taxi", "fuel", "gas station", "gasoline",
         "parking", "railway", "airline"),
        ("transport", "transportation", "auto & transport", "gas & fuel", "gas", "fuel",
         "交通出行", "出行", "汽车"),
    ),
    BuiltIn(
        "housing", "住房",
        ("房租", "租金", "物业", "水电", "水费", "电费", "燃气", "煤气", "暖气", "房贷",
         "rent", "utilities", "electricity", "water bill", "mortgage", "landlord"),
        ("housing", "home", "rent", "utilities", "住房物业", "居住", "住房", "房租", "租房",
         "水电燃气", "水电费", "物业费"),
    ),
    BuiltIn(
        "phone", "通讯",
        ("话费", "移动", "联通", "电信", "流量", "宽带", "手机充值", "phone", "mobile",
         "internet", "broadband"),
        ("phone", "phone & internet", "mobile phone", "internet", "充值缴费", "通信"),
    ),
    BuiltIn(
        "debt", "还款",
        ("微粒贷", "还款", "借呗", "花呗", "信用卡", "白条", "分期", "网贷", "贷款", "借款",
         "loan", "repayment", "credit card", "installment"),
        ("debt", "debt repayment", "loans", "loan payment", "信用借还", "还贷"),
    ),
    BuiltIn(
        "salary", "工资",
        ("工资", "薪", "奖金", "绩效", "salary", "payroll", "paycheck", "wages"),
        ("salary", "paycheck", "wages", "income", "工资收入", "薪资"),
    ),
    BuiltIn(
        "shopping", "购物",
        ("淘宝", "天猫", "京东", "拼多多", "唯品会", "闲鱼", "百货", "商场", "服装", "amazon",
         "walmart", "costco", "ikea", "shopping", "clothing"),
        ("shopping", "clothing", "clothes", "日用百货", "服饰装扮", "网购"),
    ),
    BuiltIn(
        "medical", "医疗",
        ("医院", "药店", "药房", "诊所", "门诊", "挂号", "体检", "牙科", "pharmacy",
         "hospital", "clinic", "doctor", "dental", "medical"),
        ("medical", "health", "healthcare", "health & fitness", "pharmacy", "drugstore",
         "医疗健康", "医疗保健"),
    ),
    BuiltIn(
        "education", "教育",
        ("学费", "培训", "课程", "辅导", "补习", "书店", "教材", "幼儿园", "tuition",
         "school", "course", "textbook"),
        ("education", "教育培训", "学习"),
    ),
    BuiltIn(
        "entertainment", "娱乐",
        ("电影", "影院", "游戏", "ktv", "爱奇艺", "腾讯视频", "优酷", "视频会员",
         "网易云音乐", "门票", "movie", "cinema", "netflix", "spotify", "concert"),
        ("entertainment", "文化休闲", "休闲娱乐"),
    ),
    BuiltIn(
        "insurance", "保险",
        ("保险", "保费", "insurance"),
        ("insurance", "保险"),
    ),
    BuiltIn(
        "gifts", "人情",
        ("红包", "礼金", "份子", "gift"),
        ("gifts", "gifts & donations", "人情往来", "转账红包"),
    ),
)  # fmt: skip

# canonical name -> stable key, for translation of the built-ins
CATEGORY_KEYS: dict[str, str] = {b.name: b.key for b in BUILT_INS}
# every built-in's (keyword, category) pair, in the order of BUILT_INS
DEFAULT_RULES: tuple[tuple[str, str], ...] = tuple(
    (keyword, b.name) for b in BUILT_INS for keyword in b.keywords
)
# A file may name a built-in by any of its names, including how the app shows it.
ALIASES: dict[str, str] = {
    alias.casefold(): b.name
    for b in BUILT_INS
    for alias in (
        b.name,
        b.key,
        *b.aliases,
        *(t(f"budget.category_{b.key}", lang) for lang in LANGUAGES),
    )
}
# What a bill prints in its "type" column to say how money moved, not what it was for.
TRADE_TYPES = frozenset(
    {
        "商户消费", "即时到账交易", "担保交易", "支付宝担保交易", "转账", "扫二维码付款",
        "二维码收款", "零钱充值", "零钱提现", "零钱通", "群收款", "退款", "其他", "其它",
        "other", "misc", "miscellaneous", "uncategorized", "uncategorised", "未分类", "/",
    }
)  # fmt: skip
# Layouts whose "category" column is always such a transaction type.
TYPE_ONLY_LAYOUTS = frozenset({"wechat", "meituan"})  # 美团: 支付, 退款, 还款
