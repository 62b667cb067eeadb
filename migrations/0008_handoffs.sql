CREATE TABLE `documents` (
	`id` text PRIMARY KEY NOT NULL,
	`doc_no` text NOT NULL,
	`kind` text NOT NULL,
	`case_id` text NOT NULL,
	`issuer_org_id` text NOT NULL,
	`title` text NOT NULL,
	`status` text NOT NULL,
	`pdf_sha256` text NOT NULL,
	`pdf_size` integer NOT NULL,
	`issued_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`issuer_org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `documents_doc_no_uq` ON `documents` (`doc_no`);--> statement-breakpoint
CREATE INDEX `documents_sha_idx` ON `documents` (`pdf_sha256`);--> statement-breakpoint
CREATE INDEX `documents_case_idx` ON `documents` (`case_id`);--> statement-breakpoint
CREATE TABLE `handoff_applicants` (
	`id` text PRIMARY KEY NOT NULL,
	`handoff_id` text NOT NULL,
	`party_id` text NOT NULL,
	`user_id` text NOT NULL,
	`ip` text,
	`user_agent` text,
	`signed_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`handoff_id`) REFERENCES `handoffs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`party_id`) REFERENCES `case_parties`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `handoff_applicants_uq` ON `handoff_applicants` (`handoff_id`,`party_id`);--> statement-breakpoint
CREATE TABLE `handoffs` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`agreement_id` text,
	`kind` text NOT NULL,
	`target_org_id` text NOT NULL,
	`basis` text NOT NULL,
	`status` text DEFAULT 'applying' NOT NULL,
	`started_by_id` text NOT NULL,
	`submitted_at` integer,
	`accept_due` integer,
	`accepted_at` integer,
	`handler_id` text,
	`ref_no` text,
	`decision_due` integer,
	`extended_at` integer,
	`extension_reason` text,
	`decided_at` integer,
	`outcome` text,
	`outcome_ground` text,
	`outcome_note` text,
	`exec_requested_at` integer,
	`exec_requested_by_id` text,
	`exec_issued_at` integer,
	`exec_note` text,
	`warned_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`target_org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`started_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`handler_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`exec_requested_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `handoffs_case_idx` ON `handoffs` (`case_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `handoffs_inbox_idx` ON `handoffs` (`target_org_id`,`status`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `handoffs_due_idx` ON `handoffs` (`status`,`accept_due`);--> statement-breakpoint
CREATE TABLE `instalments` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`agreement_id` text NOT NULL,
	`seq` integer NOT NULL,
	`due_date` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`payer_party_id` text NOT NULL,
	`payee_party_id` text NOT NULL,
	`paid_at` integer,
	`confirmed_by_id` text,
	`reminded_at` integer,
	`overdue_at` integer,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`confirmed_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `instalments_uq` ON `instalments` (`agreement_id`,`seq`);--> statement-breakpoint
CREATE INDEX `instalments_due_idx` ON `instalments` (`paid_at`,`due_date`);--> statement-breakpoint
DROP INDEX `agreements_case_uq`;--> statement-breakpoint
CREATE UNIQUE INDEX `agreements_case_uq` ON `agreements` (`case_id`) WHERE "agreements"."status" != 'superseded';--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_sign_codes` (
	`id` text PRIMARY KEY NOT NULL,
	`agreement_id` text,
	`handoff_id` text,
	`user_id` text NOT NULL,
	`version` integer NOT NULL,
	`code_hash` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`agreement_id`) REFERENCES `agreements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`handoff_id`) REFERENCES `handoffs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_sign_codes`("id", "agreement_id", "handoff_id", "user_id", "version", "code_hash", "attempts", "expires_at", "used_at", "created_at") SELECT "id", "agreement_id", NULL, "user_id", "version", "code_hash", "attempts", "expires_at", "used_at", "created_at" FROM `sign_codes`;--> statement-breakpoint
DROP TABLE `sign_codes`;--> statement-breakpoint
ALTER TABLE `__new_sign_codes` RENAME TO `sign_codes`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `sign_codes_user_idx` ON `sign_codes` (`agreement_id`,`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `sign_codes_handoff_idx` ON `sign_codes` (`handoff_id`,`user_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `cases` ADD `handoff_org_id` text REFERENCES organisations(id);--> statement-breakpoint
CREATE INDEX `cases_handoff_idx` ON `cases` (`handoff_org_id`,`status`);