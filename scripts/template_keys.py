"""The report template's keys and labels as the sample generator uses them, and a machine
traditional-script conversion (used by scripts/gen_district.py)."""

# --- the template -------------------------------------------------------------------------

COLS = ["natural", "commercial", "research", "social", "legal", "other_org", "total"]
APPLICANTS = COLS[:6]

# (key, label, group heading printed before it or None)
T3_ROWS = [
    ("new_received", "一、本年新收政府信息公开申请数量", None),
    ("carried_over", "二、上年结转政府信息公开申请数量", None),
    ("granted", "（一）予以公开", "三、本年度办理结果"),
    ("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None),
    ("denied_secret", "1.属于国家秘密", "（三）不予公开"),
    ("denied_law", "2.其他法律行政法规禁止公开", None),
    ("denied_safety", "3.危及“三安全一稳定”", None),
    ("denied_third_party", "4.保护第三方合法权益", None),
    ("denied_internal", "5.属于三类内部事务信息", None),
    ("denied_process", "6.属于四类过程性信息", None),
    ("denied_enforcement", "7.属于行政执法案卷", None),
    ("denied_query", "8.属于行政查询事项", None),
    ("unable_no_info", "1.本机关不掌握相关政府信息", "（四）无法提供"),
    ("unable_need_create", "2.没有现成信息需要另行制作", None),
    ("unable_unclear", "3.补正后申请内容仍不明确", None),
    ("refused_petition", "1.信访举报投诉类申请", "（五）不予处理"),
    ("refused_repeat", "2.重复申请", None),
    ("refused_publication", "3.要求提供公开出版物", None),
    ("refused_mass", "4.无正当理由大量反复申请", None),
    ("refused_confirm", "5.要求行政机关确认或重新出具已获取信息", None),
    ("other_no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "（六）其他处理"),
    ("other_no_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", None),
    ("other_other", "3.其他", None),
    ("total_processed", "（七）总计", None),
    ("carried_forward", "四、结转下年度继续办理", None),
]
ALL_T3_KEYS = [
    "new_received", "carried_over", "granted", "partial", "denied_secret", "denied_law",
    "denied_safety", "denied_third_party", "denied_internal", "denied_process",
    "denied_enforcement", "denied_query", "unable_no_info", "unable_need_create",
    "unable_unclear", "refused_petition", "refused_repeat", "refused_publication",
    "refused_mass", "refused_confirm", "other_no_correction", "other_no_fee", "other_other",
    "other_unsplit", "total_processed", "carried_forward",
]
RESULT_ROWS = [k for k in ALL_T3_KEYS if k not in ("new_received", "carried_over", "total_processed", "carried_forward")]
OTHER_ROWS = ["other_no_correction", "other_no_fee", "other_other", "other_unsplit"]
BLOCKS = ["review", "suit_direct", "suit_after_review"]
RESULTS = ["upheld", "corrected", "other", "pending", "total"]
T2_KEYS = [
    "t2.rules.issued", "t2.rules.repealed", "t2.rules.in_force",
    "t2.normative.issued", "t2.normative.repealed", "t2.normative.in_force",
    "t2.licensing", "t2.punishment", "t2.coercion", "t2.fees_10k_yuan",
]
T2_2019_KEYS = [
    "t2_2019.rules.made", "t2_2019.rules.published", "t2_2019.rules.total_public",
    "t2_2019.normative.made", "t2_2019.normative.published", "t2_2019.normative.total_public",
    "t2_2019.licensing.prev_items", "t2_2019.licensing.change", "t2_2019.licensing.decisions",
    "t2_2019.other_services.prev_items", "t2_2019.other_services.change", "t2_2019.other_services.decisions",
    "t2_2019.punishment.prev_items", "t2_2019.punishment.change", "t2_2019.punishment.decisions",
    "t2_2019.coercion.prev_items", "t2_2019.coercion.change", "t2_2019.coercion.decisions",
    "t2_2019.fees.prev_items", "t2_2019.fees.change",
    "t2_2019.procurement.items", "t2_2019.procurement.amount",
]


def all_keys():
    keys = [f"t3.{r}.{c}" for r in ALL_T3_KEYS for c in COLS]
    keys += [f"t4.{b}.{x}" for b in BLOCKS for x in RESULTS]
    return keys + T2_KEYS + T2_2019_KEYS


# --- traditional script (machine conversion leaves 于, 系 and others as they are) ----------

S2T = dict(zip(
    "报告处理开发区县应对时间单位数据总计结转办无务条门关国实现发动书与这为来们会过种对业说务"
    "统项机构组织请该当场专见资产们称证类别护规规划级读选钱经济资须关闭间则设计义现发费费缴纳"
    "维纠审诉讼复议决议资讯权益还确认获取旧传达递录电话网络站点页面标题册员团体险卫动态这样"
    "营运际环质量监测检验监督执法纪检预算财税务农乡镇街道办议办况况况况况为么长际态变动",
    "報告處理開發區縣應對時間單位數據總計結轉辦無務條門關國實現發動書與這為來們會過種對業說務"
    "統項機構組織請該當場專見資產們稱證類別護規規劃級讀選錢經濟資須關閉間則設計義現發費費繳納"
    "維糾審訴訟復議決議資訊權益還確認獲取舊傳達遞錄電話網絡站點頁面標題冊員團體險衛動態這樣"
    "營運際環質量監測檢驗監督執法紀檢預算財稅務農鄉鎮街道辦議辦況況況況況為麼長際態變動",
))
S2T.update({"属": "屬", "公": "公", "险": "險", "规": "規", "范": "范", "稳": "穩", "据": "據",
            "执": "執", "护": "護", "权": "權", "内": "內", "过": "過", "程": "程", "没": "沒",
            "现": "現", "补": "補", "正": "正", "访": "訪", "举": "舉", "复": "復", "出": "出",
            "版": "版", "物": "物", "量": "量", "获": "獲", "缴": "繳", "费": "費", "强": "強",
            "制": "制", "废": "廢", "效": "效", "许": "許", "罚": "罰", "额": "額", "万": "萬",
            "元": "元", "况": "況", "请": "請", "诉": "訴", "讼": "訟", "议": "議", "维": "維",
            "纠": "糾", "结": "結", "审": "審", "尚": "尚", "诉": "訴", "专": "專", "区": "區",
            "认": "認", "发": "發", "确": "確", "类": "類", "计": "計", "总": "總", "处": "處",
            "并": "並", "众": "眾", "报": "報", "关": "關", "体": "體", "态": "態", "论": "論",
            "问": "問", "题": "題", "进": "進", "项": "項", "第": "第", "条": "條", "统": "統",
            "门": "門", "户": "戶", "网": "網", "站": "站", "馆": "館", "厅": "廳", "观": "觀",
            "检": "檢", "测": "測", "监": "監", "卫": "衛", "生": "生", "医": "醫", "疗": "療",
            "障": "障", "环": "環", "境": "境", "设": "設", "建": "建", "筑": "築", "农": "農",
            "业": "業", "水": "水", "利": "利", "务": "務", "经": "經", "济": "濟", "财": "財",
            "政": "政", "劳": "勞", "动": "動", "资": "資", "源": "源", "规": "規", "划": "劃",
            "乡": "鄉", "镇": "鎮", "街": "街", "道": "道", "办": "辦", "县": "縣", "临": "臨",
            "江": "江", "级": "級", "单": "單", "位": "位", "数": "數", "年": "年", "度": "度",
            "机": "機", "构": "構", "组": "組", "织": "織", "会": "會", "社": "社", "益": "益",
            "律": "律", "服": "服", "然": "然", "人": "人", "企": "企", "商": "商", "科": "科",
            "研": "研", "书": "書", "讯": "訊", "处": "處", "张": "張", "这": "這", "个": "個",
            "实": "實", "际": "際", "与": "與", "为": "為", "对": "對", "应": "應", "时": "時",
            "间": "間", "开": "開", "无": "無", "门": "門", "该": "該", "当": "當", "见": "見",
            "产": "產", "证": "證", "别": "別", "读": "讀", "钱": "錢", "须": "須", "则": "則",
            "义": "義", "还": "還", "权": "權", "旧": "舊", "传": "傳", "达": "達", "递": "遞",
            "录": "錄", "电": "電", "话": "話", "络": "絡", "点": "點", "页": "頁", "标": "標",
            "册": "冊", "员": "員", "团": "團", "营": "營", "运": "運", "质": "質", "验": "驗",
            "督": "督", "法": "法", "纪": "紀", "预": "預", "算": "算", "税": "稅", "长": "長",
            "变": "變", "么": "麼", "决": "決", "仍": "仍", "确": "確", "转": "轉", "继": "繼",
            "续": "續", "申": "申", "收": "收", "秘": "秘", "密": "密", "危": "危", "及": "及",
            "三": "三", "安": "安", "全": "全", "一": "一", "部": "部", "分": "分", "区": "區"})


def to_traditional(s):
    return "".join(S2T.get(c, c) for c in s)
