CREATE TABLE `assignments` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`org_id` text NOT NULL,
	`mediator_id` text,
	`state` text DEFAULT 'pending' NOT NULL,
	`assigned_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`deadline` integer,
	`decided_at` integer,
	`reason` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`mediator_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `assignments_case_idx` ON `assignments` (`case_id`);--> statement-breakpoint
CREATE INDEX `assignments_pending_idx` ON `assignments` (`state`,`deadline`);--> statement-breakpoint
CREATE TABLE `case_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` text NOT NULL,
	`at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`actor_id` text,
	`actor_label` text NOT NULL,
	`type` text NOT NULL,
	`from_status` text,
	`to_status` text,
	`summary` text NOT NULL,
	`reason` text,
	`data` text,
	`visibility` text DEFAULT 'all' NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_events_case_idx` ON `case_events` (`case_id`,`id`);--> statement-breakpoint
CREATE TABLE `case_parties` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`side` text NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`id_number` text NOT NULL,
	`legal_rep` text,
	`phone` text NOT NULL,
	`address` text NOT NULL,
	`region_code` text,
	`user_id` text,
	`agent_user_id` text,
	`consent` text DEFAULT 'pending' NOT NULL,
	`consent_at` integer,
	`refuse_reason` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agent_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_parties_case_idx` ON `case_parties` (`case_id`,`side`);--> statement-breakpoint
CREATE INDEX `case_parties_user_idx` ON `case_parties` (`user_id`);--> statement-breakpoint
CREATE INDEX `case_parties_agent_idx` ON `case_parties` (`agent_user_id`);--> statement-breakpoint
CREATE INDEX `case_parties_phone_idx` ON `case_parties` (`phone`);--> statement-breakpoint
CREATE TABLE `cases` (
	`id` text PRIMARY KEY NOT NULL,
	`case_no` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	`source` text DEFAULT 'citizen' NOT NULL,
	`kind_preference` text DEFAULT 'auto' NOT NULL,
	`kind` text,
	`category` text,
	`region_code` text,
	`area_code` text,
	`address` text,
	`facts` text,
	`claims` text,
	`amount_fen` integer,
	`risk` text DEFAULT 'green' NOT NULL,
	`risk_reasons` text DEFAULT '[]' NOT NULL,
	`filed_by_id` text NOT NULL,
	`org_id` text,
	`mediator_id` text,
	`court_id` text,
	`court_case_no` text,
	`routing_reason` text,
	`accept_deadline` integer,
	`accepted_at` integer,
	`consent_deadline` integer,
	`conflict_disclosure` text,
	`draft` text,
	`submitted_at` integer,
	`ended_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`filed_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`mediator_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`court_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cases_case_no_uq` ON `cases` (`case_no`);--> statement-breakpoint
CREATE INDEX `cases_status_idx` ON `cases` (`status`,`risk`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `cases_filed_by_idx` ON `cases` (`filed_by_id`,`updated_at`);--> statement-breakpoint
CREATE INDEX `cases_mediator_idx` ON `cases` (`mediator_id`,`status`);--> statement-breakpoint
CREATE INDEX `cases_org_idx` ON `cases` (`org_id`,`status`);--> statement-breakpoint
CREATE INDEX `cases_court_idx` ON `cases` (`court_id`);--> statement-breakpoint
CREATE INDEX `cases_region_idx` ON `cases` (`region_code`,`status`);--> statement-breakpoint
CREATE TABLE `counters` (
	`name` text PRIMARY KEY NOT NULL,
	`value` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `evidence` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`uploader_id` text NOT NULL,
	`side` text,
	`kind` text DEFAULT 'evidence' NOT NULL,
	`filename` text NOT NULL,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`description` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`uploader_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `evidence_case_idx` ON `evidence` (`case_id`);--> statement-breakpoint
CREATE TABLE `invitations` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`party_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`code_hash` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`expires_at` integer NOT NULL,
	`reminded_at` integer,
	`verified_at` integer,
	`answered_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`party_id`) REFERENCES `case_parties`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_token_uq` ON `invitations` (`token_hash`);--> statement-breakpoint
CREATE INDEX `invitations_open_idx` ON `invitations` (`answered_at`,`expires_at`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`case_id` text,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`link` text,
	`read_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `notifications_user_idx` ON `notifications` (`user_id`,`read_at`,`id`);--> statement-breakpoint
ALTER TABLE `organisations` ADD `tags` text DEFAULT '[]' NOT NULL;