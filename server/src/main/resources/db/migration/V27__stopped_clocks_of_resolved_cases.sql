-- Resolving a case now stops every SLA clock of its cycle: a resolved or closed case has no SLA
-- timer and no due time. Older versions left both behind for cases resolved before an answer, and
-- they go here.

-- The warning and breach timers of resolved and closed cases (a load test left 231,000 of them for
-- 46,000 cases). The case id is the part of the timer's id
-- between its kind and its target (`sla-breach:CASE:first_response:1:EPOCHMILLI`). A timer being
-- fired right now (picked) is left to its handler, which finds the case resolved and does nothing.
DELETE FROM scheduled_tasks
WHERE task_name = 'servicebook-timer'
  AND picked = FALSE
  AND (scheduled_tasks.task_instance LIKE 'sla-warning:%'
       OR scheduled_tasks.task_instance LIKE 'sla-breach:%')
  AND EXISTS (
    SELECT 1 FROM service_case c
    WHERE c.status IN ('RESOLVED', 'CLOSED')
      AND c.id = SUBSTRING(
        SUBSTRING(scheduled_tasks.task_instance
                  FROM POSITION(':' IN scheduled_tasks.task_instance) + 1)
        FROM 1
        FOR POSITION(':' IN SUBSTRING(scheduled_tasks.task_instance
                                      FROM POSITION(':' IN scheduled_tasks.task_instance) + 1)) - 1));

-- The due time of their earliest running clock, which listed them among the cases breaching soon.
UPDATE service_case SET sla_due_at = NULL
WHERE status IN ('RESOLVED', 'CLOSED') AND sla_due_at IS NOT NULL;
