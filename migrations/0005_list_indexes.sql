DROP INDEX `cases_mediator_idx`;--> statement-breakpoint
CREATE INDEX `cases_mediator_recent_idx` ON `cases` (`mediator_id`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `cases_load_idx` ON `cases` (`status`,`org_id`);--> statement-breakpoint
CREATE INDEX `cases_queue_idx` ON `cases` ((case "risk" when 'red' then 0 when 'yellow' then 1 else 2 end),`submitted_at`,`region_code`,`status`) WHERE "cases"."status" not in ('draft', 'agreed', 'failed', 'refused', 'consent_expired', 'withdrawn');--> statement-breakpoint
CREATE INDEX `cases_mediator_idx` ON `cases` (`mediator_id`,`status`,`submitted_at`);