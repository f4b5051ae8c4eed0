-- Load portraits.csv, imported as text into the table raw, into typed
-- tables for items.sql. Written by bench/gen-policies.py.
CREATE TABLE portraits AS SELECT
  NULLIF(uscc, '') AS uscc,
  NULLIF(name, '') AS name,
  NULLIF(established, '') AS established,
  NULLIF(status, '') AS status,
  NULLIF(district, '') AS district,
  NULLIF(zone, '') AS zone,
  NULLIF(industry, '') AS industry,
  CAST(round(NULLIF(registered_capital, '') * 100) AS INTEGER) AS registered_capital,
  CAST(round(NULLIF(revenue_2021, '') * 100) AS INTEGER) AS revenue_2021,
  CAST(round(NULLIF(revenue_2022, '') * 100) AS INTEGER) AS revenue_2022,
  CAST(round(NULLIF(revenue_2023, '') * 100) AS INTEGER) AS revenue_2023,
  CAST(round(NULLIF(revenue_2024, '') * 100) AS INTEGER) AS revenue_2024,
  CAST(round(NULLIF(revenue_2025, '') * 100) AS INTEGER) AS revenue_2025,
  CAST(round(NULLIF(tax_paid_2021, '') * 100) AS INTEGER) AS tax_paid_2021,
  CAST(round(NULLIF(tax_paid_2022, '') * 100) AS INTEGER) AS tax_paid_2022,
  CAST(round(NULLIF(tax_paid_2023, '') * 100) AS INTEGER) AS tax_paid_2023,
  CAST(round(NULLIF(tax_paid_2024, '') * 100) AS INTEGER) AS tax_paid_2024,
  CAST(round(NULLIF(tax_paid_2025, '') * 100) AS INTEGER) AS tax_paid_2025,
  CAST(round(NULLIF(rnd_expense_2021, '') * 100) AS INTEGER) AS rnd_expense_2021,
  CAST(round(NULLIF(rnd_expense_2022, '') * 100) AS INTEGER) AS rnd_expense_2022,
  CAST(round(NULLIF(rnd_expense_2023, '') * 100) AS INTEGER) AS rnd_expense_2023,
  CAST(round(NULLIF(rnd_expense_2024, '') * 100) AS INTEGER) AS rnd_expense_2024,
  CAST(round(NULLIF(rnd_expense_2025, '') * 100) AS INTEGER) AS rnd_expense_2025,
  CAST(round(NULLIF(total_assets_2021, '') * 100) AS INTEGER) AS total_assets_2021,
  CAST(round(NULLIF(total_assets_2022, '') * 100) AS INTEGER) AS total_assets_2022,
  CAST(round(NULLIF(total_assets_2023, '') * 100) AS INTEGER) AS total_assets_2023,
  CAST(round(NULLIF(total_assets_2024, '') * 100) AS INTEGER) AS total_assets_2024,
  CAST(round(NULLIF(total_assets_2025, '') * 100) AS INTEGER) AS total_assets_2025,
  CAST(NULLIF(employees_2021, '') AS INTEGER) AS employees_2021,
  CAST(NULLIF(employees_2022, '') AS INTEGER) AS employees_2022,
  CAST(NULLIF(employees_2023, '') AS INTEGER) AS employees_2023,
  CAST(NULLIF(employees_2024, '') AS INTEGER) AS employees_2024,
  CAST(NULLIF(employees_2025, '') AS INTEGER) AS employees_2025,
  CAST(NULLIF(insured_2021, '') AS INTEGER) AS insured_2021,
  CAST(NULLIF(insured_2022, '') AS INTEGER) AS insured_2022,
  CAST(NULLIF(insured_2023, '') AS INTEGER) AS insured_2023,
  CAST(NULLIF(insured_2024, '') AS INTEGER) AS insured_2024,
  CAST(NULLIF(insured_2025, '') AS INTEGER) AS insured_2025,
  NULLIF(above_scale, '') AS above_scale,
  NULLIF(certs, '') AS certs,
  NULLIF(dishonesty, '') AS dishonesty,
  CAST(NULLIF(age, '') AS INTEGER) AS age,
  NULLIF(section, '') AS section,
  NULLIF(size_class, '') AS size_class,
  CAST(round(NULLIF(subsidies_2021, '') * 100) AS INTEGER) AS subsidies_2021,
  CAST(round(NULLIF(subsidies_2022, '') * 100) AS INTEGER) AS subsidies_2022,
  CAST(round(NULLIF(subsidies_2023, '') * 100) AS INTEGER) AS subsidies_2023,
  CAST(round(NULLIF(subsidies_2024, '') * 100) AS INTEGER) AS subsidies_2024,
  CAST(round(NULLIF(subsidies_2025, '') * 100) AS INTEGER) AS subsidies_2025
FROM raw;
CREATE UNIQUE INDEX portraits_uscc ON portraits (uscc);

-- List cells ("hightech@2022-11-28;neeq@2025-03-01") split into rows.
CREATE TABLE entries (uscc TEXT, field TEXT, code TEXT, date TEXT);
WITH RECURSIVE split (uscc, field, rest, entry) AS (
  SELECT uscc, field, cell, NULL FROM (
  SELECT uscc, 'above_scale' AS field, above_scale || ';' AS cell FROM raw WHERE above_scale <> ''
  UNION ALL SELECT uscc, 'certs' AS field, certs || ';' AS cell FROM raw WHERE certs <> ''
  UNION ALL SELECT uscc, 'dishonesty' AS field, dishonesty || ';' AS cell FROM raw WHERE dishonesty <> '')
  UNION ALL
  SELECT uscc, field, substr(rest, instr(rest, ';') + 1),
    substr(rest, 1, instr(rest, ';') - 1)
  FROM split WHERE rest <> ''
)
INSERT INTO entries
SELECT uscc, field, substr(entry, 1, instr(entry, '@') - 1),
  substr(entry, instr(entry, '@') + 1)
FROM split WHERE entry IS NOT NULL;
CREATE INDEX entries_key ON entries (uscc, field, code, date);
DROP TABLE raw;
