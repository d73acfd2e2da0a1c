-- Resolving a case now stops every SLA clock of its cycle (docs/kpis.md), which changes what the
-- KPIs count for a case resolved before anyone answered it (its first response stops at the
-- resolution instead of running on into a breach) or while a customer message was unanswered (its
-- next response stops too). The rollups take every case ever resolved in again, in the background.
INSERT INTO kpi_pending (subject_type, subject_id)
SELECT 'case', c.id FROM service_case c
WHERE c.protocol_slug IS NOT NULL
  AND EXISTS (SELECT 1 FROM case_resolution r WHERE r.case_id = c.id);
