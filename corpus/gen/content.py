"""Indicator rows: what a county's annex tables hold, by campaign kind, with a canonical status each.

A pool entry is (target template, short name, responsible units, kind, range[, measure]):
  kind R: a growth rate ("增长{r}%"), A: an amount, C: a count, S: a level in percent ("达到{r}%"),
  T: a task without a figure. The short name is how a narrative names the row: a part of the
  target, as a reader shortens it. Rows are drawn so that every short name is unique in its table.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field

# ---------------------------------------------------------------------------------------------
# pools

ECON = [
    ("地区生产总值增长{r}%", "地区生产总值", "县发改局、县统计局", "R", (5.5, 8.0)),
    ("固定资产投资增长{r}%", "固定资产投资", "县发改局", "R", (6.0, 12.0)),
    ("规模以上工业增加值增长{r}%", "规模以上工业增加值", "县工信局", "R", (6.0, 9.5)),
    ("社会消费品零售总额增长{r}%", "社会消费品零售总额", "县商务局", "R", (6.0, 9.0)),
    ("一般公共预算收入{q}亿元", "一般公共预算收入", "县财政局、县税务局", "A", (3, 12), "亿元"),
    ("外贸进出口总额{q}亿元", "外贸进出口总额", "县商务局", "A", (1, 6), "亿元"),
    ("实际使用外资{q}万美元", "实际使用外资", "县商务局", "A", (150, 900), "万美元"),
    ("招商引资到位资金{q}亿元", "招商引资到位资金", "县商务局、县招商服务中心", "A", (20, 60), "亿元"),
    ("新增规模以上工业企业{q}家", "新增规模以上工业企业", "县工信局", "C", (4, 12), "家"),
    ("新增限额以上批零住餐企业{q}家", "新增限额以上批零住餐企业", "县商务局", "C", (5, 15), "家"),
    ("城镇居民人均可支配收入增长{r}%", "城镇居民人均可支配收入", "县统计局", "R", (5.0, 7.0)),
    ("农村居民人均可支配收入增长{r}%", "农村居民人均可支配收入", "县农业农村局", "R", (6.0, 9.0)),
    ("金融机构各项贷款余额增长{r}%", "金融机构各项贷款余额", "县金融服务中心、人民银行{place}支行", "R", (8.0, 13.0)),
    ("重点建设项目完成投资{q}亿元", "重点建设项目", "县发改局", "A", (40, 120), "亿元"),
    ("新增市场主体{q}户", "新增市场主体", "县市场监管局", "C", (2000, 6000), "户"),
    ("接待国内外游客{q}万人次", "接待国内外游客", "县文旅广体局", "C", (300, 1500), "万人次"),
    ("实现旅游综合收入{q}亿元", "旅游综合收入", "县文旅广体局", "A", (30, 150), "亿元"),
    ("建筑业总产值增长{r}%", "建筑业总产值", "县住建局", "R", (5.0, 10.0)),
    ("粮食播种面积稳定在{q}万亩以上", "粮食播种面积", "县农业农村局", "A", (30, 60), "万亩"),
    ("生猪出栏{q}万头", "生猪出栏", "县农业农村局", "A", (20, 50), "万头"),
    ("新增“四上”企业{q}家", "新增“四上”企业", "县统计局", "C", (15, 40), "家"),
    ("产业园区技工贸总收入{q}亿元", "产业园区技工贸总收入", "{place}产业园管委会", "A", (30, 120), "亿元"),
    ("网络零售额增长{r}%", "网络零售额", "县商务局", "R", (10.0, 20.0)),
    ("民间投资增长{r}%", "民间投资", "县发改局", "R", (3.0, 8.0)),
    ("新签约亿元以上项目{q}个", "新签约亿元以上项目", "县招商服务中心", "C", (8, 20), "个"),
    ("新开工亿元以上产业项目{q}个", "新开工亿元以上产业项目", "县发改局", "C", (5, 15), "个"),
    ("县域经济综合考评进入全市前三名", "县域经济综合考评", "县发改局", "T", None),
    ("争创省级现代农业产业园1个", "省级现代农业产业园", "县农业农村局", "T", None),
]

TECH = [
    ("净增高新技术企业{q}家", "高新技术企业", "县科工局", "C", (3, 10), "家"),
    ("科技型中小企业评价入库{q}家", "科技型中小企业", "县科工局", "C", (30, 80), "家"),
    ("全社会研发经费投入增长{r}%", "研发经费投入", "县科工局、县统计局", "R", (10.0, 15.0)),
    ("技术合同成交额{q}亿元", "技术合同成交额", "县科工局", "A", (1, 5), "亿元"),
    ("高新技术产业增加值增长{r}%", "高新技术产业增加值", "县科工局", "R", (10.0, 14.0)),
    ("培育省级专精特新中小企业{q}家", "专精特新中小企业", "县工信局", "C", (2, 8), "家"),
    ("新增发明专利授权{q}件", "发明专利授权", "县市场监管局", "C", (20, 60), "件"),
    ("知识产权质押融资登记金额{q}亿元", "知识产权质押融资", "县市场监管局", "A", (1, 3), "亿元"),
    ("新建省级以上创新平台{q}个", "创新平台", "县科工局", "C", (2, 6), "个"),
    ("完成工业技改投资{q}亿元", "工业技改投资", "县工信局", "A", (5, 20), "亿元"),
    ("推动{q}家规模以上工业企业实施数字化改造", "数字化改造", "县工信局", "C", (10, 30), "家"),
    ("新增上云企业{q}家", "上云企业", "县工信局", "C", (50, 150), "家"),
    ("引进高层次急需紧缺人才{q}名", "急需紧缺人才", "县委组织部、县人社局", "C", (20, 60), "名"),
    ("科技特派员服务实现乡镇全覆盖", "科技特派员", "县科工局、县农业农村局", "T", None),
    ("新建5G基站{q}个", "5G基站", "县工信局、县铁塔公司", "C", (80, 300), "个"),
    ("规模以上工业企业研发机构覆盖率达到{r}%", "研发机构覆盖率", "县科工局", "S", (30.0, 50.0)),
    ("建成智能制造示范车间{q}个", "智能制造示范车间", "县工信局", "C", (2, 6), "个"),
    ("创建省级众创空间或科技企业孵化器1家", "众创空间", "县科工局、县人社局", "T", None),
    ("数字经济核心产业增加值增长{r}%", "数字经济核心产业", "县发改局", "R", (12.0, 18.0)),
    ("规模以上工业企业技术改造覆盖率达到{r}%", "技术改造覆盖率", "县工信局", "S", (40.0, 60.0)),
]

BUSINESS = [
    ("政务服务事项“一网通办”率达到{r}%", "“一网通办”", "县行政审批局", "S", (90.0, 98.0)),
    ("企业开办时间压缩至1个工作日以内", "企业开办时间", "县行政审批局、县市场监管局", "T", None),
    ("工程建设项目审批时间压缩至40个工作日以内", "工程建设项目审批", "县住建局、县行政审批局", "T", None),
    ("12345热线工单按时办结率达到{r}%", "12345热线", "县政务服务中心", "S", (95.0, 99.0)),
    ("不动产登记一般业务3个工作日内办结", "不动产登记", "县自然资源局", "T", None),
    ("“高效办成一件事”重点事项落地{q}项", "高效办成一件事", "县行政审批局", "C", (10, 20), "项"),
    ("惠企政策“免申即享”事项达到{q}项", "免申即享", "县发改局", "C", (15, 40), "项"),
    ("开展涉企违规收费问题专项整治", "涉企违规收费", "县市场监管局、县财政局", "T", None),
    ("营商环境投诉件按期办结率100%", "营商环境投诉", "县优化办", "T", None),
    ("政府部门拖欠企业账款动态清零", "拖欠企业账款", "县财政局、县工信局", "T", None),
    ("行政执法案卷评查合格率达到{r}%", "行政执法案卷评查", "县司法局", "S", (90.0, 98.0)),
    ("信用修复申请按时办结率100%", "信用修复", "县发改局", "T", None),
    ("中介服务网上超市入驻中介机构{q}家", "中介服务网上超市", "县行政审批局", "C", (40, 120), "家"),
    ("政务服务“好差评”差评整改率100%", "“好差评”", "县政务服务中心", "T", None),
    ("“证照分离”改革事项实现全覆盖", "“证照分离”", "县市场监管局", "T", None),
    ("为市场主体减税降费{q}亿元", "减税降费", "县税务局", "A", (1, 4), "亿元"),
    ("推行“首违不罚”清单事项{q}项", "首违不罚", "县司法局", "C", (50, 120), "项"),
    ("涉企检查“综合查一次”覆盖率达到{r}%", "综合查一次", "县司法局、县市场监管局", "S", (50.0, 80.0)),
    ("政府采购项目意向公开率100%", "政府采购项目意向公开", "县财政局", "T", None),
    ("园区企业“拿地即开工”项目{q}个", "拿地即开工", "{place}产业园管委会", "C", (3, 10), "个"),
]

RISK = [
    ("完成年度政府隐性债务化解任务{q}亿元", "隐性债务化解", "县财政局", "A", (3, 15), "亿元"),
    ("推动融资平台公司市场化转型", "融资平台公司", "县财政局、县国资服务中心", "T", None),
    ("非法集资存量案件资金清退率达到{r}%", "非法集资存量案件", "县金融服务中心、县公安局", "S", (30.0, 60.0)),
    ("“保交楼”项目按期交付{q}套", "“保交楼”项目", "县住建局", "C", (300, 1500), "套"),
    ("化解历史遗留不动产“办证难”问题{q}户", "“办证难”", "县自然资源局、县住建局", "C", (500, 3000), "户"),
    ("信访积案化解率达到{r}%", "信访积案化解", "县信访局", "S", (85.0, 95.0)),
    ("地方法人金融机构不良贷款率控制在3%以内", "不良贷款率", "县金融服务中心", "T", None),
    ("地质灾害隐患点监测预警实现全覆盖", "地质灾害隐患点", "县自然资源局", "T", None),
    ("完成病险水库除险加固{q}座", "病险水库除险加固", "县水利局", "C", (3, 12), "座"),
    ("森林火灾受害率控制在0.9‰以内", "森林火灾受害率", "县林业局", "T", None),
    ("完成食品安全监督抽检{q}批次", "食品安全监督抽检", "县市场监管局", "C", (800, 2000), "批次"),
    ("开展药品安全专项整治", "药品安全专项整治", "县市场监管局", "T", None),
    ("完成城镇燃气管道老化更新改造{q}公里", "燃气管道老化更新改造", "县住建局", "A", (10, 40), "公里"),
    ("矛盾纠纷排查化解率达到{r}%", "矛盾纠纷排查化解", "县委政法委", "S", (95.0, 99.0)),
    ("“三保”支出足额保障到位", "“三保”支出", "县财政局", "T", None),
    ("县级粮食储备规模落实到位", "粮食储备", "县发改局", "T", None),
    ("网络安全等级保护测评覆盖率100%", "网络安全等级保护", "县委网信办", "T", None),
    ("生态环境信访投诉按期办结率100%", "生态环境信访", "市生态环境局{place}分局", "T", None),
    ("房地产开发企业风险排查全覆盖", "房地产开发企业风险排查", "县住建局", "T", None),
    ("防范电信网络诈骗案件发案数同比下降{r}%", "电信网络诈骗", "县公安局", "S", (10.0, 20.0)),
]

# (name, what is done, units). The target cell reads "name。measures" (a long cell).
SAFETY = [
    ("危险化学品安全专项整治", "全面排查化工企业重大危险源，危险化学品重点企业“三类人员”培训率不低于60%，重大事故隐患动态清零。", "县应急管理局"),
    ("道路交通安全专项整治", "深化“减量控大”行动，重点整治“两客一危一货”、农村面包车和摩托车违法行为，道路交通事故死亡人数同比下降。", "县公安局交警大队、县交通运输局"),
    ("城镇燃气安全专项整治", "全覆盖排查燃气经营企业、餐饮场所和老旧管网，完成燃气报警装置加装，瓶装液化气实现全链条监管。", "县住建局"),
    ("建筑施工安全专项整治", "聚焦深基坑、高支模、起重机械等危大工程，开展“双随机”检查，严厉打击违法分包和挂靠行为。", "县住建局、县交通运输局、县水利局"),
    ("消防安全专项整治", "紧盯高层建筑、大型商业综合体和“三小”场所，开展消防安全“敲门行动”，整改火灾隐患。", "县消防救援大队"),
    ("非煤矿山安全专项整治", "严查非法盗采和越界开采，尾矿库实现在线监测全覆盖，推动小型矿山整合关闭。", "县应急管理局、县自然资源局"),
    ("工贸企业安全专项整治", "对金属冶炼、涉爆粉尘和有限空间作业企业开展重大事故隐患“回头看”，推进标准化达标。", "县应急管理局、县工信局"),
    ("经营性自建房安全专项整治", "完成经营性自建房安全隐患排查，C级、D级危房整治到位，新增违法建设“零增长”。", "县住建局、各乡镇（街道）"),
    ("特种设备安全专项整治", "电梯、锅炉、压力容器定期检验率100%，老旧电梯更新改造有序推进。", "县市场监管局"),
    ("旅游景区安全专项整治", "对A级景区游乐设施、玻璃栈道和漂流项目开展全覆盖检查，节假日实行客流预约限流。", "县文旅广体局"),
    ("校园安全专项整治", "落实校园“护学岗”和封闭化管理，校车、食堂和实验室安全隐患排查全覆盖。", "县教育局"),
    ("水上交通安全专项整治", "开展渡口渡船和自用船舶清理整治，汛期实行“封渡停航”制度，杜绝超载航行。", "县交通运输局、县海事处"),
    ("烟花爆竹安全专项整治", "批发企业“六严禁”落实率100%，严厉打击非法生产、经营、储存和燃放行为。", "县应急管理局、县公安局"),
    ("农村房屋安全隐患排查整治", "完成用作经营的农村自建房安全隐患排查，建立问题清单，分类整治销号。", "县住建局、县农业农村局"),
    ("电动自行车安全隐患全链条整治", "推进电动自行车集中充电设施建设，开展生产、销售、维修和停放充电环节隐患排查。", "县消防救援大队、县市场监管局"),
    ("有限空间作业安全专项整治", "建立有限空间作业台账，督促企业落实作业审批和“先通风、再检测、后作业”要求。", "县应急管理局"),
    ("森林防灭火专项整治", "严格野外火源管控，完成防火隔离带建设，重点时段实行“一把火”责任追究。", "县林业局"),
    ("防汛抗旱安全保障", "落实水库、山洪灾害危险区“三个责任人”，完成汛前检查和物资储备，确保安全度汛。", "县水利局、县应急管理局"),
]
SAFETY_GROUPS = ["一、强化安全监管", "二、深化专项整治", "三、夯实基层基础"]

# (name, content with {q}, total investment range in 万元, units)
PROJECTS = [
    ("{place}经开区标准厂房三期", "新建标准厂房{q}万平方米及配套道路、管网", (12000, 30000), "{place}经开区管委会"),
    ("城区污水处理厂提标改造工程", "处理规模{q}万吨/日，出水由一级B提升至一级A", (8000, 15000), "县住建局"),
    ("城东片区雨污分流改造工程", "改造雨污管网{q}公里", (6000, 12000), "县住建局"),
    ("县人民医院综合楼建设项目", "新建综合楼{q}万平方米，新增床位300张", (20000, 45000), "县卫健局"),
    ("冷链物流园建设项目", "建设冷库{q}万立方米及分拣中心", (10000, 25000), "县商务局"),
    ("职业中专实训楼建设项目", "新建实训楼{q}万平方米", (4000, 9000), "县教育局"),
    ("全民健身中心建设项目", "建设体育馆、游泳馆，总建筑面积{q}万平方米", (9000, 18000), "县文旅广体局"),
    ("{river}防洪治理工程", "新建加固堤防{q}公里", (7000, 16000), "县水利局"),
    ("乡村振兴示范片建设项目", "打造示范村{q}个，完善基础设施和公共服务", (5000, 12000), "县农业农村局"),
    ("农光互补光伏发电项目", "装机容量{q}万千瓦", (30000, 60000), "县发改局"),
    ("县城老旧管网更新改造项目", "更新供水、燃气管网{q}公里", (5000, 10000), "县住建局"),
    ("高标准农田建设项目", "建设高标准农田{q}万亩", (6000, 14000), "县农业农村局"),
    ("城北农贸市场改造项目", "改造市场{q}万平方米，新增摊位400个", (2000, 5000), "县商务局、县市场监管局"),
    ("S{road}线县城至{town}段改建工程", "改建二级公路{q}公里", (25000, 60000), "县交通运输局"),
    ("智慧城市一期项目", "建设城市运行管理平台及感知设备{q}套", (4000, 9000), "县数据局"),
    ("保障性租赁住房项目", "新建保障性租赁住房{q}套", (8000, 16000), "县住建局"),
    ("中医医院门诊综合楼项目", "新建门诊综合楼{q}万平方米", (9000, 16000), "县卫健局"),
    ("农产品加工产业园项目", "建设标准化加工车间{q}万平方米", (10000, 22000), "县农业农村局"),
    ("城乡供水一体化工程", "新建水厂1座，铺设管网{q}公里", (15000, 30000), "县水利局"),
    ("文化旅游综合体项目", "建设游客中心、文化街区{q}万平方米", (20000, 50000), "县文旅广体局"),
]

# 民生: (project, [(sub-indicator template, short name, measure, range)], units)
MINSHENG = [
    ("新建改扩建公办幼儿园", [("新建改扩建公办幼儿园{q}所", "公办幼儿园", "所", (2, 6))], "县教育局"),
    ("义务教育薄弱环节改善", [("改造义务教育学校{q}所", "义务教育学校", "所", (3, 10)),
                              ("新增义务教育学位{q}个", "义务教育学位", "个", (600, 2000))], "县教育局"),
    ("妇女“两癌”免费检查", [("完成农村适龄妇女“两癌”免费检查{q}人", "“两癌”免费检查", "人", (3000, 9000))], "县卫健局、县妇联"),
    ("促进高质量充分就业", [("城镇新增就业{q}人", "城镇新增就业", "人", (1500, 4000)),
                            ("开展补贴性职业技能培训{q}人次", "补贴性职业技能培训", "人次", (1500, 3000))], "县人社局"),
    ("提升养老服务能力", [("完成困难老年人居家适老化改造{q}户", "居家适老化改造", "户", (100, 400)),
                          ("建成社区嵌入式养老服务中心{q}个", "嵌入式养老服务中心", "个", (2, 6))], "县民政局"),
    ("农村公路建设", [("完成农村公路提质改造{q}公里", "农村公路提质改造", "公里", (20, 80)),
                      ("完成农村公路安防设施建设{q}公里", "农村公路安防设施", "公里", (30, 120))], "县交通运输局"),
    ("农村供水保障", [("新建改造农村供水管网{q}公里", "农村供水管网", "公里", (40, 150))], "县水利局"),
    ("公共充电设施建设", [("建成公共充电桩{q}个", "公共充电桩", "个", (60, 200))], "县发改局"),
    ("城区停车设施建设", [("新增城区公共停车泊位{q}个", "公共停车泊位", "个", (300, 1200))], "县住建局、县城管局"),
    ("残疾人关爱服务", [("实施残疾儿童康复救助{q}人", "残疾儿童康复救助", "人", (60, 200)),
                        ("完成困难重度残疾人家庭无障碍改造{q}户", "无障碍改造", "户", (50, 150))], "县残联"),
    ("城乡公厕建设", [("新建改造城乡公厕{q}座", "城乡公厕", "座", (10, 40))], "县城管局、县农业农村局"),
    ("农村低收入群体住房保障", [("完成农村低收入群体危房改造{q}户", "危房改造", "户", (60, 200))], "县住建局"),
    ("基层医疗能力提升", [("完成乡镇卫生院标准化建设{q}个", "乡镇卫生院标准化建设", "个", (2, 8))], "县卫健局"),
    ("全民健身设施建设", [("新建全民健身场地设施{q}个", "全民健身场地", "个", (10, 30))], "县文旅广体局"),
    ("城镇住宅小区“一户一表”改造", [("完成城镇住宅小区“一户一表”改造{q}户", "“一户一表”改造", "户", (1000, 4000))], "国网{place}供电公司"),
    ("便民农贸市场建设", [("新建改造便民菜市场{q}个", "便民菜市场", "个", (2, 6))], "县商务局"),
    ("新生儿疾病筛查", [("新生儿疾病筛查{q}人", "新生儿疾病筛查", "人", (1500, 4000))], "县卫健局"),
    ("城镇老旧小区改造", [("开工改造城镇老旧小区{q}个", "城镇老旧小区", "个", (8, 40))], "县住建局"),
    ("学生饮用水改善", [("完成农村中小学饮水设施改造{q}所", "中小学饮水设施", "所", (10, 40))], "县教育局"),
    ("食品安全快检进市场", [("建设农贸市场食品安全快检室{q}个", "食品安全快检室", "个", (4, 12))], "县市场监管局"),
]
# items that are typically not yet assigned by the level above (a 未下指标 row)
MINSHENG_UNASSIGNED = [
    ("县域普通高中建设", "启动建设县域普通高中{q}所", "县域普通高中", "所", "县教育局"),
    ("城市更新行动", "实施城市更新片区改造{q}个", "城市更新片区", "个", "县住建局"),
    ("普惠托育服务", "新增普惠托位{q}个", "普惠托位", "个", "县卫健局"),
]

RIVERS = ["清水河", "白沙河", "桐溪", "双江"]
TOWNS = ["龙泉镇", "石桥镇", "新田镇", "清平乡"]

# sentences that lengthen a progress cell (long cells make tables run over pages)
DETAILS = [
    "成立工作专班，实行“周调度、月通报、季讲评”工作机制，逐项研究解决推进中的困难和问题。",
    "建立重点企业、重点项目“一对一”联系帮扶机制，安排专人上门服务，协调解决用工、用地、融资等问题。",
    "积极对接省、市对口部门，争取政策、资金和项目支持。",
    "已将任务分解到各乡镇（街道）和责任股室，明确时间节点和责任人。",
    "加强与统计部门沟通对接，做到应统尽统、应报尽报。",
    "组织召开专题推进会{a}次，协调解决问题{b}个。",
    "对照年度目标倒排工期、挂图作战，每月开展一次现场督导。",
    "下一步将加大调度频次，确保完成年度目标任务。",
    "已纳入县政府重点工作月考核，实行清单化管理、项目化推进。",
    "开展“走企业、解难题”专项行动，走访企业{a}家，收集问题{b}个，已办结{c}个。",
]

TASK_PROGRESS = {
    "completed": ["已全面完成年度任务，并通过上级验收。", "年度目标任务已提前完成。", "已完成，相关资料已报送上级主管部门备案。"],
    "on_track": ["正按计划有序推进，各项工作符合序时要求。", "已制定实施方案，正在按月推进。", "已完成阶段性任务，正在持续推进。"],
    "behind": ["受资金、要素等因素制约，推进较慢，与序时进度存在差距。", "进度慢于序时，已督促责任单位加快推进。"],
    "preparing": ["正在开展前期工作，已完成选址和方案编制。", "正在办理立项手续，尚未开工建设。"],
    "unassigned": ["上级尚未下达具体任务。"],
}


@dataclass
class Row:
    status: str               # canonical status
    target: str               # the target cell's text
    short: str                # how the narrative names the row
    units: str                # responsible units
    progress: str
    completion: str           # "38.59%" or "/"
    measure: str = ""         # 计量单位 (%, 亿元, 个)
    goal: str = ""            # 工作目标 as a planned quantity ("94")
    done: str = ""            # 已完成数
    group: str = ""           # 类别 / 工作任务 / 项目名称 shared by several rows
    name: str = ""            # 指标名称 (the bare indicator name) / 项目名称
    content: str = ""         # 建设内容 (projects)
    invest: tuple[str, str, str] = ("", "", "")   # 总投资, 年度计划投资, 累计完成投资 (万元)
    parent: bool = False      # a 民生 project row above its sub-indicators: no status of its own
    extra: dict = field(default_factory=dict)


@dataclass
class Ctx:
    place: str                # 桐川
    month: int                # the last month reported (1-4月 -> 4)
    rng: random.Random

    @property
    def period(self) -> str:
        return "一季度" if self.month == 3 else f"1-{self.month}月"

    @property
    def elapsed(self) -> float:
        return self.month / 12


def _fmt(x: float, decimals: int) -> str:
    return f"{x:.{decimals}f}" if decimals else str(round(x))


def _details(ctx: Ctx, k: int) -> str:
    out = []
    for s in ctx.rng.sample(DETAILS, k):
        out.append(s.format(a=ctx.rng.randint(2, 6), b=ctx.rng.randint(5, 20), c=ctx.rng.randint(3, 5)))
    return "".join(out)


def _fraction(status: str, ctx: Ctx) -> float:
    """The share of the yearly goal done, as the status says."""
    rng = ctx.rng
    if status == "completed":
        return rng.uniform(1.0, 1.18)
    if status == "on_track":
        return min(0.98, ctx.elapsed * rng.uniform(0.98, 1.45))
    if status == "behind":
        return ctx.elapsed * rng.uniform(0.2, 0.7)
    return 0.0


def indicator_row(entry, status: str, ctx: Ctx, long: bool) -> Row:
    """One row of an indicator table (经济/科技/营商/风险) from a pool entry and a status."""
    rng = ctx.rng
    template, short, units, kind, rng_range = entry[:5]
    measure = entry[5] if len(entry) > 5 else ""
    units = units.format(place=ctx.place)
    details = _details(ctx, rng.randint(1, 3) if long else rng.randint(0, 1))
    if kind == "R":
        r = round(rng.uniform(*rng_range) * 2) / 2          # 7 / 7.5: as targets are set
        rs = _fmt(r, 0 if r == int(r) else 1)
        if status == "behind":
            g = r - rng.uniform(1.2, 4.0)
            tail = f"，低于年度目标{r - g:.1f}个百分点"
        else:
            g = r + rng.uniform(-0.3, 1.6)
            tail = "，高于全市平均水平" if g >= r else "，基本符合序时要求"
        progress = f"{ctx.period}，全县{short}同比增长{g:.1f}%{tail}。" + details
        return Row(status, template.format(r=rs), short, units, progress, "/", "%", rs, f"{g:.1f}",
                   name=short + "增速")
    if kind in ("A", "C"):
        lo, hi = rng_range
        q = rng.randint(lo, hi) if kind == "C" or hi > 20 else round(rng.uniform(lo, hi), 1)
        qs = _fmt(q, 0 if q == int(q) else 1)
        frac = _fraction(status, ctx)
        done = q * frac
        ds = _fmt(done, 0 if kind == "C" else 2)
        pct = f"{frac * 100:.2f}%"
        progress = f"{ctx.period}，累计完成{ds}{measure}，完成年度目标的{pct}。" + details
        return Row(status, template.format(q=qs), short, units, progress, pct, measure, qs, ds, name=short)
    if kind == "S":
        r = round(rng.uniform(*rng_range))
        now = r + rng.uniform(0.2, 2.0) if status == "completed" else (
            r - rng.uniform(0.3, 3.0) if status == "on_track" else r - rng.uniform(8.0, 20.0))
        progress = f"截至{ctx.month}月底，{short}为{now:.1f}%。" + details
        return Row(status, template.format(r=r), short, units, progress, "/", "%", str(r), f"{now:.1f}",
                   name=short)
    progress = rng.choice(TASK_PROGRESS[status]) + details
    return Row(status, template, short, units, progress, "100%" if status == "completed" else "/",
               "/", "/", "/", name=short)


def _fits(kind: str, status: str) -> bool:
    if status in ("preparing", "unassigned"):
        return kind == "T"
    return not (kind == "R" and status == "completed")


def indicator_rows(pool: list, statuses: list[str], ctx: Ctx, long: bool = True) -> list[Row]:
    """Rows for the given statuses, each from a pool entry that can have that status."""
    entries = list(pool)
    ctx.rng.shuffle(entries)
    rows: list[Row] = []
    for status in statuses:
        for i, e in enumerate(entries):
            if _fits(e[3], status):
                rows.append(indicator_row(entries.pop(i), status, ctx, long))
                break
        else:
            raise ValueError(f"pool exhausted for status {status}")
    return rows


def safety_rows(statuses: list[str], ctx: Ctx) -> list[Row]:
    entries = ctx.rng.sample(SAFETY, len(statuses))
    rows = []
    per_group = -(-len(statuses) // len(SAFETY_GROUPS))
    for i, (status, (name, measure, units)) in enumerate(zip(statuses, entries)):
        marker = f"（{_CN_SEQ[i]}）"
        progress = ctx.rng.choice(TASK_PROGRESS[status]) + _details(ctx, ctx.rng.randint(1, 2))
        rows.append(Row(status, f"{marker}{name}。{measure}", name, units, progress, "/",
                        group=SAFETY_GROUPS[min(i // per_group, len(SAFETY_GROUPS) - 1)], name=name))
    return rows


_CN_SEQ = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四",
           "十五", "十六", "十七", "十八", "十九", "二十"]


def project_rows(statuses: list[str], ctx: Ctx) -> list[Row]:
    rng = ctx.rng
    rows = []
    for status, (name, content, (lo, hi), units) in zip(statuses, rng.sample(PROJECTS, len(statuses))):
        name = name.format(place=ctx.place, river=rng.choice(RIVERS), road=rng.randint(201, 339),
                           town=rng.choice(TOWNS))
        content = content.format(q=rng.randint(2, 30))
        total = rng.randint(lo // 100, hi // 100) * 100
        plan = int(total * rng.uniform(0.3, 0.6) // 10 * 10)
        frac = _fraction(status, ctx)
        done = int(plan * frac)
        pct = f"{frac * 100:.2f}%"
        if status == "preparing":
            progress = rng.choice(TASK_PROGRESS["preparing"]) + _details(ctx, 1)
        else:
            progress = (f"{ctx.period}，累计完成投资{done}万元，占年度计划的{pct}。"
                        + rng.choice(TASK_PROGRESS[status]) + _details(ctx, rng.randint(0, 2)))
        rows.append(Row(status, name, name, units.format(place=ctx.place), progress, pct,
                        name=name, content=content, invest=(str(total), str(plan), str(done))))
    return rows


def minsheng_pools(ctx: Ctx) -> tuple[list, list]:
    """Shuffled 民生 projects and 未下指标 items, shared by an annex's sub-tables (a project is in
    one sub-table only, so a name never points at two rows)."""
    projects, unassigned = list(MINSHENG), list(MINSHENG_UNASSIGNED)
    ctx.rng.shuffle(projects)
    ctx.rng.shuffle(unassigned)
    return projects, unassigned


def minsheng_rows(statuses: list[str], ctx: Ctx, pools: tuple[list, list], parents: bool = False) -> list[Row]:
    """Rows of one 民生 sub-table: projects with one or two sub-indicators each. `statuses` gives
    one status per sub-indicator row (an "unassigned" one becomes a 未下指标 project). With
    `parents`, a project with two sub-indicators gets a row of its own above them, without a
    status (as the reference's 推进“湘易办”超级版建设)."""
    rng = ctx.rng
    todo = list(statuses)
    rows: list[Row] = []
    projects, unassigned = pools
    while todo:
        status = todo.pop(0)
        if status == "unassigned":
            project, template, short, measure, units = unassigned.pop()
            q = rng.randint(1, 3)
            rows.append(Row(status, template.format(q=q), short, units, "", "", measure, str(q), "",
                            group=project, name=project))
            continue
        project, subs, units = projects.pop()
        units = units.format(place=ctx.place)
        take = subs[:2] if len(subs) > 1 and todo and todo[0] != "unassigned" else subs[:1]
        group_statuses = [status] + [todo.pop(0) for _ in take[1:]]
        if parents and len(take) > 1:
            rows.append(Row("unknown", project, project, units, "", "", "", "", "", group=project,
                            name=project, parent=True))
        for (template, short, measure, (lo, hi)), st in zip(take, group_statuses):
            q = rng.randint(lo, hi)
            frac = _fraction(st, ctx)
            done = int(q * frac)
            if st == "preparing":
                progress = rng.choice(["已完成选址，正在开展前期设计。", "正在开展前期准备工作。",
                                       "已完成方案编制，正在走立项程序。"])
                pct = "" if rng.random() < 0.5 else f"{rng.randint(1, 5)}.00%"
                ds = progress
            else:
                pct = f"{frac * 100:.2f}%"
                ds = str(done)
                progress = f"已完成{done}{measure}。"
            rows.append(Row(st, template.format(q=q), short, units, progress, pct, measure, str(q), ds,
                            group=project, name=project))
    return rows
