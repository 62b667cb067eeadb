CREATE TABLE `org_loads` (
	`org_id` text PRIMARY KEY NOT NULL,
	`open_cases` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
-- Hand-written below: the triggers that keep org_loads equal to
--   select org_id, count(*) from cases where status in (awaiting_acceptance, awaiting_consent, mediating) group by org_id
-- (server/triage/assign.ts LOAD_STATUSES). tests/integration/org-loads.test.ts checks they agree.
INSERT INTO `org_loads` (`org_id`, `open_cases`)
  SELECT `org_id`, count(*) FROM `cases`
  WHERE `org_id` IS NOT NULL AND `status` IN ('awaiting_acceptance', 'awaiting_consent', 'mediating')
  GROUP BY `org_id`;--> statement-breakpoint
CREATE TRIGGER `org_loads_insert` AFTER INSERT ON `cases`
  WHEN NEW.`org_id` IS NOT NULL AND NEW.`status` IN ('awaiting_acceptance', 'awaiting_consent', 'mediating')
BEGIN
  INSERT INTO `org_loads` (`org_id`, `open_cases`) VALUES (NEW.`org_id`, 1)
    ON CONFLICT (`org_id`) DO UPDATE SET `open_cases` = `open_cases` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `org_loads_update` AFTER UPDATE OF `status`, `org_id` ON `cases`
  WHEN (OLD.`org_id` IS NOT NEW.`org_id`)
    OR ((OLD.`status` IN ('awaiting_acceptance', 'awaiting_consent', 'mediating')) <> (NEW.`status` IN ('awaiting_acceptance', 'awaiting_consent', 'mediating')))
BEGIN
  UPDATE `org_loads` SET `open_cases` = `open_cases` - 1
    WHERE `org_id` = OLD.`org_id` AND OLD.`status` IN ('awaiting_acceptance', 'awaiting_consent', 'mediating');
  INSERT INTO `org_loads` (`org_id`, `open_cases`)
    SELECT NEW.`org_id`, 1 WHERE NEW.`org_id` IS NOT NULL AND NEW.`status` IN ('awaiting_acceptance', 'awaiting_consent', 'mediating')
    ON CONFLICT (`org_id`) DO UPDATE SET `open_cases` = `open_cases` + 1;
END;--> statement-breakpoint
CREATE TRIGGER `org_loads_delete` AFTER DELETE ON `cases`
  WHEN OLD.`org_id` IS NOT NULL AND OLD.`status` IN ('awaiting_acceptance', 'awaiting_consent', 'mediating')
BEGIN
  UPDATE `org_loads` SET `open_cases` = `open_cases` - 1 WHERE `org_id` = OLD.`org_id`;
END;
