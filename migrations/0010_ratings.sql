CREATE TABLE `ratings` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`party_id` text NOT NULL,
	`user_id` text NOT NULL,
	`mediator_id` text,
	`org_id` text,
	`mediator_score` integer NOT NULL,
	`process_score` integer NOT NULL,
	`outcome_score` integer NOT NULL,
	`comment` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`party_id`) REFERENCES `case_parties`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`mediator_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ratings_party_uq` ON `ratings` (`case_id`,`party_id`);--> statement-breakpoint
CREATE INDEX `ratings_mediator_idx` ON `ratings` (`mediator_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `ratings_org_idx` ON `ratings` (`org_id`,`created_at`);