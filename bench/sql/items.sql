-- One query per benchmark policy item: the enterprises whose portrait meets
-- every condition, as (item, uscc) rows. Written by bench/gen-policies.py
-- for the as-of date 2026-06-30; load.sql creates the tables.
-- A NULL condition is a value the enterprise declares: unknown here,
-- so the item selects no enterprise, as in pfe-match.
.mode list
.separator , "\n"
.headers off

-- BX-XSG-510104 锦江区新升规工业企业配套奖励
SELECT 'BX-XSG-510104', p.uscc FROM portraits AS p
WHERE (p.district IN ('510104'))
  AND ((SELECT min(e.date) FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'above_scale' AND e.code = 'above-scale') BETWEEN '2025-01-01' AND '2025-12-31')
  AND (p.revenue_2025 >= 2000000000)
  AND (p.industry LIKE 'C%')
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-XSG-510105 青羊区新升规工业企业配套奖励
SELECT 'BX-XSG-510105', p.uscc FROM portraits AS p
WHERE (p.district IN ('510105'))
  AND ((SELECT min(e.date) FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'above_scale' AND e.code = 'above-scale') BETWEEN '2025-01-01' AND '2025-12-31')
  AND (p.revenue_2025 >= 2000000000)
  AND (p.industry LIKE 'C%')
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-XSG-510106 金牛区新升规工业企业配套奖励
SELECT 'BX-XSG-510106', p.uscc FROM portraits AS p
WHERE (p.district IN ('510106'))
  AND ((SELECT min(e.date) FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'above_scale' AND e.code = 'above-scale') BETWEEN '2025-01-01' AND '2025-12-31')
  AND (p.revenue_2025 >= 2000000000)
  AND (p.industry LIKE 'C%')
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-XSG-510107 武侯区新升规工业企业配套奖励
SELECT 'BX-XSG-510107', p.uscc FROM portraits AS p
WHERE (p.district IN ('510107'))
  AND ((SELECT min(e.date) FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'above_scale' AND e.code = 'above-scale') BETWEEN '2025-01-01' AND '2025-12-31')
  AND (p.revenue_2025 >= 2000000000)
  AND (p.industry LIKE 'C%')
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-XSG-510108 成华区新升规工业企业配套奖励
SELECT 'BX-XSG-510108', p.uscc FROM portraits AS p
WHERE (p.district IN ('510108'))
  AND ((SELECT min(e.date) FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'above_scale' AND e.code = 'above-scale') BETWEEN '2025-01-01' AND '2025-12-31')
  AND (p.revenue_2025 >= 2000000000)
  AND (p.industry LIKE 'C%')
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-XSG-510112 龙泉驿区新升规工业企业配套奖励
SELECT 'BX-XSG-510112', p.uscc FROM portraits AS p
WHERE (p.district IN ('510112'))
  AND ((SELECT min(e.date) FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'above_scale' AND e.code = 'above-scale') BETWEEN '2025-01-01' AND '2025-12-31')
  AND (p.revenue_2025 >= 2000000000)
  AND (p.industry LIKE 'C%')
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-XSG-510113 青白江区新升规工业企业配套奖励
SELECT 'BX-XSG-510113', p.uscc FROM portraits AS p
WHERE (p.district IN ('510113'))
  AND ((SELECT min(e.date) FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'above_scale' AND e.code = 'above-scale') BETWEEN '2025-01-01' AND '2025-12-31')
  AND (p.revenue_2025 >= 2000000000)
  AND (p.industry LIKE 'C%')
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-XSG-510114 新都区新升规工业企业配套奖励
SELECT 'BX-XSG-510114', p.uscc FROM portraits AS p
WHERE (p.district IN ('510114'))
  AND ((SELECT min(e.date) FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'above_scale' AND e.code = 'above-scale') BETWEEN '2025-01-01' AND '2025-12-31')
  AND (p.revenue_2025 >= 2000000000)
  AND (p.industry LIKE 'C%')
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-XSG-510115 温江区新升规工业企业配套奖励
SELECT 'BX-XSG-510115', p.uscc FROM portraits AS p
WHERE (p.district IN ('510115'))
  AND ((SELECT min(e.date) FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'above_scale' AND e.code = 'above-scale') BETWEEN '2025-01-01' AND '2025-12-31')
  AND (p.revenue_2025 >= 2000000000)
  AND (p.industry LIKE 'C%')
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-XSG-510116 双流区新升规工业企业配套奖励
SELECT 'BX-XSG-510116', p.uscc FROM portraits AS p
WHERE (p.district IN ('510116'))
  AND ((SELECT min(e.date) FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'above_scale' AND e.code = 'above-scale') BETWEEN '2025-01-01' AND '2025-12-31')
  AND (p.revenue_2025 >= 2000000000)
  AND (p.industry LIKE 'C%')
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-XSG-510117 郫都区新升规工业企业配套奖励
SELECT 'BX-XSG-510117', p.uscc FROM portraits AS p
WHERE (p.district IN ('510117'))
  AND ((SELECT min(e.date) FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'above_scale' AND e.code = 'above-scale') BETWEEN '2025-01-01' AND '2025-12-31')
  AND (p.revenue_2025 >= 2000000000)
  AND (p.industry LIKE 'C%')
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-XSG-510118 新津区新升规工业企业配套奖励
SELECT 'BX-XSG-510118', p.uscc FROM portraits AS p
WHERE (p.district IN ('510118'))
  AND ((SELECT min(e.date) FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'above_scale' AND e.code = 'above-scale') BETWEEN '2025-01-01' AND '2025-12-31')
  AND (p.revenue_2025 >= 2000000000)
  AND (p.industry LIKE 'C%')
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-XSG-510121 金堂县新升规工业企业配套奖励
SELECT 'BX-XSG-510121', p.uscc FROM portraits AS p
WHERE (p.district IN ('510121'))
  AND ((SELECT min(e.date) FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'above_scale' AND e.code = 'above-scale') BETWEEN '2025-01-01' AND '2025-12-31')
  AND (p.revenue_2025 >= 2000000000)
  AND (p.industry LIKE 'C%')
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-XSG-510129 大邑县新升规工业企业配套奖励
SELECT 'BX-XSG-510129', p.uscc FROM portraits AS p
WHERE (p.district IN ('510129'))
  AND ((SELECT min(e.date) FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'above_scale' AND e.code = 'above-scale') BETWEEN '2025-01-01' AND '2025-12-31')
  AND (p.revenue_2025 >= 2000000000)
  AND (p.industry LIKE 'C%')
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-XSG-510131 蒲江县新升规工业企业配套奖励
SELECT 'BX-XSG-510131', p.uscc FROM portraits AS p
WHERE (p.district IN ('510131'))
  AND ((SELECT min(e.date) FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'above_scale' AND e.code = 'above-scale') BETWEEN '2025-01-01' AND '2025-12-31')
  AND (p.revenue_2025 >= 2000000000)
  AND (p.industry LIKE 'C%')
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-XSG-510181 都江堰市新升规工业企业配套奖励
SELECT 'BX-XSG-510181', p.uscc FROM portraits AS p
WHERE (p.district IN ('510181'))
  AND ((SELECT min(e.date) FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'above_scale' AND e.code = 'above-scale') BETWEEN '2025-01-01' AND '2025-12-31')
  AND (p.revenue_2025 >= 2000000000)
  AND (p.industry LIKE 'C%')
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-XSG-510182 彭州市新升规工业企业配套奖励
SELECT 'BX-XSG-510182', p.uscc FROM portraits AS p
WHERE (p.district IN ('510182'))
  AND ((SELECT min(e.date) FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'above_scale' AND e.code = 'above-scale') BETWEEN '2025-01-01' AND '2025-12-31')
  AND (p.revenue_2025 >= 2000000000)
  AND (p.industry LIKE 'C%')
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-XSG-510183 邛崃市新升规工业企业配套奖励
SELECT 'BX-XSG-510183', p.uscc FROM portraits AS p
WHERE (p.district IN ('510183'))
  AND ((SELECT min(e.date) FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'above_scale' AND e.code = 'above-scale') BETWEEN '2025-01-01' AND '2025-12-31')
  AND (p.revenue_2025 >= 2000000000)
  AND (p.industry LIKE 'C%')
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-XSG-510184 崇州市新升规工业企业配套奖励
SELECT 'BX-XSG-510184', p.uscc FROM portraits AS p
WHERE (p.district IN ('510184'))
  AND ((SELECT min(e.date) FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'above_scale' AND e.code = 'above-scale') BETWEEN '2025-01-01' AND '2025-12-31')
  AND (p.revenue_2025 >= 2000000000)
  AND (p.industry LIKE 'C%')
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-XSG-510185 简阳市新升规工业企业配套奖励
SELECT 'BX-XSG-510185', p.uscc FROM portraits AS p
WHERE (p.district IN ('510185'))
  AND ((SELECT min(e.date) FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'above_scale' AND e.code = 'above-scale') BETWEEN '2025-01-01' AND '2025-12-31')
  AND (p.revenue_2025 >= 2000000000)
  AND (p.industry LIKE 'C%')
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-GQ-510104 锦江区首次认定高新技术企业配套奖励
SELECT 'BX-GQ-510104', p.uscc FROM portraits AS p
WHERE (p.district IN ('510104'))
  AND ((SELECT min(e.date) FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'hightech') BETWEEN '2025-01-01' AND '2025-12-31')
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'hightech' AND e.date < '2025-01-01'))
  AND (p.rnd_expense_2025 >= 50000000)
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-GQ-510105 青羊区首次认定高新技术企业配套奖励
SELECT 'BX-GQ-510105', p.uscc FROM portraits AS p
WHERE (p.district IN ('510105'))
  AND ((SELECT min(e.date) FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'hightech') BETWEEN '2025-01-01' AND '2025-12-31')
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'hightech' AND e.date < '2025-01-01'))
  AND (p.rnd_expense_2025 >= 50000000)
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-GQ-510106 金牛区首次认定高新技术企业配套奖励
SELECT 'BX-GQ-510106', p.uscc FROM portraits AS p
WHERE (p.district IN ('510106'))
  AND ((SELECT min(e.date) FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'hightech') BETWEEN '2025-01-01' AND '2025-12-31')
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'hightech' AND e.date < '2025-01-01'))
  AND (p.rnd_expense_2025 >= 50000000)
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-GQ-510107 武侯区首次认定高新技术企业配套奖励
SELECT 'BX-GQ-510107', p.uscc FROM portraits AS p
WHERE (p.district IN ('510107'))
  AND ((SELECT min(e.date) FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'hightech') BETWEEN '2025-01-01' AND '2025-12-31')
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'hightech' AND e.date < '2025-01-01'))
  AND (p.rnd_expense_2025 >= 50000000)
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-GQ-510108 成华区首次认定高新技术企业配套奖励
SELECT 'BX-GQ-510108', p.uscc FROM portraits AS p
WHERE (p.district IN ('510108'))
  AND ((SELECT min(e.date) FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'hightech') BETWEEN '2025-01-01' AND '2025-12-31')
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'hightech' AND e.date < '2025-01-01'))
  AND (p.rnd_expense_2025 >= 50000000)
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-GQ-510112 龙泉驿区首次认定高新技术企业配套奖励
SELECT 'BX-GQ-510112', p.uscc FROM portraits AS p
WHERE (p.district IN ('510112'))
  AND ((SELECT min(e.date) FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'hightech') BETWEEN '2025-01-01' AND '2025-12-31')
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'hightech' AND e.date < '2025-01-01'))
  AND (p.rnd_expense_2025 >= 50000000)
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-GQ-510114 新都区首次认定高新技术企业配套奖励
SELECT 'BX-GQ-510114', p.uscc FROM portraits AS p
WHERE (p.district IN ('510114'))
  AND ((SELECT min(e.date) FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'hightech') BETWEEN '2025-01-01' AND '2025-12-31')
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'hightech' AND e.date < '2025-01-01'))
  AND (p.rnd_expense_2025 >= 50000000)
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-GQ-510115 温江区首次认定高新技术企业配套奖励
SELECT 'BX-GQ-510115', p.uscc FROM portraits AS p
WHERE (p.district IN ('510115'))
  AND ((SELECT min(e.date) FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'hightech') BETWEEN '2025-01-01' AND '2025-12-31')
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'hightech' AND e.date < '2025-01-01'))
  AND (p.rnd_expense_2025 >= 50000000)
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-GQ-510116 双流区首次认定高新技术企业配套奖励
SELECT 'BX-GQ-510116', p.uscc FROM portraits AS p
WHERE (p.district IN ('510116'))
  AND ((SELECT min(e.date) FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'hightech') BETWEEN '2025-01-01' AND '2025-12-31')
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'hightech' AND e.date < '2025-01-01'))
  AND (p.rnd_expense_2025 >= 50000000)
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-GQ-510117 郫都区首次认定高新技术企业配套奖励
SELECT 'BX-GQ-510117', p.uscc FROM portraits AS p
WHERE (p.district IN ('510117'))
  AND ((SELECT min(e.date) FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'hightech') BETWEEN '2025-01-01' AND '2025-12-31')
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'hightech' AND e.date < '2025-01-01'))
  AND (p.rnd_expense_2025 >= 50000000)
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-WG-003 稳岗就业补贴（参保3至9人）
SELECT 'BX-WG-003', p.uscc FROM portraits AS p
WHERE (p.insured_2025 >= 3 AND p.insured_2025 < 10)
  AND (p.employees_2025 >= 3 AND p.employees_2025 < 15)
  AND (p.insured_2024 >= 3)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-WG-010 稳岗就业补贴（参保10至19人）
SELECT 'BX-WG-010', p.uscc FROM portraits AS p
WHERE (p.insured_2025 >= 10 AND p.insured_2025 < 20)
  AND (p.employees_2025 >= 10 AND p.employees_2025 < 30)
  AND (p.insured_2024 >= 10)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-WG-020 稳岗就业补贴（参保20至49人）
SELECT 'BX-WG-020', p.uscc FROM portraits AS p
WHERE (p.insured_2025 >= 20 AND p.insured_2025 < 50)
  AND (p.employees_2025 >= 20 AND p.employees_2025 < 75)
  AND (p.insured_2024 >= 20)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-WG-050 稳岗就业补贴（参保50至99人）
SELECT 'BX-WG-050', p.uscc FROM portraits AS p
WHERE (p.insured_2025 >= 50 AND p.insured_2025 < 100)
  AND (p.employees_2025 >= 50 AND p.employees_2025 < 150)
  AND (p.insured_2024 >= 50)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-WG-100 稳岗就业补贴（参保100至299人）
SELECT 'BX-WG-100', p.uscc FROM portraits AS p
WHERE (p.insured_2025 >= 100 AND p.insured_2025 < 300)
  AND (p.employees_2025 >= 100 AND p.employees_2025 < 450)
  AND (p.insured_2024 >= 100)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-WG-300 稳岗就业补贴（参保300至999人）
SELECT 'BX-WG-300', p.uscc FROM portraits AS p
WHERE (p.insured_2025 >= 300 AND p.insured_2025 < 1000)
  AND (p.employees_2025 >= 300 AND p.employees_2025 < 1500)
  AND (p.insured_2024 >= 300)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-WG-1000 稳岗就业补贴（参保1000至2999人）
SELECT 'BX-WG-1000', p.uscc FROM portraits AS p
WHERE (p.insured_2025 >= 1000 AND p.insured_2025 < 3000)
  AND (p.employees_2025 >= 1000 AND p.employees_2025 < 4500)
  AND (p.insured_2024 >= 1000)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-WG-3000 稳岗就业补贴（参保3000至19999人）
SELECT 'BX-WG-3000', p.uscc FROM portraits AS p
WHERE (p.insured_2025 >= 3000 AND p.insured_2025 < 20000)
  AND (p.employees_2025 >= 3000 AND p.employees_2025 < 30000)
  AND (p.insured_2024 >= 3000)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-NS-00050 纳税贡献奖励（连续两年实缴税额50万元以上）
SELECT 'BX-NS-00050', p.uscc FROM portraits AS p
WHERE (p.tax_paid_2025 >= 50000000)
  AND (p.tax_paid_2024 >= 50000000)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-NS-00100 纳税贡献奖励（连续两年实缴税额100万元以上）
SELECT 'BX-NS-00100', p.uscc FROM portraits AS p
WHERE (p.tax_paid_2025 >= 100000000)
  AND (p.tax_paid_2024 >= 100000000)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-NS-00200 纳税贡献奖励（连续两年实缴税额200万元以上）
SELECT 'BX-NS-00200', p.uscc FROM portraits AS p
WHERE (p.tax_paid_2025 >= 200000000)
  AND (p.tax_paid_2024 >= 200000000)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-NS-00300 纳税贡献奖励（连续两年实缴税额300万元以上）
SELECT 'BX-NS-00300', p.uscc FROM portraits AS p
WHERE (p.tax_paid_2025 >= 300000000)
  AND (p.tax_paid_2024 >= 300000000)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-NS-00500 纳税贡献奖励（连续两年实缴税额500万元以上）
SELECT 'BX-NS-00500', p.uscc FROM portraits AS p
WHERE (p.tax_paid_2025 >= 500000000)
  AND (p.tax_paid_2024 >= 500000000)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-NS-01000 纳税贡献奖励（连续两年实缴税额1000万元以上）
SELECT 'BX-NS-01000', p.uscc FROM portraits AS p
WHERE (p.tax_paid_2025 >= 1000000000)
  AND (p.tax_paid_2024 >= 1000000000)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-NS-02000 纳税贡献奖励（连续两年实缴税额2000万元以上）
SELECT 'BX-NS-02000', p.uscc FROM portraits AS p
WHERE (p.tax_paid_2025 >= 2000000000)
  AND (p.tax_paid_2024 >= 2000000000)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-NS-03000 纳税贡献奖励（连续两年实缴税额3000万元以上）
SELECT 'BX-NS-03000', p.uscc FROM portraits AS p
WHERE (p.tax_paid_2025 >= 3000000000)
  AND (p.tax_paid_2024 >= 3000000000)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-NS-05000 纳税贡献奖励（连续两年实缴税额5000万元以上）
SELECT 'BX-NS-05000', p.uscc FROM portraits AS p
WHERE (p.tax_paid_2025 >= 5000000000)
  AND (p.tax_paid_2024 >= 5000000000)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-NS-10000 纳税贡献奖励（连续两年实缴税额1亿元以上）
SELECT 'BX-NS-10000', p.uscc FROM portraits AS p
WHERE (p.tax_paid_2025 >= 10000000000)
  AND (p.tax_paid_2024 >= 10000000000)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-NS-20000 纳税贡献奖励（连续两年实缴税额2亿元以上）
SELECT 'BX-NS-20000', p.uscc FROM portraits AS p
WHERE (p.tax_paid_2025 >= 20000000000)
  AND (p.tax_paid_2024 >= 20000000000)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-NS-50000 纳税贡献奖励（连续两年实缴税额5亿元以上）
SELECT 'BX-NS-50000', p.uscc FROM portraits AS p
WHERE (p.tax_paid_2025 >= 50000000000)
  AND (p.tax_paid_2024 >= 50000000000)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-JY-00100 稳定就业规模奖励（连续两年参保100人以上）
SELECT 'BX-JY-00100', p.uscc FROM portraits AS p
WHERE (p.insured_2025 >= 100)
  AND (p.insured_2024 >= 100)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-JY-00200 稳定就业规模奖励（连续两年参保200人以上）
SELECT 'BX-JY-00200', p.uscc FROM portraits AS p
WHERE (p.insured_2025 >= 200)
  AND (p.insured_2024 >= 200)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-JY-00300 稳定就业规模奖励（连续两年参保300人以上）
SELECT 'BX-JY-00300', p.uscc FROM portraits AS p
WHERE (p.insured_2025 >= 300)
  AND (p.insured_2024 >= 300)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-JY-00500 稳定就业规模奖励（连续两年参保500人以上）
SELECT 'BX-JY-00500', p.uscc FROM portraits AS p
WHERE (p.insured_2025 >= 500)
  AND (p.insured_2024 >= 500)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-JY-01000 稳定就业规模奖励（连续两年参保1000人以上）
SELECT 'BX-JY-01000', p.uscc FROM portraits AS p
WHERE (p.insured_2025 >= 1000)
  AND (p.insured_2024 >= 1000)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-JY-02000 稳定就业规模奖励（连续两年参保2000人以上）
SELECT 'BX-JY-02000', p.uscc FROM portraits AS p
WHERE (p.insured_2025 >= 2000)
  AND (p.insured_2024 >= 2000)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-JY-03000 稳定就业规模奖励（连续两年参保3000人以上）
SELECT 'BX-JY-03000', p.uscc FROM portraits AS p
WHERE (p.insured_2025 >= 3000)
  AND (p.insured_2024 >= 3000)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-JY-05000 稳定就业规模奖励（连续两年参保5000人以上）
SELECT 'BX-JY-05000', p.uscc FROM portraits AS p
WHERE (p.insured_2025 >= 5000)
  AND (p.insured_2024 >= 5000)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-JY-08000 稳定就业规模奖励（连续两年参保8000人以上）
SELECT 'BX-JY-08000', p.uscc FROM portraits AS p
WHERE (p.insured_2025 >= 8000)
  AND (p.insured_2024 >= 8000)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-JY-10000 稳定就业规模奖励（连续两年参保10000人以上）
SELECT 'BX-JY-10000', p.uscc FROM portraits AS p
WHERE (p.insured_2025 >= 10000)
  AND (p.insured_2024 >= 10000)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-ZZ-DZ 电子信息产业营业收入增长奖励
SELECT 'BX-ZZ-DZ', p.uscc FROM portraits AS p
WHERE (p.industry LIKE 'C39%')
  AND (p.revenue_2025 >= 2000000000)
  AND (p.total_assets_2025 >= 1000000000)
  AND (p.revenue_2024 > 0 AND (p.revenue_2025 - p.revenue_2024) * 100 >= 30 * p.revenue_2024)
  AND (p.tax_paid_2024 > 0 AND (p.tax_paid_2025 - p.tax_paid_2024) * 100 >= 20 * p.tax_paid_2024)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-ZZ-SW 生物医药产业营业收入增长奖励
SELECT 'BX-ZZ-SW', p.uscc FROM portraits AS p
WHERE ((p.industry LIKE 'C27%' OR p.industry LIKE 'C358%'))
  AND (p.revenue_2025 >= 1000000000)
  AND (p.total_assets_2025 >= 500000000)
  AND (p.revenue_2024 > 0 AND (p.revenue_2025 - p.revenue_2024) * 100 >= 30 * p.revenue_2024)
  AND (p.tax_paid_2024 > 0 AND (p.tax_paid_2025 - p.tax_paid_2024) * 100 >= 20 * p.tax_paid_2024)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-ZZ-QC 汽车及航空航天产业营业收入增长奖励
SELECT 'BX-ZZ-QC', p.uscc FROM portraits AS p
WHERE ((p.industry LIKE 'C36%' OR p.industry LIKE 'C37%'))
  AND (p.revenue_2025 >= 3000000000)
  AND (p.total_assets_2025 >= 1500000000)
  AND (p.revenue_2024 > 0 AND (p.revenue_2025 - p.revenue_2024) * 100 >= 30 * p.revenue_2024)
  AND (p.tax_paid_2024 > 0 AND (p.tax_paid_2025 - p.tax_paid_2024) * 100 >= 20 * p.tax_paid_2024)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-ZZ-ZB 装备制造产业营业收入增长奖励
SELECT 'BX-ZZ-ZB', p.uscc FROM portraits AS p
WHERE ((p.industry LIKE 'C34%' OR p.industry LIKE 'C35%' OR p.industry LIKE 'C40%'))
  AND (p.revenue_2025 >= 2000000000)
  AND (p.total_assets_2025 >= 1000000000)
  AND (p.revenue_2024 > 0 AND (p.revenue_2025 - p.revenue_2024) * 100 >= 30 * p.revenue_2024)
  AND (p.tax_paid_2024 > 0 AND (p.tax_paid_2025 - p.tax_paid_2024) * 100 >= 20 * p.tax_paid_2024)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-ZZ-RJ 软件和信息服务产业营业收入增长奖励
SELECT 'BX-ZZ-RJ', p.uscc FROM portraits AS p
WHERE (p.industry LIKE 'I65%')
  AND (p.revenue_2025 >= 1000000000)
  AND (p.total_assets_2025 >= 500000000)
  AND (p.revenue_2024 > 0 AND (p.revenue_2025 - p.revenue_2024) * 100 >= 30 * p.revenue_2024)
  AND (p.tax_paid_2024 > 0 AND (p.tax_paid_2025 - p.tax_paid_2024) * 100 >= 20 * p.tax_paid_2024)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-ZZ-HL 互联网和大数据产业营业收入增长奖励
SELECT 'BX-ZZ-HL', p.uscc FROM portraits AS p
WHERE (p.industry LIKE 'I64%')
  AND (p.revenue_2025 >= 500000000)
  AND (p.total_assets_2025 >= 250000000)
  AND (p.revenue_2024 > 0 AND (p.revenue_2025 - p.revenue_2024) * 100 >= 30 * p.revenue_2024)
  AND (p.tax_paid_2024 > 0 AND (p.tax_paid_2025 - p.tax_paid_2024) * 100 >= 20 * p.tax_paid_2024)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-ZZ-KF 研发和检测服务产业营业收入增长奖励
SELECT 'BX-ZZ-KF', p.uscc FROM portraits AS p
WHERE ((p.industry LIKE 'M73%' OR p.industry LIKE 'M74%'))
  AND (p.revenue_2025 >= 500000000)
  AND (p.total_assets_2025 >= 250000000)
  AND (p.revenue_2024 > 0 AND (p.revenue_2025 - p.revenue_2024) * 100 >= 30 * p.revenue_2024)
  AND (p.tax_paid_2024 > 0 AND (p.tax_paid_2025 - p.tax_paid_2024) * 100 >= 20 * p.tax_paid_2024)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-ZZ-SP 食品饮料产业营业收入增长奖励
SELECT 'BX-ZZ-SP', p.uscc FROM portraits AS p
WHERE ((p.industry LIKE 'C13%' OR p.industry LIKE 'C14%' OR p.industry LIKE 'C15%'))
  AND (p.revenue_2025 >= 2000000000)
  AND (p.total_assets_2025 >= 1000000000)
  AND (p.revenue_2024 > 0 AND (p.revenue_2025 - p.revenue_2024) * 100 >= 30 * p.revenue_2024)
  AND (p.tax_paid_2024 > 0 AND (p.tax_paid_2025 - p.tax_paid_2024) * 100 >= 20 * p.tax_paid_2024)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-ZZ-CL 新材料产业营业收入增长奖励
SELECT 'BX-ZZ-CL', p.uscc FROM portraits AS p
WHERE ((p.industry LIKE 'C26%' OR p.industry LIKE 'C29%' OR p.industry LIKE 'C30%' OR p.industry LIKE 'C31%' OR p.industry LIKE 'C33%'))
  AND (p.revenue_2025 >= 2000000000)
  AND (p.total_assets_2025 >= 1000000000)
  AND (p.revenue_2024 > 0 AND (p.revenue_2025 - p.revenue_2024) * 100 >= 30 * p.revenue_2024)
  AND (p.tax_paid_2024 > 0 AND (p.tax_paid_2025 - p.tax_paid_2024) * 100 >= 20 * p.tax_paid_2024)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-ZZ-SM 现代商贸产业营业收入增长奖励
SELECT 'BX-ZZ-SM', p.uscc FROM portraits AS p
WHERE ((p.industry LIKE 'F51%' OR p.industry LIKE 'F52%'))
  AND (p.revenue_2025 >= 5000000000)
  AND (p.total_assets_2025 >= 2500000000)
  AND (p.revenue_2024 > 0 AND (p.revenue_2025 - p.revenue_2024) * 100 >= 30 * p.revenue_2024)
  AND (p.tax_paid_2024 > 0 AND (p.tax_paid_2025 - p.tax_paid_2024) * 100 >= 20 * p.tax_paid_2024)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-YF-0030 高新技术企业研发投入后补助（研发费用30万元以上）
SELECT 'BX-YF-0030', p.uscc FROM portraits AS p
WHERE (p.rnd_expense_2025 >= 30000000)
  AND (p.rnd_expense_2024 >= 15000000)
  AND (p.rnd_expense_2024 > 0 AND (p.rnd_expense_2025 - p.rnd_expense_2024) * 100 > 0 * p.rnd_expense_2024)
  AND (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'hightech'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-YF-0050 高新技术企业研发投入后补助（研发费用50万元以上）
SELECT 'BX-YF-0050', p.uscc FROM portraits AS p
WHERE (p.rnd_expense_2025 >= 50000000)
  AND (p.rnd_expense_2024 >= 25000000)
  AND (p.rnd_expense_2024 > 0 AND (p.rnd_expense_2025 - p.rnd_expense_2024) * 100 > 0 * p.rnd_expense_2024)
  AND (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'hightech'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-YF-0100 高新技术企业研发投入后补助（研发费用100万元以上）
SELECT 'BX-YF-0100', p.uscc FROM portraits AS p
WHERE (p.rnd_expense_2025 >= 100000000)
  AND (p.rnd_expense_2024 >= 50000000)
  AND (p.rnd_expense_2024 > 0 AND (p.rnd_expense_2025 - p.rnd_expense_2024) * 100 > 0 * p.rnd_expense_2024)
  AND (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'hightech'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-YF-0200 高新技术企业研发投入后补助（研发费用200万元以上）
SELECT 'BX-YF-0200', p.uscc FROM portraits AS p
WHERE (p.rnd_expense_2025 >= 200000000)
  AND (p.rnd_expense_2024 >= 100000000)
  AND (p.rnd_expense_2024 > 0 AND (p.rnd_expense_2025 - p.rnd_expense_2024) * 100 > 0 * p.rnd_expense_2024)
  AND (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'hightech'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-YF-0300 高新技术企业研发投入后补助（研发费用300万元以上）
SELECT 'BX-YF-0300', p.uscc FROM portraits AS p
WHERE (p.rnd_expense_2025 >= 300000000)
  AND (p.rnd_expense_2024 >= 150000000)
  AND (p.rnd_expense_2024 > 0 AND (p.rnd_expense_2025 - p.rnd_expense_2024) * 100 > 0 * p.rnd_expense_2024)
  AND (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'hightech'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-YF-0500 高新技术企业研发投入后补助（研发费用500万元以上）
SELECT 'BX-YF-0500', p.uscc FROM portraits AS p
WHERE (p.rnd_expense_2025 >= 500000000)
  AND (p.rnd_expense_2024 >= 250000000)
  AND (p.rnd_expense_2024 > 0 AND (p.rnd_expense_2025 - p.rnd_expense_2024) * 100 > 0 * p.rnd_expense_2024)
  AND (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'hightech'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-YF-1000 高新技术企业研发投入后补助（研发费用1000万元以上）
SELECT 'BX-YF-1000', p.uscc FROM portraits AS p
WHERE (p.rnd_expense_2025 >= 1000000000)
  AND (p.rnd_expense_2024 >= 500000000)
  AND (p.rnd_expense_2024 > 0 AND (p.rnd_expense_2025 - p.rnd_expense_2024) * 100 > 0 * p.rnd_expense_2024)
  AND (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'hightech'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-YF-2000 高新技术企业研发投入后补助（研发费用2000万元以上）
SELECT 'BX-YF-2000', p.uscc FROM portraits AS p
WHERE (p.rnd_expense_2025 >= 2000000000)
  AND (p.rnd_expense_2024 >= 1000000000)
  AND (p.rnd_expense_2024 > 0 AND (p.rnd_expense_2025 - p.rnd_expense_2024) * 100 > 0 * p.rnd_expense_2024)
  AND (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'hightech'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-YF-3000 高新技术企业研发投入后补助（研发费用3000万元以上）
SELECT 'BX-YF-3000', p.uscc FROM portraits AS p
WHERE (p.rnd_expense_2025 >= 3000000000)
  AND (p.rnd_expense_2024 >= 1500000000)
  AND (p.rnd_expense_2024 > 0 AND (p.rnd_expense_2025 - p.rnd_expense_2024) * 100 > 0 * p.rnd_expense_2024)
  AND (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'hightech'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-YF-5000 高新技术企业研发投入后补助（研发费用5000万元以上）
SELECT 'BX-YF-5000', p.uscc FROM portraits AS p
WHERE (p.rnd_expense_2025 >= 5000000000)
  AND (p.rnd_expense_2024 >= 2500000000)
  AND (p.rnd_expense_2024 > 0 AND (p.rnd_expense_2025 - p.rnd_expense_2024) * 100 > 0 * p.rnd_expense_2024)
  AND (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'hightech'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-TP-005 营业收入首次突破5000万元奖励
SELECT 'BX-TP-005', p.uscc FROM portraits AS p
WHERE ((p.revenue_2025 >= 5000000000 AND p.revenue_2021 < 5000000000 AND p.revenue_2022 < 5000000000 AND p.revenue_2023 < 5000000000 AND p.revenue_2024 < 5000000000))
  AND (p.revenue_2025 >= 5000000000)
  AND (p.revenue_2024 < 5000000000)
  AND (p.total_assets_2025 >= 1250000000)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-TP-010 营业收入首次突破1亿元奖励
SELECT 'BX-TP-010', p.uscc FROM portraits AS p
WHERE ((p.revenue_2025 >= 10000000000 AND p.revenue_2021 < 10000000000 AND p.revenue_2022 < 10000000000 AND p.revenue_2023 < 10000000000 AND p.revenue_2024 < 10000000000))
  AND (p.revenue_2025 >= 10000000000)
  AND (p.revenue_2024 < 10000000000)
  AND (p.total_assets_2025 >= 2500000000)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-TP-020 营业收入首次突破2亿元奖励
SELECT 'BX-TP-020', p.uscc FROM portraits AS p
WHERE ((p.revenue_2025 >= 20000000000 AND p.revenue_2021 < 20000000000 AND p.revenue_2022 < 20000000000 AND p.revenue_2023 < 20000000000 AND p.revenue_2024 < 20000000000))
  AND (p.revenue_2025 >= 20000000000)
  AND (p.revenue_2024 < 20000000000)
  AND (p.total_assets_2025 >= 5000000000)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-TP-030 营业收入首次突破3亿元奖励
SELECT 'BX-TP-030', p.uscc FROM portraits AS p
WHERE ((p.revenue_2025 >= 30000000000 AND p.revenue_2021 < 30000000000 AND p.revenue_2022 < 30000000000 AND p.revenue_2023 < 30000000000 AND p.revenue_2024 < 30000000000))
  AND (p.revenue_2025 >= 30000000000)
  AND (p.revenue_2024 < 30000000000)
  AND (p.total_assets_2025 >= 7500000000)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-TP-050 营业收入首次突破5亿元奖励
SELECT 'BX-TP-050', p.uscc FROM portraits AS p
WHERE ((p.revenue_2025 >= 50000000000 AND p.revenue_2021 < 50000000000 AND p.revenue_2022 < 50000000000 AND p.revenue_2023 < 50000000000 AND p.revenue_2024 < 50000000000))
  AND (p.revenue_2025 >= 50000000000)
  AND (p.revenue_2024 < 50000000000)
  AND (p.total_assets_2025 >= 12500000000)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-TP-100 营业收入首次突破10亿元奖励
SELECT 'BX-TP-100', p.uscc FROM portraits AS p
WHERE ((p.revenue_2025 >= 100000000000 AND p.revenue_2021 < 100000000000 AND p.revenue_2022 < 100000000000 AND p.revenue_2023 < 100000000000 AND p.revenue_2024 < 100000000000))
  AND (p.revenue_2025 >= 100000000000)
  AND (p.revenue_2024 < 100000000000)
  AND (p.total_assets_2025 >= 25000000000)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-TP-200 营业收入首次突破20亿元奖励
SELECT 'BX-TP-200', p.uscc FROM portraits AS p
WHERE ((p.revenue_2025 >= 200000000000 AND p.revenue_2021 < 200000000000 AND p.revenue_2022 < 200000000000 AND p.revenue_2023 < 200000000000 AND p.revenue_2024 < 200000000000))
  AND (p.revenue_2025 >= 200000000000)
  AND (p.revenue_2024 < 200000000000)
  AND (p.total_assets_2025 >= 50000000000)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-TP-500 营业收入首次突破50亿元奖励
SELECT 'BX-TP-500', p.uscc FROM portraits AS p
WHERE ((p.revenue_2025 >= 500000000000 AND p.revenue_2021 < 500000000000 AND p.revenue_2022 < 500000000000 AND p.revenue_2023 < 500000000000 AND p.revenue_2024 < 500000000000))
  AND (p.revenue_2025 >= 500000000000)
  AND (p.revenue_2024 < 500000000000)
  AND (p.total_assets_2025 >= 125000000000)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-ZJTX-1-1 中心城区成都市专精特新中小企业认定奖励
SELECT 'BX-ZJTX-1-1', p.uscc FROM portraits AS p
WHERE (p.district IN ('510104', '510105', '510106', '510107', '510108'))
  AND (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'zjtx-city' AND e.date BETWEEN '2025-01-01' AND '2025-12-31'))
  AND (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'hightech'))
  AND (p.size_class IN ('medium', 'small', 'micro'))
  AND (p.revenue_2025 >= 500000000)
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-ZJTX-1-2 近郊区成都市专精特新中小企业认定奖励
SELECT 'BX-ZJTX-1-2', p.uscc FROM portraits AS p
WHERE (p.district IN ('510112', '510113', '510114', '510115', '510116', '510117', '510118'))
  AND (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'zjtx-city' AND e.date BETWEEN '2025-01-01' AND '2025-12-31'))
  AND (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'hightech'))
  AND (p.size_class IN ('medium', 'small', 'micro'))
  AND (p.revenue_2025 >= 500000000)
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-ZJTX-1-3 远郊区（市）县成都市专精特新中小企业认定奖励
SELECT 'BX-ZJTX-1-3', p.uscc FROM portraits AS p
WHERE (p.district IN ('510121', '510129', '510131', '510181', '510182', '510183', '510184', '510185'))
  AND (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'zjtx-city' AND e.date BETWEEN '2025-01-01' AND '2025-12-31'))
  AND (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'hightech'))
  AND (p.size_class IN ('medium', 'small', 'micro'))
  AND (p.revenue_2025 >= 500000000)
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-ZJTX-2-1 中心城区四川省专精特新中小企业认定奖励
SELECT 'BX-ZJTX-2-1', p.uscc FROM portraits AS p
WHERE (p.district IN ('510104', '510105', '510106', '510107', '510108'))
  AND (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'zjtx-province' AND e.date BETWEEN '2025-01-01' AND '2025-12-31'))
  AND (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'zjtx-city'))
  AND (p.size_class IN ('medium', 'small', 'micro'))
  AND (p.revenue_2025 >= 500000000)
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-ZJTX-2-2 近郊区四川省专精特新中小企业认定奖励
SELECT 'BX-ZJTX-2-2', p.uscc FROM portraits AS p
WHERE (p.district IN ('510112', '510113', '510114', '510115', '510116', '510117', '510118'))
  AND (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'zjtx-province' AND e.date BETWEEN '2025-01-01' AND '2025-12-31'))
  AND (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'zjtx-city'))
  AND (p.size_class IN ('medium', 'small', 'micro'))
  AND (p.revenue_2025 >= 500000000)
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-ZJTX-2-3 远郊区（市）县四川省专精特新中小企业认定奖励
SELECT 'BX-ZJTX-2-3', p.uscc FROM portraits AS p
WHERE (p.district IN ('510121', '510129', '510131', '510181', '510182', '510183', '510184', '510185'))
  AND (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'zjtx-province' AND e.date BETWEEN '2025-01-01' AND '2025-12-31'))
  AND (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'zjtx-city'))
  AND (p.size_class IN ('medium', 'small', 'micro'))
  AND (p.revenue_2025 >= 500000000)
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-ZJTX-3-1 中心城区国家级专精特新“小巨人”企业认定奖励
SELECT 'BX-ZJTX-3-1', p.uscc FROM portraits AS p
WHERE (p.district IN ('510104', '510105', '510106', '510107', '510108'))
  AND (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'zjtx-national' AND e.date BETWEEN '2025-01-01' AND '2025-12-31'))
  AND (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'zjtx-province'))
  AND (p.size_class IN ('medium', 'small', 'micro'))
  AND (p.revenue_2025 >= 500000000)
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-ZJTX-3-2 近郊区国家级专精特新“小巨人”企业认定奖励
SELECT 'BX-ZJTX-3-2', p.uscc FROM portraits AS p
WHERE (p.district IN ('510112', '510113', '510114', '510115', '510116', '510117', '510118'))
  AND (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'zjtx-national' AND e.date BETWEEN '2025-01-01' AND '2025-12-31'))
  AND (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'zjtx-province'))
  AND (p.size_class IN ('medium', 'small', 'micro'))
  AND (p.revenue_2025 >= 500000000)
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-ZJTX-3-3 远郊区（市）县国家级专精特新“小巨人”企业认定奖励
SELECT 'BX-ZJTX-3-3', p.uscc FROM portraits AS p
WHERE (p.district IN ('510121', '510129', '510131', '510181', '510182', '510183', '510184', '510185'))
  AND (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'zjtx-national' AND e.date BETWEEN '2025-01-01' AND '2025-12-31'))
  AND (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'zjtx-province'))
  AND (p.size_class IN ('medium', 'small', 'micro'))
  AND (p.revenue_2025 >= 500000000)
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-SS-NEEQ-1 中心城区新三板挂牌企业奖励
SELECT 'BX-SS-NEEQ-1', p.uscc FROM portraits AS p
WHERE (p.district IN ('510104', '510105', '510106', '510107', '510108'))
  AND (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'neeq' AND e.date BETWEEN '2025-01-01' AND '2025-12-31'))
  AND (((EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'hightech')) OR (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'zjtx-city'))))
  AND (p.revenue_2025 >= 5000000000)
  AND (p.total_assets_2025 >= 2500000000)
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-SS-NEEQ-2 近郊区新三板挂牌企业奖励
SELECT 'BX-SS-NEEQ-2', p.uscc FROM portraits AS p
WHERE (p.district IN ('510112', '510113', '510114', '510115', '510116', '510117', '510118'))
  AND (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'neeq' AND e.date BETWEEN '2025-01-01' AND '2025-12-31'))
  AND (((EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'hightech')) OR (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'zjtx-city'))))
  AND (p.revenue_2025 >= 5000000000)
  AND (p.total_assets_2025 >= 2500000000)
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-SS-NEEQ-3 远郊区（市）县新三板挂牌企业奖励
SELECT 'BX-SS-NEEQ-3', p.uscc FROM portraits AS p
WHERE (p.district IN ('510121', '510129', '510131', '510181', '510182', '510183', '510184', '510185'))
  AND (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'neeq' AND e.date BETWEEN '2025-01-01' AND '2025-12-31'))
  AND (((EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'hightech')) OR (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'zjtx-city'))))
  AND (p.revenue_2025 >= 5000000000)
  AND (p.total_assets_2025 >= 2500000000)
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-SS-BSE-1 中心城区北京证券交易所上市企业奖励
SELECT 'BX-SS-BSE-1', p.uscc FROM portraits AS p
WHERE (p.district IN ('510104', '510105', '510106', '510107', '510108'))
  AND (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'bse' AND e.date BETWEEN '2025-01-01' AND '2025-12-31'))
  AND (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'neeq'))
  AND (p.revenue_2025 >= 5000000000)
  AND (p.total_assets_2025 >= 2500000000)
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-SS-BSE-2 近郊区北京证券交易所上市企业奖励
SELECT 'BX-SS-BSE-2', p.uscc FROM portraits AS p
WHERE (p.district IN ('510112', '510113', '510114', '510115', '510116', '510117', '510118'))
  AND (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'bse' AND e.date BETWEEN '2025-01-01' AND '2025-12-31'))
  AND (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'neeq'))
  AND (p.revenue_2025 >= 5000000000)
  AND (p.total_assets_2025 >= 2500000000)
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-SS-BSE-3 远郊区（市）县北京证券交易所上市企业奖励
SELECT 'BX-SS-BSE-3', p.uscc FROM portraits AS p
WHERE (p.district IN ('510121', '510129', '510131', '510181', '510182', '510183', '510184', '510185'))
  AND (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'bse' AND e.date BETWEEN '2025-01-01' AND '2025-12-31'))
  AND (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'neeq'))
  AND (p.revenue_2025 >= 5000000000)
  AND (p.total_assets_2025 >= 2500000000)
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-JG-DZ 电子信息企业技术改造设备投资补助
SELECT 'BX-JG-DZ', p.uscc FROM portraits AS p
WHERE (p.industry LIKE 'C39%')
  AND (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'above_scale' AND e.code = 'above-scale'))
  AND (p.revenue_2025 >= 20000000000)
  AND (NULL /* equipment_investment: declared by the enterprise */)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-JG-SW 生物医药企业技术改造设备投资补助
SELECT 'BX-JG-SW', p.uscc FROM portraits AS p
WHERE ((p.industry LIKE 'C27%' OR p.industry LIKE 'C358%'))
  AND (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'above_scale' AND e.code = 'above-scale'))
  AND (p.revenue_2025 >= 10000000000)
  AND (NULL /* equipment_investment: declared by the enterprise */)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-JG-QC 汽车及航空航天企业技术改造设备投资补助
SELECT 'BX-JG-QC', p.uscc FROM portraits AS p
WHERE ((p.industry LIKE 'C36%' OR p.industry LIKE 'C37%'))
  AND (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'above_scale' AND e.code = 'above-scale'))
  AND (p.revenue_2025 >= 30000000000)
  AND (NULL /* equipment_investment: declared by the enterprise */)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-JG-ZB 装备制造企业技术改造设备投资补助
SELECT 'BX-JG-ZB', p.uscc FROM portraits AS p
WHERE ((p.industry LIKE 'C34%' OR p.industry LIKE 'C35%' OR p.industry LIKE 'C40%'))
  AND (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'above_scale' AND e.code = 'above-scale'))
  AND (p.revenue_2025 >= 20000000000)
  AND (NULL /* equipment_investment: declared by the enterprise */)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-JG-SP 食品饮料企业技术改造设备投资补助
SELECT 'BX-JG-SP', p.uscc FROM portraits AS p
WHERE ((p.industry LIKE 'C13%' OR p.industry LIKE 'C14%' OR p.industry LIKE 'C15%'))
  AND (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'above_scale' AND e.code = 'above-scale'))
  AND (p.revenue_2025 >= 20000000000)
  AND (NULL /* equipment_investment: declared by the enterprise */)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-SZ-1 中心城区中小企业数字化改造补助
SELECT 'BX-SZ-1', p.uscc FROM portraits AS p
WHERE (p.district IN ('510104', '510105', '510106', '510107', '510108'))
  AND ((p.industry LIKE 'C39%' OR p.industry LIKE 'C34%' OR p.industry LIKE 'C35%'))
  AND (p.size_class IN ('medium'))
  AND (p.revenue_2025 >= 10000000000)
  AND (NULL /* retrofit_investment: declared by the enterprise */);

-- BX-SZ-2 近郊区中小企业数字化改造补助
SELECT 'BX-SZ-2', p.uscc FROM portraits AS p
WHERE (p.district IN ('510112', '510113', '510114', '510115', '510116', '510117', '510118'))
  AND ((p.industry LIKE 'C39%' OR p.industry LIKE 'C34%' OR p.industry LIKE 'C35%'))
  AND (p.size_class IN ('medium'))
  AND (p.revenue_2025 >= 10000000000)
  AND (NULL /* retrofit_investment: declared by the enterprise */);

-- BX-SZ-3 远郊区（市）县中小企业数字化改造补助
SELECT 'BX-SZ-3', p.uscc FROM portraits AS p
WHERE (p.district IN ('510121', '510129', '510131', '510181', '510182', '510183', '510184', '510185'))
  AND ((p.industry LIKE 'C39%' OR p.industry LIKE 'C34%' OR p.industry LIKE 'C35%'))
  AND (p.size_class IN ('medium'))
  AND (p.revenue_2025 >= 10000000000)
  AND (NULL /* retrofit_investment: declared by the enterprise */);

-- BX-STT-1 首台（套）重大技术装备推广奖励（C34、C35）
SELECT 'BX-STT-1', p.uscc FROM portraits AS p
WHERE ((p.industry LIKE 'C34%' OR p.industry LIKE 'C35%'))
  AND (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'first-set' AND e.date BETWEEN '2025-01-01' AND '2025-12-31'))
  AND (NULL /* first_set_sales: declared by the enterprise */);

-- BX-STT-2 首台（套）重大技术装备推广奖励（C36、C37）
SELECT 'BX-STT-2', p.uscc FROM portraits AS p
WHERE ((p.industry LIKE 'C36%' OR p.industry LIKE 'C37%'))
  AND (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'first-set' AND e.date BETWEEN '2025-01-01' AND '2025-12-31'))
  AND (NULL /* first_set_sales: declared by the enterprise */);

-- BX-STT-3 首台（套）重大技术装备推广奖励（C38、C39）
SELECT 'BX-STT-3', p.uscc FROM portraits AS p
WHERE ((p.industry LIKE 'C38%' OR p.industry LIKE 'C39%'))
  AND (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'first-set' AND e.date BETWEEN '2025-01-01' AND '2025-12-31'))
  AND (NULL /* first_set_sales: declared by the enterprise */);

-- BX-STT-4 首台（套）重大技术装备推广奖励（C40）
SELECT 'BX-STT-4', p.uscc FROM portraits AS p
WHERE (p.industry LIKE 'C40%')
  AND (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'first-set' AND e.date BETWEEN '2025-01-01' AND '2025-12-31'))
  AND (NULL /* first_set_sales: declared by the enterprise */);

-- BX-ZDXM-1 重大工业项目投产奖励（C39）
SELECT 'BX-ZDXM-1', p.uscc FROM portraits AS p
WHERE (NULL /* project_fit: a reviewer's judgement */)
  AND (p.industry LIKE 'C39%')
  AND (p.revenue_2025 >= 100000000000)
  AND (NULL /* equipment_investment: declared by the enterprise */);

-- BX-ZDXM-2 重大工业项目投产奖励（C37）
SELECT 'BX-ZDXM-2', p.uscc FROM portraits AS p
WHERE (NULL /* project_fit: a reviewer's judgement */)
  AND (p.industry LIKE 'C37%')
  AND (p.revenue_2025 >= 100000000000)
  AND (NULL /* equipment_investment: declared by the enterprise */);

-- BX-YQ-hitech 成都高新区重点产业企业发展奖励
SELECT 'BX-YQ-hitech', p.uscc FROM portraits AS p
WHERE (p.zone IN ('hitech'))
  AND ((p.industry LIKE 'C39%' OR p.industry LIKE 'I65%'))
  AND (p.revenue_2025 >= 5000000000)
  AND (p.insured_2025 >= 20)
  AND (p.established <= date('2026-06-30', '-1 years'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-CZ-hitech 成都高新区高成长初创企业奖励
SELECT 'BX-CZ-hitech', p.uscc FROM portraits AS p
WHERE (p.zone IN ('hitech'))
  AND (p.established > date('2026-06-30', '-5 years'))
  AND (p.revenue_2025 >= 500000000)
  AND (p.revenue_2024 > 0 AND (p.revenue_2025 - p.revenue_2024) * 100 >= 20 * p.revenue_2024)
  AND (((EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'hightech')) OR (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'zjtx-city'))))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-YQ-tianfu 天府新区重点产业企业发展奖励
SELECT 'BX-YQ-tianfu', p.uscc FROM portraits AS p
WHERE (p.zone IN ('tianfu'))
  AND ((p.industry LIKE 'I65%' OR p.industry LIKE 'M73%'))
  AND (p.revenue_2025 >= 5000000000)
  AND (p.insured_2025 >= 20)
  AND (p.established <= date('2026-06-30', '-1 years'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-CZ-tianfu 天府新区高成长初创企业奖励
SELECT 'BX-CZ-tianfu', p.uscc FROM portraits AS p
WHERE (p.zone IN ('tianfu'))
  AND (p.established > date('2026-06-30', '-5 years'))
  AND (p.revenue_2025 >= 500000000)
  AND (p.revenue_2024 > 0 AND (p.revenue_2025 - p.revenue_2024) * 100 >= 20 * p.revenue_2024)
  AND (((EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'hightech')) OR (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'zjtx-city'))))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-YQ-eastern 成都东部新区重点产业企业发展奖励
SELECT 'BX-YQ-eastern', p.uscc FROM portraits AS p
WHERE (p.zone IN ('eastern'))
  AND ((p.industry LIKE 'C37%' OR p.industry LIKE 'C38%' OR p.industry LIKE 'C39%'))
  AND (p.revenue_2025 >= 5000000000)
  AND (p.insured_2025 >= 20)
  AND (p.established <= date('2026-06-30', '-1 years'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-CZ-eastern 成都东部新区高成长初创企业奖励
SELECT 'BX-CZ-eastern', p.uscc FROM portraits AS p
WHERE (p.zone IN ('eastern'))
  AND (p.established > date('2026-06-30', '-5 years'))
  AND (p.revenue_2025 >= 500000000)
  AND (p.revenue_2024 > 0 AND (p.revenue_2025 - p.revenue_2024) * 100 >= 20 * p.revenue_2024)
  AND (((EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'hightech')) OR (EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'certs' AND e.code = 'zjtx-city'))))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-LT-004 工业龙头企业规模发展奖励（营业收入4亿元以上）
SELECT 'BX-LT-004', p.uscc FROM portraits AS p
WHERE (p.industry LIKE 'C%')
  AND (p.size_class IN ('large', 'medium'))
  AND (p.employees_2025 >= 300)
  AND (p.revenue_2025 >= 40000000000)
  AND (p.revenue_2024 > 0 AND (p.revenue_2025 - p.revenue_2024) * 100 >= 5 * p.revenue_2024)
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-LT-010 工业龙头企业规模发展奖励（营业收入10亿元以上）
SELECT 'BX-LT-010', p.uscc FROM portraits AS p
WHERE (p.industry LIKE 'C%')
  AND (p.size_class IN ('large', 'medium'))
  AND (p.employees_2025 >= 500)
  AND (p.revenue_2025 >= 100000000000)
  AND (p.revenue_2024 > 0 AND (p.revenue_2025 - p.revenue_2024) * 100 >= 5 * p.revenue_2024)
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-LT-020 工业龙头企业规模发展奖励（营业收入20亿元以上）
SELECT 'BX-LT-020', p.uscc FROM portraits AS p
WHERE (p.industry LIKE 'C%')
  AND (p.size_class IN ('large', 'medium'))
  AND (p.employees_2025 >= 1000)
  AND (p.revenue_2025 >= 200000000000)
  AND (p.revenue_2024 > 0 AND (p.revenue_2025 - p.revenue_2024) * 100 >= 5 * p.revenue_2024)
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-LT-050 工业龙头企业规模发展奖励（营业收入50亿元以上）
SELECT 'BX-LT-050', p.uscc FROM portraits AS p
WHERE (p.industry LIKE 'C%')
  AND (p.size_class IN ('large', 'medium'))
  AND (p.employees_2025 >= 2000)
  AND (p.revenue_2025 >= 500000000000)
  AND (p.revenue_2024 > 0 AND (p.revenue_2025 - p.revenue_2024) * 100 >= 5 * p.revenue_2024)
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-WZ-1000 企业稳增长奖励（营业收入1000万元以上）
SELECT 'BX-WZ-1000', p.uscc FROM portraits AS p
WHERE (p.revenue_2025 >= 1000000000)
  AND (p.total_assets_2025 >= 1000000000)
  AND (p.revenue_2024 > 0 AND (p.revenue_2025 - p.revenue_2024) * 100 > 0 * p.revenue_2024)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-WZ-5000 企业稳增长奖励（营业收入5000万元以上）
SELECT 'BX-WZ-5000', p.uscc FROM portraits AS p
WHERE (p.revenue_2025 >= 5000000000)
  AND (p.total_assets_2025 >= 5000000000)
  AND (p.revenue_2024 > 0 AND (p.revenue_2025 - p.revenue_2024) * 100 > 0 * p.revenue_2024)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));

-- BX-WZ-20000 企业稳增长奖励（营业收入2亿元以上）
SELECT 'BX-WZ-20000', p.uscc FROM portraits AS p
WHERE (p.revenue_2025 >= 20000000000)
  AND (p.total_assets_2025 >= 20000000000)
  AND (p.revenue_2024 > 0 AND (p.revenue_2025 - p.revenue_2024) * 100 > 0 * p.revenue_2024)
  AND (p.status IN ('active'))
  AND (NOT EXISTS (SELECT 1 FROM entries AS e WHERE e.uscc = p.uscc AND e.field = 'dishonesty' AND e.code = 'serious'));
