ALTER TABLE `case_parties` ADD `disclosure_agreed_at` integer;--> statement-breakpoint
ALTER TABLE `invitations` ADD `closed_at` integer;