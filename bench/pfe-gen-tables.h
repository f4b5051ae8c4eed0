/*
 * Reference tables of pfe-gen: districts, industries, size tiers,
 * certifications, banks and names. Weights are fixed shares, chosen once
 * from the shape of Chengdu's enterprise population, not tuned to results.
 * The population is that of a policy platform, so manufacturing and
 * technology enterprises, and their recognitions, are far more common
 * than among all registered businesses. Only pfe-gen.c includes this
 * file, so the tables can stay static.
 */
#ifndef PFE_GEN_TABLES_H
#define PFE_GEN_TABLES_H

#include <stdbool.h>
#include <stddef.h>

struct district {
	const char *code;	/* GB/T 2260 */
	const char *short_name;	/* as in branch names */
	int weight;
	/* per-mille shares of the functional zones inside the district */
	int hitech, tianfu, eastern;
};

static const struct district districts[] = {
	{ "510104", "锦江", 70, 0, 0, 0 },
	{ "510105", "青羊", 70, 0, 0, 0 },
	{ "510106", "金牛", 70, 0, 0, 0 },
	{ "510107", "武侯", 120, 350, 0, 0 },
	{ "510108", "成华", 65, 0, 0, 0 },
	{ "510112", "龙泉驿", 60, 0, 80, 0 },
	{ "510113", "青白江", 25, 0, 0, 0 },
	{ "510114", "新都", 55, 0, 0, 0 },
	{ "510115", "温江", 35, 0, 0, 0 },
	{ "510116", "双流", 110, 250, 450, 0 },
	{ "510117", "郫都", 55, 350, 0, 0 },
	{ "510118", "新津", 25, 0, 150, 0 },
	{ "510121", "金堂", 20, 0, 0, 120 },
	{ "510129", "大邑", 15, 0, 0, 0 },
	{ "510131", "蒲江", 12, 0, 0, 0 },
	{ "510181", "都江堰", 20, 0, 0, 0 },
	{ "510182", "彭州", 20, 0, 0, 0 },
	{ "510183", "邛崃", 15, 0, 0, 0 },
	{ "510184", "崇州", 18, 0, 0, 0 },
	{ "510185", "简阳", 40, 0, 0, 500 },
};
#define DISTRICT_COUNT (sizeof(districts) / sizeof(districts[0]))

/* Size rules differ by kind of industry (2011 SME classification). */
enum sector {
	SECTOR_INDUSTRY,	/* sections B, C, D */
	SECTOR_SOFTWARE,	/* I */
	SECTOR_WHOLESALE,	/* F */
	SECTOR_CONSTRUCTION,	/* E */
	SECTOR_OTHER
};

struct industry_profile {
	const char *code;	/* GB/T 4754-2017 class, section letter first */
	const char *word;	/* industry word in enterprise names */
	int weight;
	int hightech;		/* per-mille chance of high-tech recognition */
	bool equipment;		/* maker of equipment (first-set candidates) */
};

/* tests/pfe-gen.bats checks every class below against GB/T 4754-2017. */
static const struct industry_profile industries[] = {
	{ "C3973", "集成电路", 14, 450, false },
	{ "C3972", "半导体", 10, 400, false },
	{ "C3974", "光电显示", 8, 350, false },
	{ "C3976", "光电子", 8, 350, false },
	{ "C3982", "电子电路", 12, 250, false },
	{ "C3911", "计算机", 6, 300, true },
	{ "C3921", "通信设备", 10, 350, true },
	{ "C3940", "雷达技术", 4, 450, true },
	{ "C3963", "无人机", 6, 400, true },
	{ "C3990", "电子科技", 14, 250, false },
	{ "C3841", "新能源电池", 8, 300, false },
	{ "C3831", "电线电缆", 8, 100, false },
	{ "C3670", "汽车零部件", 18, 150, false },
	{ "C3612", "新能源汽车", 3, 300, true },
	{ "C3741", "航空科技", 6, 450, true },
	{ "C3743", "航天科技", 4, 450, true },
	{ "C3491", "机器人", 6, 400, true },
	{ "C3484", "机械", 20, 100, true },
	{ "C3599", "装备制造", 14, 200, true },
	{ "C3581", "医疗器械", 8, 350, true },
	{ "C4011", "自动化", 8, 300, true },
	{ "C4014", "仪器", 6, 300, true },
	{ "C2720", "药业", 10, 300, false },
	{ "C2761", "生物制药", 8, 450, false },
	{ "C2740", "中药", 8, 150, false },
	{ "C1512", "酒业", 10, 20, false },
	{ "C1469", "食品", 16, 30, false },
	{ "C1411", "食品", 8, 10, false },
	{ "C2929", "塑料制品", 12, 60, false },
	{ "C2641", "涂料", 6, 80, false },
	{ "C3130", "钢材", 5, 30, false },
	{ "C3311", "钢结构", 10, 40, false },
	{ "C3021", "建材", 8, 20, false },
	{ "C2231", "包装", 8, 30, false },
	{ "I6513", "软件", 40, 300, false },
	{ "I6511", "信息技术", 6, 450, false },
	{ "I6520", "微电子", 8, 550, false },
	{ "I6531", "信息系统", 22, 250, false },
	{ "I6550", "数据科技", 10, 200, false },
	{ "I6560", "信息咨询", 12, 60, false },
	{ "I6422", "网络科技", 8, 150, false },
	{ "I6440", "网络安全", 6, 450, false },
	{ "I6450", "大数据", 8, 250, false },
	{ "M7320", "科技", 20, 400, false },
	{ "M7340", "医药科技", 8, 400, false },
	{ "M7452", "检测技术", 10, 250, false },
	{ "M7491", "工业设计", 5, 150, false },
	{ "M7519", "技术服务", 12, 120, false },
	{ "F5176", "电脑科技", 14, 20, false },
	{ "F5172", "汽车贸易", 10, 0, false },
	{ "F5165", "建材贸易", 16, 0, false },
	{ "F5179", "机电设备", 16, 10, false },
	{ "F5181", "贸易", 24, 0, false },
	{ "F5292", "电子商务", 14, 20, false },
	{ "F5162", "石化贸易", 6, 0, false },
	{ "E4790", "建设工程", 16, 20, false },
	{ "E4813", "市政工程", 10, 20, false },
	{ "E4910", "电力工程", 10, 40, false },
	{ "E5011", "装饰工程", 12, 10, false },
	{ "G5434", "物流", 12, 0, false },
	{ "G5821", "供应链管理", 10, 0, false },
	{ "L7212", "投资管理", 10, 0, false },
	{ "L7221", "产业园管理", 6, 0, false },
	{ "L7251", "广告传媒", 10, 20, false },
	{ "H6210", "餐饮管理", 10, 0, false },
	{ "K7010", "房地产开发", 8, 0, false },
	{ "K7020", "物业管理", 10, 0, false },
	{ "A0511", "种业", 4, 150, false },
	{ "A0143", "花卉园艺", 4, 20, false },
};
#define INDUSTRY_COUNT (sizeof(industries) / sizeof(industries[0]))

enum tier {
	TIER_MICRO,
	TIER_SMALL,
	TIER_MEDIUM,
	TIER_LARGE,
	TIER_COUNT
};

struct tier_profile {
	int weight;		/* per-mille share of the sector */
	int revenue_median;	/* hundredths of a decade of yuan */
	int revenue_sigma;	/* hundredths of a decade */
	int employees_low, employees_high;
};

/* Revenue and head count per sector and tier, placed inside the bounds
   of the 2011 SME classification for that sector. */
static const struct tier_profile tier_profiles[][TIER_COUNT] = {
	[SECTOR_INDUSTRY] = {
		{ 330, 620, 35, 3, 19 },
		{ 430, 715, 35, 20, 299 },
		{ 190, 790, 30, 300, 999 },
		{ 50, 890, 40, 1000, 8000 } },
	[SECTOR_SOFTWARE] = {
		{ 480, 570, 40, 2, 9 },
		{ 360, 665, 35, 10, 99 },
		{ 130, 760, 30, 100, 299 },
		{ 30, 860, 40, 300, 3000 } },
	[SECTOR_WHOLESALE] = {
		{ 500, 660, 35, 1, 4 },
		{ 340, 740, 30, 5, 19 },
		{ 140, 820, 30, 20, 199 },
		{ 20, 900, 40, 200, 1500 } },
	[SECTOR_CONSTRUCTION] = {
		{ 420, 630, 35, 5, 30 },
		{ 380, 720, 35, 30, 200 },
		{ 170, 820, 30, 200, 800 },
		{ 30, 920, 40, 800, 5000 } },
	[SECTOR_OTHER] = {
		{ 560, 580, 40, 1, 9 },
		{ 320, 670, 35, 10, 99 },
		{ 100, 750, 30, 100, 299 },
		{ 20, 840, 40, 300, 2000 } },
};

enum status {
	STATUS_EXISTING,	/* 存续 */
	STATUS_OPERATING,	/* 在业 */
	STATUS_CANCELLED,	/* 注销 */
	STATUS_REVOKED		/* 吊销 */
};

static const char *const status_names[] = { "存续", "在业", "注销", "吊销" };
static const int status_weights[] = { 640, 300, 40, 20 };

enum cert_kind {
	CERT_HIGHTECH,
	CERT_ZJTX_CITY,
	CERT_ZJTX_PROVINCE,
	CERT_ZJTX_NATIONAL,
	CERT_FIRST_SET,
	CERT_NEEQ,
	CERT_BSE
};

struct cert_type {
	const char *name;	/* 认定类型 as the departments write it */
	const char *authority;	/* 认定部门 */
};

static const struct cert_type cert_types[] = {
	[CERT_HIGHTECH] = { "高新技术企业", "四川省科学技术厅" },
	[CERT_ZJTX_CITY] = { "成都市专精特新中小企业", "成都市经济和信息化局" },
	[CERT_ZJTX_PROVINCE] = { "四川省专精特新中小企业",
	    "四川省经济和信息化厅" },
	[CERT_ZJTX_NATIONAL] = { "国家级专精特新“小巨人”企业",
	    "工业和信息化部" },
	[CERT_FIRST_SET] = { "首台（套）重大技术装备", "四川省经济和信息化厅" },
	[CERT_NEEQ] = { "新三板挂牌", "全国中小企业股份转让系统" },
	[CERT_BSE] = { "北京证券交易所上市", "北京证券交易所" },
};

struct dishonesty_reason {
	const char *department;
	const char *reason;
};

static const struct dishonesty_reason dishonesty_reasons[] = {
	{ "国家税务总局成都市税务局", "重大税收违法失信案件当事人" },
	{ "成都市市场监督管理局", "提交虚假材料取得公司登记，列入严重违法失信名单" },
	{ "成都市人力资源和社会保障局", "拖欠农民工工资，列入失信联合惩戒对象名单" },
	{ "成都市应急管理局", "发生较大生产安全责任事故，列入严重失信主体名单" },
	{ "成都市生态环境局", "环境违法情节严重，列入严重失信主体名单" },
};
#define DISHONESTY_REASON_COUNT \
	(sizeof(dishonesty_reasons) / sizeof(dishonesty_reasons[0]))

struct bank {
	const char *code;	/* CNAPS bank code, first 3 digits */
	const char *name;	/* head office name before the branch */
	const char *account_prefix;
	int account_length;
	int weight;
};

static const struct bank banks[] = {
	{ "102", "中国工商银行股份有限公司成都", "4402", 19, 200 },
	{ "103", "中国农业银行股份有限公司成都", "2281", 19, 120 },
	{ "104", "中国银行股份有限公司成都", "1201", 12, 100 },
	{ "105", "中国建设银行股份有限公司成都", "5105", 20, 150 },
	{ "301", "交通银行股份有限公司成都", "5116", 21, 60 },
	{ "308", "招商银行股份有限公司成都", "1289", 15, 80 },
	{ "309", "兴业银行股份有限公司成都", "4310", 18, 40 },
	{ "302", "中信银行股份有限公司成都", "8111", 19, 40 },
	{ "313", "成都银行股份有限公司", "1001", 16, 120 },
	{ "314", "成都农村商业银行股份有限公司", "3210", 20, 90 },
};
#define BANK_COUNT (sizeof(banks) / sizeof(banks[0]))

struct hanzi {
	const char *text;
	const char *pinyin;
};

/* Brand characters: brands are ordered pairs of distinct characters. */
static const struct hanzi brand_chars[] = {
	{ "蜀", "shu" }, { "天", "tian" }, { "锦", "jin" }, { "芯", "xin" },
	{ "创", "chuang" }, { "华", "hua" }, { "瑞", "rui" }, { "博", "bo" },
	{ "宏", "hong" }, { "鑫", "xin" }, { "泰", "tai" }, { "达", "da" },
	{ "科", "ke" }, { "源", "yuan" }, { "恒", "heng" }, { "通", "tong" },
	{ "德", "de" }, { "盛", "sheng" }, { "新", "xin" }, { "航", "hang" },
	{ "智", "zhi" }, { "云", "yun" }, { "川", "chuan" }, { "峰", "feng" },
	{ "益", "yi" }, { "联", "lian" }, { "兴", "xing" }, { "光", "guang" },
	{ "润", "run" }, { "安", "an" }, { "力", "li" }, { "信", "xin" },
	{ "正", "zheng" }, { "和", "he" }, { "嘉", "jia" }, { "隆", "long" },
	{ "鼎", "ding" }, { "凯", "kai" }, { "汇", "hui" }, { "迪", "di" },
	{ "微", "wei" }, { "睿", "rui" }, { "乐", "le" }, { "卓", "zhuo" },
	{ "森", "sen" }, { "晨", "chen" }, { "宇", "yu" }, { "奥", "ao" },
	{ "迈", "mai" }, { "捷", "jie" }, { "精", "jing" }, { "维", "wei" },
	{ "腾", "teng" }, { "翔", "xiang" }, { "蓉", "rong" }, { "青", "qing" },
	{ "美", "mei" }, { "辰", "chen" }, { "驰", "chi" }, { "骏", "jun" },
	{ "立", "li" }, { "永", "yong" }, { "金", "jin" }, { "明", "ming" },
};
#define BRAND_CHAR_COUNT (sizeof(brand_chars) / sizeof(brand_chars[0]))
#define BRAND_COUNT (BRAND_CHAR_COUNT * (BRAND_CHAR_COUNT - 1))

struct surname {
	const char *text;
	const char *pinyin;
	int weight;
};

static const struct surname surnames[] = {
	{ "王", "wang", 72 }, { "李", "li", 70 }, { "张", "zhang", 66 },
	{ "刘", "liu", 53 }, { "陈", "chen", 45 }, { "杨", "yang", 32 },
	{ "黄", "huang", 25 }, { "赵", "zhao", 20 }, { "吴", "wu", 20 },
	{ "周", "zhou", 19 }, { "徐", "xu", 14 }, { "孙", "sun", 14 },
	{ "马", "ma", 12 }, { "朱", "zhu", 12 }, { "胡", "hu", 11 },
	{ "郭", "guo", 11 }, { "何", "he", 10 }, { "林", "lin", 10 },
	{ "罗", "luo", 12 }, { "高", "gao", 10 }, { "郑", "zheng", 9 },
	{ "梁", "liang", 8 }, { "谢", "xie", 8 }, { "唐", "tang", 9 },
	{ "宋", "song", 7 }, { "许", "xu", 7 }, { "邓", "deng", 8 },
	{ "冯", "feng", 7 }, { "韩", "han", 7 }, { "曹", "cao", 6 },
	{ "曾", "zeng", 7 }, { "彭", "peng", 7 }, { "蔡", "cai", 5 },
	{ "潘", "pan", 5 }, { "田", "tian", 5 }, { "董", "dong", 5 },
	{ "袁", "yuan", 5 }, { "余", "yu", 5 }, { "叶", "ye", 5 },
	{ "蒋", "jiang", 5 }, { "杜", "du", 5 }, { "苏", "su", 4 },
	{ "魏", "wei", 4 }, { "程", "cheng", 4 }, { "吕", "lv", 4 },
	{ "丁", "ding", 4 }, { "沈", "shen", 4 }, { "任", "ren", 4 },
	{ "姚", "yao", 4 }, { "卢", "lu", 4 }, { "钟", "zhong", 4 },
	{ "姜", "jiang", 4 }, { "崔", "cui", 3 }, { "谭", "tan", 3 },
	{ "廖", "liao", 4 }, { "范", "fan", 3 }, { "汪", "wang", 3 },
	{ "陆", "lu", 3 }, { "金", "jin", 3 }, { "石", "shi", 3 },
	{ "贾", "jia", 3 }, { "夏", "xia", 3 }, { "邱", "qiu", 3 },
	{ "方", "fang", 3 }, { "侯", "hou", 3 }, { "邹", "zou", 3 },
	{ "熊", "xiong", 3 }, { "秦", "qin", 3 }, { "白", "bai", 3 },
	{ "江", "jiang", 3 }, { "薛", "xue", 2 }, { "尹", "yin", 2 },
	{ "段", "duan", 2 }, { "雷", "lei", 2 }, { "黎", "li", 2 },
	{ "龙", "long", 2 }, { "陶", "tao", 2 }, { "贺", "he", 2 },
	{ "毛", "mao", 2 }, { "龚", "gong", 2 }, { "向", "xiang", 2 },
};
#define SURNAME_COUNT (sizeof(surnames) / sizeof(surnames[0]))

static const struct hanzi given_chars[] = {
	{ "伟", "wei" }, { "芳", "fang" }, { "娜", "na" }, { "敏", "min" },
	{ "静", "jing" }, { "丽", "li" }, { "强", "qiang" }, { "磊", "lei" },
	{ "军", "jun" }, { "洋", "yang" }, { "勇", "yong" }, { "艳", "yan" },
	{ "杰", "jie" }, { "涛", "tao" }, { "明", "ming" }, { "超", "chao" },
	{ "秀", "xiu" }, { "霞", "xia" }, { "平", "ping" }, { "刚", "gang" },
	{ "英", "ying" }, { "华", "hua" }, { "玉", "yu" }, { "兰", "lan" },
	{ "建", "jian" }, { "国", "guo" }, { "文", "wen" }, { "辉", "hui" },
	{ "鹏", "peng" }, { "波", "bo" }, { "宇", "yu" }, { "浩", "hao" },
	{ "婷", "ting" }, { "雪", "xue" }, { "琳", "lin" }, { "欣", "xin" },
	{ "佳", "jia" }, { "俊", "jun" }, { "晨", "chen" }, { "思", "si" },
	{ "子", "zi" }, { "梓", "zi" }, { "涵", "han" }, { "博", "bo" },
	{ "雨", "yu" }, { "轩", "xuan" }, { "睿", "rui" }, { "志", "zhi" },
	{ "红", "hong" }, { "春", "chun" }, { "丹", "dan" }, { "凤", "feng" },
	{ "晓", "xiao" }, { "燕", "yan" }, { "峰", "feng" }, { "斌", "bin" },
	{ "宁", "ning" }, { "海", "hai" }, { "蓉", "rong" }, { "川", "chuan" },
};
#define GIVEN_CHAR_COUNT (sizeof(given_chars) / sizeof(given_chars[0]))

/* Items of the Chengdu sample that earlier subsidies are recorded under. */
struct subsidy_item {
	const char *id;
	const char *title;	/* 项目名称 prefix */
};

enum subsidy_kind {
	SUBSIDY_XSG,
	SUBSIDY_YSTP,
	SUBSIDY_JSGZ,
	SUBSIDY_XJR,
	SUBSIDY_ZJTX_PROVINCE,
	SUBSIDY_ZJTX_CITY,
	SUBSIDY_GQ_FIRST,
	SUBSIDY_GQ_RENEW,
	SUBSIDY_STT,
	SUBSIDY_SS_NEEQ,
	SUBSIDY_SS_BSE,
	SUBSIDY_SZ_ZD,
	SUBSIDY_SZ_GZ,
	SUBSIDY_YF
};

static const struct subsidy_item subsidy_items[] = {
	[SUBSIDY_XSG] = { "CD-XSG", "新升规工业企业奖励" },
	[SUBSIDY_YSTP] = { "CD-YSTP", "营业收入首次突破奖励" },
	[SUBSIDY_JSGZ] = { "CD-JSGZ", "技术改造项目补助" },
	[SUBSIDY_XJR] = { "CD-XJR", "国家级专精特新“小巨人”企业奖励" },
	[SUBSIDY_ZJTX_PROVINCE] = { "CD-ZJTX-PROV",
	    "四川省专精特新中小企业认定奖励" },
	[SUBSIDY_ZJTX_CITY] = { "CD-ZJTX-CITY",
	    "成都市专精特新中小企业认定奖励" },
	[SUBSIDY_GQ_FIRST] = { "CD-GQ-FIRST", "首次认定高新技术企业奖励" },
	[SUBSIDY_GQ_RENEW] = { "CD-GQ-RENEW", "重新认定高新技术企业奖励" },
	[SUBSIDY_STT] = { "CD-STT", "首台（套）重大技术装备奖励" },
	[SUBSIDY_SS_NEEQ] = { "CD-SS-NEEQ", "新三板挂牌企业奖励" },
	[SUBSIDY_SS_BSE] = { "CD-SS-BSE", "北京证券交易所上市企业奖励" },
	[SUBSIDY_SZ_ZD] = { "CD-SZ-ZD", "中小企业数字化转型诊断补助" },
	[SUBSIDY_SZ_GZ] = { "CD-SZ-GZ", "中小企业数字化改造补助" },
	[SUBSIDY_YF] = { "CD-YF", "企业研发投入奖励" },
};

/*
 * Benchmark items that need an application, as bench/gen-policies.py
 * writes them into bench/policies. Each carries the part of its
 * conditions that an enterprise can check in its own records before it
 * applies: its industry, district, zone, size, a recognition of the last
 * fiscal year, the above-scale register, revenue and its growth. The conditions left
 * out (tax growth, total assets, the dishonesty list, declared values
 * below the threshold) make some applications fail review, as real ones
 * do. Keep the ids and scopes in step with gen-policies.py, because
 * tests/pfe-gen.bats compares the ids.
 */

/* Kinds of declared value in an application, each with the log-normal
   shape of its values. */
enum declared_kind {
	DECLARED_NONE,
	DECLARED_EQUIPMENT,	/* equipment_investment, BX-JG */
	DECLARED_MAJOR_PROJECT,	/* equipment_investment, BX-ZDXM */
	DECLARED_RETROFIT,	/* retrofit_investment, BX-SZ */
	DECLARED_FIRST_SET	/* first_set_sales, BX-STT */
};

struct declared_profile {
	const char *field;	/* dictionary field, authority "declared" */
	const char *material;	/* item material it proves, NULL for none */
	const char *files[2];	/* evidence file names */
	int median;		/* yuan, in hundredths of a decade */
	int sigma;		/* hundredths of a decade */
	const char *project;	/* project name suffix, NULL for none */
};

static const struct declared_profile declared_profiles[] = {
	[DECLARED_EQUIPMENT] = { "equipment_investment", "invoices",
	    { "设备购置合同.pdf", "设备购置发票汇总.pdf" }, 708, 30,
	    "生产线技术改造项目" },
	[DECLARED_MAJOR_PROJECT] = { "equipment_investment", NULL,
	    { "项目设备投资审计报告.pdf", "设备购置发票汇总.pdf" }, 840, 20,
	    "重大工业项目" },
	[DECLARED_RETROFIT] = { "retrofit_investment", "contract",
	    { "数字化改造合同.pdf", "改造项目验收报告.pdf" }, 640, 25,
	    "数字化改造项目" },
	[DECLARED_FIRST_SET] = { "first_set_sales", "sales",
	    { "首台套产品销售合同.pdf", "首台套产品销售发票.pdf" }, 718, 40,
	    NULL },
};

/* Size tiers as bits, for an item's size-class condition. */
#define SIZES_ANY 0
#define SIZE_BIT(tier) (1 << (tier))

struct application_item {
	const char *id;
	const char *prefixes;	/* industry-code prefixes, "" for any */
	int cluster;		/* 1 to 3: CLUSTERS of gen-policies.py; 0 any */
	const char *zone;	/* functional zone name, NULL for any */
	int cert;		/* enum cert_kind dated in the last year, -1 none */
	int held;		/* enum cert_kind held at any time, -1 none */
	int sizes;		/* SIZE_BIT mask, SIZES_ANY for any */
	bool above_scale;	/* on the above-scale register */
	int revenue_wan;	/* last year's revenue at least, in 万元 */
	int growth;		/* revenue growth at least, percent; -1 none */
	int young;		/* established less than YOUNG years ago; 0 any */
	bool recognized;	/* a high-tech or city 专精特新 recognition */
	enum declared_kind declared;
	const char *material;	/* a material without a declared value */
	const char *material_file;
};

#define SME (SIZE_BIT(TIER_MICRO) | SIZE_BIT(TIER_SMALL) | \
	SIZE_BIT(TIER_MEDIUM))

static const struct application_item application_items[] = {
	/* Industry-chain revenue growth, the chains that need an application. */
	{ "BX-ZZ-SW", "C27 C358", 0, NULL, -1, -1, SIZES_ANY, false, 1000, 30, 0,
	    false, DECLARED_NONE, NULL, NULL },
	{ "BX-ZZ-ZB", "C34 C35 C40", 0, NULL, -1, -1, SIZES_ANY, false, 2000, 30,
	    0, false, DECLARED_NONE, NULL, NULL },
	{ "BX-ZZ-HL", "I64", 0, NULL, -1, -1, SIZES_ANY, false, 500, 30, 0, false,
	    DECLARED_NONE, NULL, NULL },
	{ "BX-ZZ-SP", "C13 C14 C15", 0, NULL, -1, -1, SIZES_ANY, false, 2000, 30,
	    0, false, DECLARED_NONE, NULL, NULL },
	{ "BX-ZZ-SM", "F51 F52", 0, NULL, -1, -1, SIZES_ANY, false, 5000, 30, 0,
	    false, DECLARED_NONE, NULL, NULL },
	/* Equipment investment of technical retrofits. */
	{ "BX-JG-DZ", "C39", 0, NULL, -1, -1, SIZES_ANY, true, 20000, -1, 0,
	    false, DECLARED_EQUIPMENT, NULL, NULL },
	{ "BX-JG-SW", "C27 C358", 0, NULL, -1, -1, SIZES_ANY, true, 10000, -1, 0,
	    false, DECLARED_EQUIPMENT, NULL, NULL },
	{ "BX-JG-QC", "C36 C37", 0, NULL, -1, -1, SIZES_ANY, true, 30000, -1, 0,
	    false, DECLARED_EQUIPMENT, NULL, NULL },
	{ "BX-JG-ZB", "C34 C35 C40", 0, NULL, -1, -1, SIZES_ANY, true, 20000, -1,
	    0, false, DECLARED_EQUIPMENT, NULL, NULL },
	{ "BX-JG-SP", "C13 C14 C15", 0, NULL, -1, -1, SIZES_ANY, true, 20000, -1,
	    0, false, DECLARED_EQUIPMENT, NULL, NULL },
	/* Digital retrofits of medium-sized makers. */
	{ "BX-SZ-1", "C39 C34 C35", 1, NULL, -1, -1, SIZE_BIT(TIER_MEDIUM), false,
	    10000, -1, 0, false, DECLARED_RETROFIT, NULL, NULL },
	{ "BX-SZ-2", "C39 C34 C35", 2, NULL, -1, -1, SIZE_BIT(TIER_MEDIUM), false,
	    10000, -1, 0, false, DECLARED_RETROFIT, NULL, NULL },
	{ "BX-SZ-3", "C39 C34 C35", 3, NULL, -1, -1, SIZE_BIT(TIER_MEDIUM), false,
	    10000, -1, 0, false, DECLARED_RETROFIT, NULL, NULL },
	/* First-set equipment sales. */
	{ "BX-STT-1", "C34 C35", 0, NULL, CERT_FIRST_SET, -1, SIZES_ANY, false, 0,
	    -1, 0, false, DECLARED_FIRST_SET, NULL, NULL },
	{ "BX-STT-2", "C36 C37", 0, NULL, CERT_FIRST_SET, -1, SIZES_ANY, false, 0,
	    -1, 0, false, DECLARED_FIRST_SET, NULL, NULL },
	{ "BX-STT-3", "C38 C39", 0, NULL, CERT_FIRST_SET, -1, SIZES_ANY, false, 0,
	    -1, 0, false, DECLARED_FIRST_SET, NULL, NULL },
	{ "BX-STT-4", "C40", 0, NULL, CERT_FIRST_SET, -1, SIZES_ANY, false, 0, -1,
	    0, false, DECLARED_FIRST_SET, NULL, NULL },
	/* Major industrial projects: a reviewer judges the fit. */
	{ "BX-ZDXM-1", "C39", 0, NULL, -1, -1, SIZES_ANY, false, 100000, -1, 0,
	    false, DECLARED_MAJOR_PROJECT, NULL, NULL },
	{ "BX-ZDXM-2", "C37", 0, NULL, -1, -1, SIZES_ANY, false, 100000, -1, 0,
	    false, DECLARED_MAJOR_PROJECT, NULL, NULL },
	/* City and provincial 专精特新 awards per cluster of districts. */
	{ "BX-ZJTX-1-1", "", 1, NULL, CERT_ZJTX_CITY, CERT_HIGHTECH, SME,
	    false, 500, -1, 0, false, DECLARED_NONE, NULL, NULL },
	{ "BX-ZJTX-1-2", "", 2, NULL, CERT_ZJTX_CITY, CERT_HIGHTECH, SME,
	    false, 500, -1, 0, false, DECLARED_NONE, NULL, NULL },
	{ "BX-ZJTX-1-3", "", 3, NULL, CERT_ZJTX_CITY, CERT_HIGHTECH, SME,
	    false, 500, -1, 0, false, DECLARED_NONE, NULL, NULL },
	{ "BX-ZJTX-2-1", "", 1, NULL, CERT_ZJTX_PROVINCE, -1, SME, false, 500, -1,
	    0, false, DECLARED_NONE, NULL, NULL },
	{ "BX-ZJTX-2-2", "", 2, NULL, CERT_ZJTX_PROVINCE, -1, SME, false, 500, -1,
	    0, false, DECLARED_NONE, NULL, NULL },
	{ "BX-ZJTX-2-3", "", 3, NULL, CERT_ZJTX_PROVINCE, -1, SME, false, 500, -1,
	    0, false, DECLARED_NONE, NULL, NULL },
	/* Listings per cluster of districts, with the listing notice. */
	{ "BX-SS-NEEQ-1", "", 1, NULL, CERT_NEEQ, -1, SIZES_ANY, false, 5000, -1,
	    0, true, DECLARED_NONE, "notice", "挂牌公告.pdf" },
	{ "BX-SS-NEEQ-2", "", 2, NULL, CERT_NEEQ, -1, SIZES_ANY, false, 5000, -1,
	    0, true, DECLARED_NONE, "notice", "挂牌公告.pdf" },
	{ "BX-SS-NEEQ-3", "", 3, NULL, CERT_NEEQ, -1, SIZES_ANY, false, 5000, -1,
	    0, true, DECLARED_NONE, "notice", "挂牌公告.pdf" },
	{ "BX-SS-BSE-1", "", 1, NULL, CERT_BSE, -1, SIZES_ANY, false, 5000, -1, 0,
	    false, DECLARED_NONE, "notice", "上市公告书.pdf" },
	{ "BX-SS-BSE-2", "", 2, NULL, CERT_BSE, -1, SIZES_ANY, false, 5000, -1, 0,
	    false, DECLARED_NONE, "notice", "上市公告书.pdf" },
	{ "BX-SS-BSE-3", "", 3, NULL, CERT_BSE, -1, SIZES_ANY, false, 5000, -1, 0,
	    false, DECLARED_NONE, "notice", "上市公告书.pdf" },
	/* Functional zones: key industries and young growers. */
	{ "BX-YQ-hitech", "C39 I65", 0, "成都高新区", -1, -1, SIZES_ANY, false,
	    5000, -1, 0, false, DECLARED_NONE, NULL, NULL },
	{ "BX-CZ-hitech", "", 0, "成都高新区", -1, -1, SIZES_ANY, false, 500, 20,
	    5, true, DECLARED_NONE, NULL, NULL },
	{ "BX-YQ-tianfu", "I65 M73", 0, "天府新区", -1, -1, SIZES_ANY, false, 5000,
	    -1, 0, false, DECLARED_NONE, NULL, NULL },
	{ "BX-CZ-tianfu", "", 0, "天府新区", -1, -1, SIZES_ANY, false, 500, 20, 5,
	    true, DECLARED_NONE, NULL, NULL },
	{ "BX-YQ-eastern", "C37 C38 C39", 0, "成都东部新区", -1, -1, SIZES_ANY,
	    false, 5000, -1, 0, false, DECLARED_NONE, NULL, NULL },
	{ "BX-CZ-eastern", "", 0, "成都东部新区", -1, -1, SIZES_ANY, false, 500,
	    20, 5, true, DECLARED_NONE, NULL, NULL },
	/* Leading industrial enterprises by revenue floor. */
	{ "BX-LT-004", "C", 0, NULL, -1, -1, SIZE_BIT(TIER_MEDIUM) |
	    SIZE_BIT(TIER_LARGE), false, 40000, 5, 0, false, DECLARED_NONE,
	    NULL, NULL },
	{ "BX-LT-010", "C", 0, NULL, -1, -1, SIZE_BIT(TIER_MEDIUM) |
	    SIZE_BIT(TIER_LARGE), false, 100000, 5, 0, false, DECLARED_NONE,
	    NULL, NULL },
	{ "BX-LT-020", "C", 0, NULL, -1, -1, SIZE_BIT(TIER_MEDIUM) |
	    SIZE_BIT(TIER_LARGE), false, 200000, 5, 0, false, DECLARED_NONE,
	    NULL, NULL },
	{ "BX-LT-050", "C", 0, NULL, -1, -1, SIZE_BIT(TIER_MEDIUM) |
	    SIZE_BIT(TIER_LARGE), false, 500000, 5, 0, false, DECLARED_NONE,
	    NULL, NULL },
};

#define APPLICATION_ITEM_COUNT \
	(sizeof(application_items) / sizeof(application_items[0]))

#endif
