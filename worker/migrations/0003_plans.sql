-- Plans and units as data. A township runs several rectification plans (整改方案), each with its own measures,
-- responsible units and reporting schedule; every report now belongs to one plan. The 2023 勐来乡 plan becomes the
-- seeded plan 'mlx-2023-85', and every report stored before this migration is attached to it.
-- Tables keyed by period are rebuilt with plan_id in their keys (SQLite cannot change a key in place); foreign keys
-- are deferred so the rebuild can drop and re-create the referenced `reports` within the migration's transaction.
PRAGMA defer_foreign_keys = on;

ALTER TABLE units ADD COLUMN aliases TEXT NOT NULL DEFAULT '[]';
ALTER TABLE units ADD COLUMN contact_name TEXT;
ALTER TABLE units ADD COLUMN contact_phone TEXT;
ALTER TABLE units ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));

-- The plan as published and resolved: problems and measures (resolved unit ids, parsed deadlines) as one JSON body,
-- read and written whole; schedule and status as columns because the hourly job selects by them.
CREATE TABLE plans (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  doc_number TEXT,
  schedule TEXT NOT NULL,
  first_period TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'closed')),
  body TEXT NOT NULL,
  -- Bumped by every change: a submission's insert requires the version its verdict was reached on.
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Every change to a plan: who, when, what (a JSON list of changes).
CREATE TABLE plan_changes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  plan_id TEXT NOT NULL REFERENCES plans (id),
  at TEXT NOT NULL,
  token_id TEXT REFERENCES tokens (id),
  kind TEXT NOT NULL CHECK (kind IN ('published', 'replaced', 'edited', 'closed')),
  changes TEXT NOT NULL
);
CREATE INDEX plan_changes_plan ON plan_changes (plan_id, id);

UPDATE units SET aliases = '["民良村委会","民良村民委员会"]', contact_name = NULL, contact_phone = NULL WHERE id = 'v-minliang';
UPDATE units SET aliases = '["永安村委会","永安村民委员会"]', contact_name = NULL, contact_phone = NULL WHERE id = 'v-yongan';
UPDATE units SET aliases = '["丁来村委会","丁来村民委员会"]', contact_name = NULL, contact_phone = NULL WHERE id = 'v-dinglai';
UPDATE units SET aliases = '["公弄村委会","公弄村民委员会"]', contact_name = NULL, contact_phone = NULL WHERE id = 'v-gongnong';
UPDATE units SET aliases = '["英格村委会","英格村民委员会"]', contact_name = NULL, contact_phone = NULL WHERE id = 'v-yingge';
UPDATE units SET aliases = '["班列村委会","班列村民委员会"]', contact_name = NULL, contact_phone = NULL WHERE id = 'v-banlie';
UPDATE units SET aliases = '["勐来村委会","勐来村民委员会"]', contact_name = NULL, contact_phone = NULL WHERE id = 'v-menglai';
UPDATE units SET aliases = '["公撒村委会","公撒村民委员会"]', contact_name = NULL, contact_phone = NULL WHERE id = 'v-gongsa';
UPDATE units SET aliases = '["曼来村委会","曼来村民委员会"]', contact_name = NULL, contact_phone = NULL WHERE id = 'v-manlai';
UPDATE units SET aliases = '["党建办","基层党建工作办公室"]', contact_name = NULL, contact_phone = NULL WHERE id = 'o-party-building';
UPDATE units SET aliases = '["乡乡村振兴办","振兴办"]', contact_name = '罗正强', contact_phone = '18088387949' WHERE id = 'o-rural-revitalization';
UPDATE units SET aliases = '["村镇规划服务中心","规划建设服务中心"]', contact_name = NULL, contact_phone = NULL WHERE id = 'o-planning';
UPDATE units SET aliases = '["九年一贯中心校","中心校"]', contact_name = NULL, contact_phone = NULL WHERE id = 'o-school';
UPDATE units SET aliases = '["水务中心"]', contact_name = NULL, contact_phone = NULL WHERE id = 'o-water';
UPDATE units SET aliases = '["农业服务中心"]', contact_name = NULL, contact_phone = NULL WHERE id = 'o-agriculture';
UPDATE units SET aliases = '["社会保障服务中心"]', contact_name = NULL, contact_phone = NULL WHERE id = 'o-social-security';
UPDATE units SET aliases = '["民政办公室"]', contact_name = NULL, contact_phone = NULL WHERE id = 'o-civil-affairs';
UPDATE units SET aliases = '["林草服务中心","林业服务中心"]', contact_name = NULL, contact_phone = NULL WHERE id = 'o-forestry';
UPDATE units SET aliases = '["残联","勐来乡残联"]', contact_name = NULL, contact_phone = NULL WHERE id = 'o-disabled-persons';
UPDATE units SET aliases = '["文旅中心","文化旅游广播电视体育服务中心"]', contact_name = NULL, contact_phone = NULL WHERE id = 'o-culture-tourism';
UPDATE units SET aliases = '["项目办公室"]', contact_name = NULL, contact_phone = NULL WHERE id = 'o-projects';
UPDATE units SET aliases = '["乡财政所","勐来乡财政所"]', contact_name = NULL, contact_phone = NULL WHERE id = 'o-finance';
INSERT INTO plans (id, title, doc_number, schedule, first_period, status, body, created_at, updated_at) VALUES ('mlx-2023-85', '勐来乡2022年衔接推进乡村振兴补助资金绩效评价和巩固拓展脱贫攻坚成果同乡村振兴有效衔接考核反馈问题整改方案', '勐发〔2023〕85号', '{"kind":"half-monthly"}', '2023-08-H1', 'active', '{"problems":[{"id":"1","title":"责任落实有差距","detail":"个别帮扶单位和驻村干部责任落实不到位，少数群众反映有的村干部和驻村干部很少入户，有的农户未得到具体帮扶，“群众满意度”偏低。"},{"id":"2","title":"帮扶工作有差距","detail":"有的脱贫户信息系统数据存在错项漏项，有的村收入核算不规范。脱贫人口和监测对象人均纯收入低于1万元的占10.73%。"},{"id":"3","title":"资金项目管理不规范","detail":"部分衔接资金超范围使用；农村供水保障三年专项行动投资完成率仅28.28%；2023年新增农村危房改造中央资金支出率仅11.64%；就业补助发放不及时。"},{"id":"4","title":"部分东西部协作项目进度与资金支出进度不匹配","detail":"资料数据不精准。工作相关资料不完整、逻辑关系不清晰、重要数据前后不对应等情况。"}],"measures":[{"id":"1-1","problemId":"1","title":"加强驻村工作队员管理","text":"加强驻村工作队员管理。按照《沧源自治县巩固脱贫攻坚推进乡村振兴领导小组办公室关于健全完善巩固拓展脱贫攻坚成果四项工作机制的通知》（沧巩固振兴组办〔2023〕18号）文件，着力解决“三保障”及饮水安全等方面出现的问题，严格落实“四项机制”，扎实开展四级遍访，及时落实针对性帮扶，尽快解决问题，消除风险。对于返贫致贫风险较为复杂的，全面分析监测对象的返贫致贫风险，结合风险类型和农户需求制定有针对性帮扶措施。对有劳动能力的监测对象，优先落实产业就业等开发式帮扶措施，充分利用会议，培训等方式加大国家惠农政策宣传力度，深入田间地脚解决群众在生产生活中遇到的困难，努力提高群众的满意度。","lead":"鲍健斌","responsibleUnitsText":"基层党建办、乡村振兴办、村镇规划建设服务中心、勐来乡九年一贯中心校、水务服务中心、农业农村服务中心、社保服务中心，各行政村","responsibleUnitIds":["o-party-building","o-rural-revitalization","o-planning","o-school","o-water","o-agriculture","o-social-security","v-minliang","v-yongan","v-dinglai","v-gongnong","v-yingge","v-banlie","v-menglai","v-gongsa","v-manlai"],"deadlineText":"2023年8月31日前取得阶段性成效，长期坚持","deadline":{"date":"2023-08-31","longTerm":true}},{"id":"1-2","problemId":"1","title":"提升驻村帮扶能力","text":"提升驻村帮扶能力。在分级全员培训驻村干部的基础上，定期举办驻村工作“大讲堂”，督促驻村工作队定期开展“小课堂”“大比武”等学习活动。印发《驻村工作队员应知应会手册》《巩固拓展脱贫攻坚成果同乡村振兴有效衔接政策口袋书（50问）》，提高驻村工作队员业务能力及解决问题的能力。","lead":"白钰","responsibleUnitsText":"基层党建办、乡村振兴办，各行政村","responsibleUnitIds":["o-party-building","o-rural-revitalization","v-minliang","v-yongan","v-dinglai","v-gongnong","v-yingge","v-banlie","v-menglai","v-gongsa","v-manlai"],"deadlineText":"2023年8月31日前取得阶段性成效，长期坚持","deadline":{"date":"2023-08-31","longTerm":true}},{"id":"1-3","problemId":"1","title":"充分发挥联席会议制度作用","text":"充分发挥联席会议制度作用。每季度印发重点任务清单、定期不定期的采取随机检查的方面抽查驻村工作队员在岗情况，开展工作调研，通报发现问题并督促整改。加强驻村干部日常管理服务，依托“云岭先锋”智慧党建平台对驻村干部进行动态管理，推行驻村工作日志，防止“挂名走读”。","lead":"白钰","responsibleUnitsText":"基层党建办、乡村振兴办，各行政村","responsibleUnitIds":["o-party-building","o-rural-revitalization","v-minliang","v-yongan","v-dinglai","v-gongnong","v-yingge","v-banlie","v-menglai","v-gongsa","v-manlai"],"deadlineText":"2023年8月31日前取得阶段性成效，长期坚持","deadline":{"date":"2023-08-31","longTerm":true}},{"id":"2-1","problemId":"2","title":"扎实开展监测帮扶集中排查工作","text":"扎实开展监测帮扶集中排查工作。强化业务培训及指导，坚持“谁采集谁负责、谁审核谁负责、谁录入谁负责”工作原则，在入户过程中围绕收入核算四大版块，综合研判分析农户家庭收入支出情况，以及“三保障”和饮水安全等方面存在的返贫致贫风险，做到“应纳尽纳”。认真组织开展辖区内脱贫人口、监测对象、风险户收入大排查工作，全面推进政府救助平台运用，建立健全线上、线下诉求渠道，完善县、乡、村定期排查分析调度机制，做到早发现、早干预、早解决。坚决杜绝“应纳未纳”、“体外循环”的情况发生。","lead":"鲍健斌","responsibleUnitsText":"乡村振兴办、村镇规划建设服务中心、水务服务中心、勐来乡九年一贯中心校、社保服务中心、民政办、林业和草原服务中心、乡残联，各行政村","responsibleUnitIds":["o-rural-revitalization","o-planning","o-water","o-school","o-social-security","o-civil-affairs","o-forestry","o-disabled-persons","v-minliang","v-yongan","v-dinglai","v-gongnong","v-yingge","v-banlie","v-menglai","v-gongsa","v-manlai"],"deadlineText":"2023年10月31日前取得阶段性成效，长期坚持","deadline":{"date":"2023-10-31","longTerm":true}},{"id":"2-2","problemId":"2","title":"精准制定帮扶措施","text":"精准制定帮扶措施。围绕脱贫人口三年持续增收计划，按照《沧源佤族自治县2023年人均纯收入低于1万元以下有劳动力脱贫家庭“清零”方案》，通过“农业产业提质增效带动增收一批、发展乡村旅游增收一批、提升劳动技能增收一批、实现转移就业增收一批、盘活资产增收一批、金融帮扶增收一批、加大政策性转移增收一批”，实现全乡脱贫人口2023年人均纯收入增长18%以上。重点聚焦2022年人均纯收入低于1万元以下160户532人（其中有劳动力家庭158户530人），通过“一户一策”精准帮扶，力争2023年底人均纯收入低于1万元以下有劳动力的脱贫家庭动态“清零”，坚决守住不发生返贫的底线，为全面推进乡村振兴奠定坚实基础。","lead":"鲍健斌","responsibleUnitsText":"乡村振兴办、村镇规划建设服务中心、水务服务中心、勐来乡九年一贯中心校、农业农村服务中心、社保服务中心、文化和旅游广播电视体育服务中心、民政办、林业和草原服务中心、乡残联，各行政村","responsibleUnitIds":["o-rural-revitalization","o-planning","o-water","o-school","o-agriculture","o-social-security","o-culture-tourism","o-civil-affairs","o-forestry","o-disabled-persons","v-minliang","v-yongan","v-dinglai","v-gongnong","v-yingge","v-banlie","v-menglai","v-gongsa","v-manlai"],"deadlineText":"2023年10月31日前取得阶段性成效，长期坚持","deadline":{"date":"2023-10-31","longTerm":true},"dataHint":"帮扶户数、人数，人均纯收入增长（%）"},{"id":"2-3","problemId":"2","title":"严格风险消除程序","text":"严格风险消除程序。认真落实村级入户核实、民主评议和公示，县级部门审核批准和公告等退出程序。除风险自然消除外，收入持续稳定原则上不少于半年。对风险消除不稳定和整户无劳动力的监测对象进行风险消除回退。对消除风险后，又出现新的返贫致贫风险的，按程序重新识别认定为监测对象。","lead":"鲍健斌","responsibleUnitsText":"乡村振兴办、村镇规划建设服务中心、水务服务中心、勐来乡九年一贯中心校、农业农村服务中心、社保服务中心、文化和旅游广播电视体育服务中心、民政办、林业和草原服务中心、乡残联，各行政村","responsibleUnitIds":["o-rural-revitalization","o-planning","o-water","o-school","o-agriculture","o-social-security","o-culture-tourism","o-civil-affairs","o-forestry","o-disabled-persons","v-minliang","v-yongan","v-dinglai","v-gongnong","v-yingge","v-banlie","v-menglai","v-gongsa","v-manlai"],"deadlineText":"2023年10月31日前取得阶段性成效，长期坚持","deadline":{"date":"2023-10-31","longTerm":true}},{"id":"2-4","problemId":"2","title":"认真梳理政策措施","text":"认真梳理政策措施。严格落实“四个不摘”政策，对政策执行不到位或出现偏差的及时纠正。积极开展就业奖补、公益岗位、雨露计划、“两后生”资助等帮扶政策专项排查，确保各项政策措施落实落细，努力做到“村不漏组、组不漏户、户不漏人”。","lead":"鲍健斌","responsibleUnitsText":"乡村振兴办、村镇规划建设服务中心、水务服务中心、勐来乡九年一贯中心校、农业农村服务中心、社保服务中心、文化和旅游广播电视体育服务中心、民政办、林业和草原服务中心、乡残联，各行政村","responsibleUnitIds":["o-rural-revitalization","o-planning","o-water","o-school","o-agriculture","o-social-security","o-culture-tourism","o-civil-affairs","o-forestry","o-disabled-persons","v-minliang","v-yongan","v-dinglai","v-gongnong","v-yingge","v-banlie","v-menglai","v-gongsa","v-manlai"],"deadlineText":"2023年10月31日前取得阶段性成效，长期坚持","deadline":{"date":"2023-10-31","longTerm":true}},{"id":"3-1","problemId":"3","title":"加快项目建设进度","text":"加快项目建设进度。推动完善乡级项目库，查缺补漏，做到项目选择精准、数据填报准确、方案切实可行、绩效目标可量化，将“资金等项目”转变为“项目等资金”，严禁将负面清单涉及的内容纳入项目。督促做好项目的前期工作，加快项目申报进度和实施进度，及时做好项目验收工作，确保项目尽早动工、如期完工，并及时录入信息系统。","lead":"赵勇","responsibleUnitsText":"乡村振兴办、林业和草原服务中心、项目办，各行政村","responsibleUnitIds":["o-rural-revitalization","o-forestry","o-projects","v-minliang","v-yongan","v-dinglai","v-gongnong","v-yingge","v-banlie","v-menglai","v-gongsa","v-manlai"],"deadlineText":"2023年10月31日前取得阶段性成效，长期坚持","deadline":{"date":"2023-10-31","longTerm":true},"dataHint":"项目个数、已开工/已完工个数，计划资金与已拨付（万元）"},{"id":"3-2","problemId":"3","title":"提高资金拨付率加快项目进度","text":"提高资金拨付率加快项目进度。在县巩固脱贫攻坚推进乡村振兴领导小组统一领导下，由领导小组办公室统筹协调全乡各方面的力量，积极与相关站所申请和沟通，加强资金调拨力度，采取强有力的措施，切实加快问题整改落实；乡财政所主动争取上级支持，加大上级转移支付及资金调度拨付进度，全面农村危房改造，农村集中供水工程建设，加强小型水库等稳定水源工程建设，加快重点水网工程建设。强化农村饮水工程运行管护，制定应急供水方案，采取启动备用水源、应急调水等措施，确保不出现规模性农村饮水安全问题。积极向上争取推行城乡供水一体化，逐步构建同源、同网、同质、同价、同服务“五同”的城乡一体化供水格局。","lead":"赵勇","responsibleUnitsText":"财政所、乡村振兴办，村镇规划服务中心、水务服务中心、项目办，各行政村","responsibleUnitIds":["o-finance","o-rural-revitalization","o-planning","o-water","o-projects","v-minliang","v-yongan","v-dinglai","v-gongnong","v-yingge","v-banlie","v-menglai","v-gongsa","v-manlai"],"deadlineText":"2023年10月31日前取得阶段性成效，长期坚持","deadline":{"date":"2023-10-31","longTerm":true},"dataHint":"计划资金与已拨付（万元），资金拨付率（%）"},{"id":"3-3","problemId":"3","title":"加大政策宣传力度","text":"加大政策宣传力度。根据印发的《沧源佤族自治县人力资源和社会保障局关于申报2023年度跨省务工交通补助的通知》（沧人社发〔2023〕62号）文件，要提高思想认识，摸清符合申报补助对象底数，确保符合条件的脱贫劳动力“应补尽补”“应享尽享”。同时开展摸底排查工作。督促各村按照跨省一次性交通补助申报条件，做好符合申报条件脱贫劳动力人数摸底排查工作，完善工作台账，及时宣传好申报条件，不断提高群众政策知晓率，覆盖面。","lead":"何金勇","responsibleUnitsText":"社保服务中心、乡村振兴办，各行政村","responsibleUnitIds":["o-social-security","o-rural-revitalization","v-minliang","v-yongan","v-dinglai","v-gongnong","v-yingge","v-banlie","v-menglai","v-gongsa","v-manlai"],"deadlineText":"2023年10月31日前取得阶段性成效，长期坚持","deadline":{"date":"2023-10-31","longTerm":true},"dataHint":"摸排脱贫劳动力人数、已申报补助人数"},{"id":"4-1","problemId":"4","title":"加强协作资金管理","text":"加强协作资金管理。进一步规范资金管理使用，按照“计划跟着项目走、资金跟着进度拨”的原则，完善资金管理办法，建立跟踪问效机制，严格按照项目建设进度拨付资金，确保及时拨付、专款专用。","lead":"赵勇","responsibleUnitsText":"财政所、项目办，各行政村","responsibleUnitIds":["o-finance","o-projects","v-minliang","v-yongan","v-dinglai","v-gongnong","v-yingge","v-banlie","v-menglai","v-gongsa","v-manlai"],"deadlineText":"2023年10月31日前取得阶段性成效，长期坚持","deadline":{"date":"2023-10-31","longTerm":true},"dataHint":"协作资金计划与已拨付（万元）"},{"id":"4-2","problemId":"4","title":"强化业务培训","text":"强化业务培训。采取专项培训、专题培训、以会代训等方式，让涉及东西部协作工作负责的同志、分管领导和业务人员，尽快熟悉和掌握东西部协作各项政策措施。","lead":"赵勇","responsibleUnitsText":"财政所、项目办，各行政村","responsibleUnitIds":["o-finance","o-projects","v-minliang","v-yongan","v-dinglai","v-gongnong","v-yingge","v-banlie","v-menglai","v-gongsa","v-manlai"],"deadlineText":"2023年10月31日前取得阶段性成效，长期坚持","deadline":{"date":"2023-10-31","longTerm":true}},{"id":"4-3","problemId":"4","title":"开展专项排查","text":"开展专项排查。对2017年以来东西部协作帮扶项目开展专项排查，及时修改完善相关材料，确保沪滇协作工作相关资料完整、逻辑关系清晰、重要数据前后对应。","lead":"赵勇","responsibleUnitsText":"财政所、项目办，各行政村","responsibleUnitIds":["o-finance","o-projects","v-minliang","v-yongan","v-dinglai","v-gongnong","v-yingge","v-banlie","v-menglai","v-gongsa","v-manlai"],"deadlineText":"2023年10月31日前取得阶段性成效，长期坚持","deadline":{"date":"2023-10-31","longTerm":true}}]}', '2023-08-03T00:00:00.000Z', '2023-08-03T00:00:00.000Z');

-- Rebuild: stash the rows, drop the old tables (children first), create them anew, copy back. Copying into the
-- re-created `reports` (rather than renaming a new table into place) is what satisfies report_rows' deferred
-- foreign keys at commit.
CREATE TABLE reports_old AS SELECT * FROM reports;
CREATE TABLE report_heads_old AS SELECT * FROM report_heads;
CREATE TABLE missing_flags_old AS SELECT * FROM missing_flags;
CREATE TABLE reminder_deliveries_old AS SELECT * FROM reminder_deliveries;
DROP TABLE report_heads;
DROP TABLE missing_flags;
DROP TABLE reminder_deliveries;
DROP TABLE reports;

CREATE TABLE reports (
  id TEXT PRIMARY KEY,
  plan_id TEXT NOT NULL REFERENCES plans (id),
  unit_id TEXT NOT NULL REFERENCES units (id),
  period TEXT NOT NULL,
  revision INTEGER NOT NULL CHECK (revision >= 1),
  signer TEXT NOT NULL,
  received_at TEXT NOT NULL,
  timeliness TEXT NOT NULL CHECK (timeliness IN ('on_time', 'late')),
  effective_timeliness TEXT NOT NULL CHECK (effective_timeliness IN ('on_time', 'late')),
  idempotency_key TEXT NOT NULL,
  body_hash TEXT NOT NULL,
  token_id TEXT NOT NULL REFERENCES tokens (id),
  row_count INTEGER NOT NULL,
  measure_statuses TEXT NOT NULL,
  warning_count INTEGER NOT NULL DEFAULT 0,
  warnings TEXT NOT NULL DEFAULT '[]',
  returned_reason TEXT,
  returned_at TEXT,
  returned_by TEXT REFERENCES tokens (id),
  UNIQUE (plan_id, unit_id, period, revision),
  UNIQUE (unit_id, idempotency_key)
);
INSERT INTO reports (id, plan_id, unit_id, period, revision, signer, received_at, timeliness, effective_timeliness,
    idempotency_key, body_hash, token_id, row_count, measure_statuses, warning_count, warnings, returned_reason,
    returned_at, returned_by)
  SELECT id, 'mlx-2023-85', unit_id, period, revision, signer, received_at, timeliness, effective_timeliness,
    idempotency_key, body_hash, token_id, row_count, measure_statuses, warning_count, warnings, returned_reason,
    returned_at, returned_by FROM reports_old;

CREATE TABLE report_heads (
  plan_id TEXT NOT NULL REFERENCES plans (id),
  period TEXT NOT NULL,
  unit_id TEXT NOT NULL REFERENCES units (id),
  report_id TEXT NOT NULL REFERENCES reports (id),
  revision INTEGER NOT NULL,
  first_received_at TEXT NOT NULL,
  timeliness TEXT NOT NULL CHECK (timeliness IN ('on_time', 'late')),
  returned INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (plan_id, period, unit_id)
) WITHOUT ROWID;
INSERT INTO report_heads SELECT 'mlx-2023-85', period, unit_id, report_id, revision, first_received_at, timeliness, returned FROM report_heads_old;

CREATE TABLE missing_flags (
  plan_id TEXT NOT NULL REFERENCES plans (id),
  period TEXT NOT NULL,
  unit_id TEXT NOT NULL REFERENCES units (id),
  flagged_at TEXT NOT NULL,
  PRIMARY KEY (plan_id, period, unit_id)
) WITHOUT ROWID;
INSERT INTO missing_flags SELECT 'mlx-2023-85', period, unit_id, flagged_at FROM missing_flags_old;

CREATE TABLE reminder_deliveries (
  plan_id TEXT NOT NULL REFERENCES plans (id),
  period TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('reminder', 'missing')),
  created_at TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'failed', 'skipped')),
  unit_count INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 1,
  response_status INTEGER,
  detail TEXT,
  PRIMARY KEY (plan_id, period, kind)
) WITHOUT ROWID;
INSERT INTO reminder_deliveries SELECT 'mlx-2023-85', period, kind, created_at, status, unit_count, attempts,
  response_status, detail FROM reminder_deliveries_old;

DROP TABLE reports_old;
DROP TABLE report_heads_old;
DROP TABLE missing_flags_old;
DROP TABLE reminder_deliveries_old;
CREATE INDEX reports_plan_period_unit ON reports (plan_id, period, unit_id, revision);
CREATE INDEX report_heads_unit ON report_heads (unit_id, plan_id, period);
