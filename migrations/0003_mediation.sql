CREATE TABLE `admissions` (
	`session_id` text NOT NULL,
	`user_id` text NOT NULL,
	`side` text NOT NULL,
	`state` text DEFAULT 'waiting' NOT NULL,
	`identity_checked_at` integer,
	`recording_consent` integer,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`session_id`, `user_id`),
	FOREIGN KEY (`session_id`) REFERENCES `mediation_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `mediation_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`scheduled_at` integer NOT NULL,
	`duration_min` integer DEFAULT 60 NOT NULL,
	`mode` text DEFAULT 'joint' NOT NULL,
	`status` text DEFAULT 'scheduled' NOT NULL,
	`created_by_id` text NOT NULL,
	`started_at` integer,
	`ended_at` integer,
	`outcome` text,
	`fail_reason` text,
	`outcome_note` text,
	`next_at` integer,
	`reminder_sent_at` integer,
	`caucus_side` text,
	`recording_on` integer DEFAULT false NOT NULL,
	`record` text DEFAULT '' NOT NULL,
	`record_version` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `mediation_sessions_case_idx` ON `mediation_sessions` (`case_id`,`scheduled_at`);--> statement-breakpoint
CREATE INDEX `mediation_sessions_due_idx` ON `mediation_sessions` (`status`,`scheduled_at`);--> statement-breakpoint
CREATE TABLE `messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` text NOT NULL,
	`session_id` text,
	`channel` text NOT NULL,
	`sender_id` text NOT NULL,
	`sender_label` text NOT NULL,
	`body` text NOT NULL,
	`client_id` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`session_id`) REFERENCES `mediation_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`sender_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `messages_sender_client_uq` ON `messages` (`sender_id`,`client_id`);--> statement-breakpoint
CREATE INDEX `messages_case_idx` ON `messages` (`case_id`,`session_id`,`id`);--> statement-breakpoint
CREATE TABLE `offers` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`from_side` text NOT NULL,
	`from_user_id` text NOT NULL,
	`amount_fen` integer,
	`terms` text NOT NULL,
	`pay_by` text,
	`status` text DEFAULT 'open' NOT NULL,
	`parent_id` text,
	`responded_by_id` text,
	`responded_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`from_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`responded_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `offers_case_idx` ON `offers` (`case_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `record_confirmations` (
	`session_id` text NOT NULL,
	`user_id` text NOT NULL,
	`record_version` integer NOT NULL,
	`confirmed` integer NOT NULL,
	`disputed` text,
	`at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`session_id`, `user_id`),
	FOREIGN KEY (`session_id`) REFERENCES `mediation_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `service_addresses` (
	`party_id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`user_id` text NOT NULL,
	`address` text NOT NULL,
	`phone` text NOT NULL,
	`confirmed_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`party_id`) REFERENCES `case_parties`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `service_addresses_case_idx` ON `service_addresses` (`case_id`);--> statement-breakpoint
ALTER TABLE `cases` ADD `mediation_due` integer;--> statement-breakpoint
ALTER TABLE `cases` ADD `mediation_due_rule` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `fail_reason` text;