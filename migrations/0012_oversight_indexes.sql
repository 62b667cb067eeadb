CREATE INDEX `agreements_effective_idx` ON `agreements` (`status`,`effective_at`);--> statement-breakpoint
CREATE INDEX `cases_org_mediator_idx` ON `cases` (`org_id`,`mediator_id`);--> statement-breakpoint
CREATE INDEX `handoffs_decision_due_idx` ON `handoffs` (`status`,`decision_due`);