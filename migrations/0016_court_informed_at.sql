ALTER TABLE `cases` ADD `court_informed_at` integer;--> statement-breakpoint
-- Courts already told (their "court_informed" timeline row) keep that date.
UPDATE `cases` SET `court_informed_at` = (SELECT min(`at`) FROM `case_events` WHERE `case_events`.`case_id` = `cases`.`id` AND `case_events`.`type` = 'court_informed') WHERE `court_id` IS NOT NULL;--> statement-breakpoint
CREATE INDEX `cases_court_pending_idx` ON `cases` (`updated_at`,`id`) WHERE "cases"."court_id" is not null and "cases"."court_informed_at" is null and "cases"."source" in ('court_delegated', 'court_entrusted');