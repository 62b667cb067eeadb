CREATE TABLE `agreement_comments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`agreement_id` text NOT NULL,
	`version` integer NOT NULL,
	`author_id` text NOT NULL,
	`author_label` text NOT NULL,
	`body` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `agreement_comments_idx` ON `agreement_comments` (`agreement_id`,`id`);--> statement-breakpoint
CREATE TABLE `agreement_scans` (
	`id` text PRIMARY KEY NOT NULL,
	`agreement_id` text NOT NULL,
	`version` integer NOT NULL,
	`page` integer NOT NULL,
	`sha256` text NOT NULL,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`uploader_id` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`uploader_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `agreement_scans_idx` ON `agreement_scans` (`agreement_id`,`version`,`page`);--> statement-breakpoint
CREATE TABLE `agreement_signatures` (
	`id` text PRIMARY KEY NOT NULL,
	`agreement_id` text NOT NULL,
	`version` integer NOT NULL,
	`content_sha256` text NOT NULL,
	`slot` text NOT NULL,
	`user_id` text NOT NULL,
	`name` text NOT NULL,
	`role_label` text NOT NULL,
	`method` text NOT NULL,
	`image_sha256` text,
	`ip` text,
	`user_agent` text,
	`signed_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`voided_at` integer,
	`void_reason` text,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agreement_signatures_live_uq` ON `agreement_signatures` (`agreement_id`,`slot`) WHERE "agreement_signatures"."voided_at" is null;--> statement-breakpoint
CREATE INDEX `agreement_signatures_idx` ON `agreement_signatures` (`agreement_id`,`version`);--> statement-breakpoint
CREATE TABLE `agreement_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`agreement_id` text NOT NULL,
	`version` integer NOT NULL,
	`content` text NOT NULL,
	`content_sha256` text NOT NULL,
	`sign_mode` text NOT NULL,
	`author_id` text NOT NULL,
	`note` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agreement_versions_uq` ON `agreement_versions` (`agreement_id`,`version`);--> statement-breakpoint
CREATE TABLE `agreements` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`org_id` text NOT NULL,
	`doc_no` text NOT NULL,
	`status` text DEFAULT 'drafting' NOT NULL,
	`current_version` integer DEFAULT 0 NOT NULL,
	`effective_at` integer,
	`pdf_sha256` text,
	`pdf_size` integer,
	`content_sha256` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agreements_case_uq` ON `agreements` (`case_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `agreements_doc_no_uq` ON `agreements` (`doc_no`);--> statement-breakpoint
CREATE INDEX `agreements_pdf_idx` ON `agreements` (`pdf_sha256`);--> statement-breakpoint
CREATE TABLE `sign_codes` (
	`id` text PRIMARY KEY NOT NULL,
	`agreement_id` text NOT NULL,
	`user_id` text NOT NULL,
	`version` integer NOT NULL,
	`code_hash` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sign_codes_user_idx` ON `sign_codes` (`agreement_id`,`user_id`,`created_at`);--> statement-breakpoint
DROP INDEX `cases_queue_idx`;--> statement-breakpoint
CREATE INDEX `cases_queue_idx` ON `cases` ((case "risk" when 'red' then 0 when 'yellow' then 1 else 2 end),`submitted_at`,`region_code`,`status`) WHERE "cases"."status" not in ('draft', 'agreed', 'effective', 'failed', 'refused', 'consent_expired', 'withdrawn');