CREATE TABLE `stats_case_facts` (
	`case_id` text PRIMARY KEY NOT NULL,
	`month` text NOT NULL,
	`region_code` text NOT NULL,
	`org_id` text NOT NULL,
	`category` text NOT NULL,
	`kind` text NOT NULL,
	`stage` text NOT NULL,
	`handoff` text,
	`days` integer
);
--> statement-breakpoint
CREATE TABLE `stats_cells` (
	`month` text NOT NULL,
	`region_code` text NOT NULL,
	`org_id` text NOT NULL,
	`category` text NOT NULL,
	`kind` text NOT NULL,
	`filed` integer DEFAULT 0 NOT NULL,
	`open` integer DEFAULT 0 NOT NULL,
	`agreed` integer DEFAULT 0 NOT NULL,
	`success` integer DEFAULT 0 NOT NULL,
	`failure` integer DEFAULT 0 NOT NULL,
	`ended` integer DEFAULT 0 NOT NULL,
	`confirmed` integer DEFAULT 0 NOT NULL,
	`notarised` integer DEFAULT 0 NOT NULL,
	`pending` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`month`, `region_code`, `org_id`, `category`, `kind`)
);
--> statement-breakpoint
CREATE TABLE `stats_days` (
	`month` text NOT NULL,
	`region_code` text NOT NULL,
	`org_id` text NOT NULL,
	`days` integer NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`month`, `region_code`, `org_id`, `days`)
);
--> statement-breakpoint
CREATE TABLE `stats_instalments` (
	`due_date` text NOT NULL,
	`region_code` text NOT NULL,
	`org_id` text NOT NULL,
	`total` integer DEFAULT 0 NOT NULL,
	`paid` integer DEFAULT 0 NOT NULL,
	`on_time` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`due_date`, `region_code`, `org_id`)
);
--> statement-breakpoint
CREATE TABLE `stats_ratings` (
	`month` text NOT NULL,
	`region_code` text NOT NULL,
	`org_id` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	`mediator_sum` integer DEFAULT 0 NOT NULL,
	`process_sum` integer DEFAULT 0 NOT NULL,
	`outcome_sum` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`month`, `region_code`, `org_id`)
);

--> statement-breakpoint
-- Hand-written below (ADR 018): the backfill of the tables above from what is already there,
-- then the triggers that keep them equal to counting the rows themselves, in the same transaction
-- as every change. Each case's contribution is remembered in stats_case_facts so that a change
-- takes out exactly what was put in. tests/integration/stats-precomputed.test.ts checks that the
-- tables always equal the direct computation (server/oversight/stats/direct.ts).
-- Definitions (server/oversight/stats/definitions.ts): success = the agreement took effect
-- (effective and every 裁 status after it); failure = failed or transferred; days = whole days
-- from submission to the end of mediation (ended_at, else the live agreement's effective_at).
INSERT INTO `stats_case_facts` (`case_id`, `month`, `region_code`, `org_id`, `category`, `kind`, `stage`, `handoff`, `days`)
  SELECT c.`id`,
    strftime('%Y-%m', c.`submitted_at` / 1000 + 28800, 'unixepoch'),
    coalesce(c.`region_code`, ''), coalesce(c.`org_id`, ''), coalesce(c.`category`, ''), coalesce(c.`kind`, ''),
    CASE WHEN c.`status` IN ('effective', 'confirming', 'confirmed', 'confirm_rejected', 'notarising', 'notarised') THEN 'success'
         WHEN c.`status` IN ('failed', 'transferred') THEN 'failure'
         WHEN c.`status` IN ('refused', 'consent_expired', 'withdrawn') THEN 'ended'
         WHEN c.`status` = 'agreed' THEN 'agreed'
         ELSE 'open' END,
    CASE c.`status` WHEN 'confirmed' THEN 'confirmed' WHEN 'notarised' THEN 'notarised' WHEN 'confirming' THEN 'pending' WHEN 'notarising' THEN 'pending' END,
    CASE WHEN c.`status` IN ('effective', 'confirming', 'confirmed', 'confirm_rejected', 'notarising', 'notarised', 'failed', 'transferred') THEN
      (coalesce(c.`ended_at`, (SELECT a.`effective_at` FROM `agreements` a WHERE a.`case_id` = c.`id` AND a.`status` <> 'superseded')) - c.`submitted_at`) / 86400000
    END
  FROM `cases` c
  WHERE c.`status` <> 'draft' AND c.`submitted_at` IS NOT NULL
  ORDER BY c.`id`;
--> statement-breakpoint
INSERT INTO `stats_cells` (`month`, `region_code`, `org_id`, `category`, `kind`, `filed`, `open`, `agreed`, `success`, `failure`, `ended`, `confirmed`, `notarised`, `pending`)
  SELECT `month`, `region_code`, `org_id`, `category`, `kind`, count(*), sum(`stage` = 'open'), sum(`stage` = 'agreed'), sum(`stage` = 'success'),
    sum(`stage` = 'failure'), sum(`stage` = 'ended'), sum(`handoff` IS 'confirmed'), sum(`handoff` IS 'notarised'), sum(`handoff` IS 'pending')
  FROM `stats_case_facts` GROUP BY `month`, `region_code`, `org_id`, `category`, `kind`;
--> statement-breakpoint
INSERT INTO `stats_days` (`month`, `region_code`, `org_id`, `days`, `n`)
  SELECT `month`, `region_code`, `org_id`, `days`, count(*) FROM `stats_case_facts` WHERE `days` IS NOT NULL GROUP BY `month`, `region_code`, `org_id`, `days`;
--> statement-breakpoint
-- On time: paid before midnight (China) at the end of the due date; 57600 s = 24 h - 8 h.
INSERT INTO `stats_instalments` (`due_date`, `region_code`, `org_id`, `total`, `paid`, `on_time`)
  SELECT i.`due_date`, coalesce(c.`region_code`, ''), a.`org_id`, count(*), sum(i.`paid_at` IS NOT NULL), sum(coalesce(i.`paid_at` < (unixepoch(i.`due_date`) + 57600) * 1000, 0))
  FROM `instalments` i JOIN `agreements` a ON a.`id` = i.`agreement_id` JOIN `cases` c ON c.`id` = i.`case_id`
  WHERE a.`status` <> 'superseded'
  GROUP BY i.`due_date`, coalesce(c.`region_code`, ''), a.`org_id`;
--> statement-breakpoint
INSERT INTO `stats_ratings` (`month`, `region_code`, `org_id`, `n`, `mediator_sum`, `process_sum`, `outcome_sum`)
  SELECT strftime('%Y-%m', r.`created_at` / 1000 + 28800, 'unixepoch') AS m, coalesce(c.`region_code`, '') AS rc, coalesce(r.`org_id`, '') AS o,
    count(*), sum(r.`mediator_score`), sum(r.`process_score`), sum(r.`outcome_score`)
  FROM `ratings` r LEFT JOIN `cases` c ON c.`id` = r.`case_id`
  GROUP BY m, rc, o;
--> statement-breakpoint
CREATE TRIGGER `stats_cases_insert` AFTER INSERT ON `cases`
  WHEN NEW.`status` <> 'draft' AND NEW.`submitted_at` IS NOT NULL
BEGIN
  INSERT INTO `stats_case_facts` (`case_id`, `month`, `region_code`, `org_id`, `category`, `kind`, `stage`, `handoff`, `days`)
  SELECT NEW.`id`,
    strftime('%Y-%m', NEW.`submitted_at` / 1000 + 28800, 'unixepoch'),
    coalesce(NEW.`region_code`, ''), coalesce(NEW.`org_id`, ''), coalesce(NEW.`category`, ''), coalesce(NEW.`kind`, ''),
    CASE WHEN NEW.`status` IN ('effective', 'confirming', 'confirmed', 'confirm_rejected', 'notarising', 'notarised') THEN 'success'
         WHEN NEW.`status` IN ('failed', 'transferred') THEN 'failure'
         WHEN NEW.`status` IN ('refused', 'consent_expired', 'withdrawn') THEN 'ended'
         WHEN NEW.`status` = 'agreed' THEN 'agreed'
         ELSE 'open' END,
    CASE NEW.`status` WHEN 'confirmed' THEN 'confirmed' WHEN 'notarised' THEN 'notarised' WHEN 'confirming' THEN 'pending' WHEN 'notarising' THEN 'pending' END,
    CASE WHEN NEW.`status` IN ('effective', 'confirming', 'confirmed', 'confirm_rejected', 'notarising', 'notarised', 'failed', 'transferred') THEN
      (coalesce(NEW.`ended_at`, (SELECT a.`effective_at` FROM `agreements` a WHERE a.`case_id` = NEW.`id` AND a.`status` <> 'superseded')) - NEW.`submitted_at`) / 86400000
    END
  WHERE NEW.`status` <> 'draft' AND NEW.`submitted_at` IS NOT NULL;
  INSERT INTO `stats_cells` (`month`, `region_code`, `org_id`, `category`, `kind`, `filed`, `open`, `agreed`, `success`, `failure`, `ended`, `confirmed`, `notarised`, `pending`)
    SELECT `month`, `region_code`, `org_id`, `category`, `kind`, 1, (`stage` = 'open'), (`stage` = 'agreed'), (`stage` = 'success'),
      (`stage` = 'failure'), (`stage` = 'ended'), (`handoff` IS 'confirmed'), (`handoff` IS 'notarised'), (`handoff` IS 'pending')
    FROM `stats_case_facts` WHERE `case_id` = NEW.`id`
    ON CONFLICT (`month`, `region_code`, `org_id`, `category`, `kind`) DO UPDATE SET `filed` = `filed` + excluded.`filed`, `open` = `open` + excluded.`open`, `agreed` = `agreed` + excluded.`agreed`, `success` = `success` + excluded.`success`, `failure` = `failure` + excluded.`failure`, `ended` = `ended` + excluded.`ended`, `confirmed` = `confirmed` + excluded.`confirmed`, `notarised` = `notarised` + excluded.`notarised`, `pending` = `pending` + excluded.`pending`;
  INSERT INTO `stats_days` (`month`, `region_code`, `org_id`, `days`, `n`)
    SELECT `month`, `region_code`, `org_id`, `days`, 1 FROM `stats_case_facts` WHERE `case_id` = NEW.`id` AND `days` IS NOT NULL
    ON CONFLICT (`month`, `region_code`, `org_id`, `days`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `stats_cases_update` AFTER UPDATE OF `status`, `org_id`, `region_code`, `category`, `kind`, `submitted_at`, `ended_at` ON `cases`
  WHEN OLD.`status` IS NOT NEW.`status` OR OLD.`org_id` IS NOT NEW.`org_id` OR OLD.`region_code` IS NOT NEW.`region_code`
    OR OLD.`category` IS NOT NEW.`category` OR OLD.`kind` IS NOT NEW.`kind` OR OLD.`submitted_at` IS NOT NEW.`submitted_at` OR OLD.`ended_at` IS NOT NEW.`ended_at`
BEGIN
  INSERT INTO `stats_cells` (`month`, `region_code`, `org_id`, `category`, `kind`, `filed`, `open`, `agreed`, `success`, `failure`, `ended`, `confirmed`, `notarised`, `pending`)
    SELECT `month`, `region_code`, `org_id`, `category`, `kind`, -1, -(`stage` = 'open'), -(`stage` = 'agreed'), -(`stage` = 'success'),
      -(`stage` = 'failure'), -(`stage` = 'ended'), -(`handoff` IS 'confirmed'), -(`handoff` IS 'notarised'), -(`handoff` IS 'pending')
    FROM `stats_case_facts` WHERE `case_id` = OLD.`id`
    ON CONFLICT (`month`, `region_code`, `org_id`, `category`, `kind`) DO UPDATE SET `filed` = `filed` + excluded.`filed`, `open` = `open` + excluded.`open`, `agreed` = `agreed` + excluded.`agreed`, `success` = `success` + excluded.`success`, `failure` = `failure` + excluded.`failure`, `ended` = `ended` + excluded.`ended`, `confirmed` = `confirmed` + excluded.`confirmed`, `notarised` = `notarised` + excluded.`notarised`, `pending` = `pending` + excluded.`pending`;
  INSERT INTO `stats_days` (`month`, `region_code`, `org_id`, `days`, `n`)
    SELECT `month`, `region_code`, `org_id`, `days`, -1 FROM `stats_case_facts` WHERE `case_id` = OLD.`id` AND `days` IS NOT NULL
    ON CONFLICT (`month`, `region_code`, `org_id`, `days`) DO UPDATE SET `n` = `n` + excluded.`n`;
  DELETE FROM `stats_case_facts` WHERE `case_id` = OLD.`id`;
  INSERT INTO `stats_case_facts` (`case_id`, `month`, `region_code`, `org_id`, `category`, `kind`, `stage`, `handoff`, `days`)
  SELECT NEW.`id`,
    strftime('%Y-%m', NEW.`submitted_at` / 1000 + 28800, 'unixepoch'),
    coalesce(NEW.`region_code`, ''), coalesce(NEW.`org_id`, ''), coalesce(NEW.`category`, ''), coalesce(NEW.`kind`, ''),
    CASE WHEN NEW.`status` IN ('effective', 'confirming', 'confirmed', 'confirm_rejected', 'notarising', 'notarised') THEN 'success'
         WHEN NEW.`status` IN ('failed', 'transferred') THEN 'failure'
         WHEN NEW.`status` IN ('refused', 'consent_expired', 'withdrawn') THEN 'ended'
         WHEN NEW.`status` = 'agreed' THEN 'agreed'
         ELSE 'open' END,
    CASE NEW.`status` WHEN 'confirmed' THEN 'confirmed' WHEN 'notarised' THEN 'notarised' WHEN 'confirming' THEN 'pending' WHEN 'notarising' THEN 'pending' END,
    CASE WHEN NEW.`status` IN ('effective', 'confirming', 'confirmed', 'confirm_rejected', 'notarising', 'notarised', 'failed', 'transferred') THEN
      (coalesce(NEW.`ended_at`, (SELECT a.`effective_at` FROM `agreements` a WHERE a.`case_id` = NEW.`id` AND a.`status` <> 'superseded')) - NEW.`submitted_at`) / 86400000
    END
  WHERE NEW.`status` <> 'draft' AND NEW.`submitted_at` IS NOT NULL;
  INSERT INTO `stats_cells` (`month`, `region_code`, `org_id`, `category`, `kind`, `filed`, `open`, `agreed`, `success`, `failure`, `ended`, `confirmed`, `notarised`, `pending`)
    SELECT `month`, `region_code`, `org_id`, `category`, `kind`, 1, (`stage` = 'open'), (`stage` = 'agreed'), (`stage` = 'success'),
      (`stage` = 'failure'), (`stage` = 'ended'), (`handoff` IS 'confirmed'), (`handoff` IS 'notarised'), (`handoff` IS 'pending')
    FROM `stats_case_facts` WHERE `case_id` = NEW.`id`
    ON CONFLICT (`month`, `region_code`, `org_id`, `category`, `kind`) DO UPDATE SET `filed` = `filed` + excluded.`filed`, `open` = `open` + excluded.`open`, `agreed` = `agreed` + excluded.`agreed`, `success` = `success` + excluded.`success`, `failure` = `failure` + excluded.`failure`, `ended` = `ended` + excluded.`ended`, `confirmed` = `confirmed` + excluded.`confirmed`, `notarised` = `notarised` + excluded.`notarised`, `pending` = `pending` + excluded.`pending`;
  INSERT INTO `stats_days` (`month`, `region_code`, `org_id`, `days`, `n`)
    SELECT `month`, `region_code`, `org_id`, `days`, 1 FROM `stats_case_facts` WHERE `case_id` = NEW.`id` AND `days` IS NOT NULL
    ON CONFLICT (`month`, `region_code`, `org_id`, `days`) DO UPDATE SET `n` = `n` + excluded.`n`;
END;
--> statement-breakpoint
CREATE TRIGGER `stats_cases_delete` AFTER DELETE ON `cases`
BEGIN
  INSERT INTO `stats_cells` (`month`, `region_code`, `org_id`, `category`, `kind`, `filed`, `open`, `agreed`, `success`, `failure`, `ended`, `confirmed`, `notarised`, `pending`)
    SELECT `month`, `region_code`, `org_id`, `category`, `kind`, -1, -(`stage` = 'open'), -(`stage` = 'agreed'), -(`stage` = 'success'),
      -(`stage` = 'failure'), -(`stage` = 'ended'), -(`handoff` IS 'confirmed'), -(`handoff` IS 'notarised'), -(`handoff` IS 'pending')
    FROM `stats_case_facts` WHERE `case_id` = OLD.`id`
    ON CONFLICT (`month`, `region_code`, `org_id`, `category`, `kind`) DO UPDATE SET `filed` = `filed` + excluded.`filed`, `open` = `open` + excluded.`open`, `agreed` = `agreed` + excluded.`agreed`, `success` = `success` + excluded.`success`, `failure` = `failure` + excluded.`failure`, `ended` = `ended` + excluded.`ended`, `confirmed` = `confirmed` + excluded.`confirmed`, `notarised` = `notarised` + excluded.`notarised`, `pending` = `pending` + excluded.`pending`;
  INSERT INTO `stats_days` (`month`, `region_code`, `org_id`, `days`, `n`)
    SELECT `month`, `region_code`, `org_id`, `days`, -1 FROM `stats_case_facts` WHERE `case_id` = OLD.`id` AND `days` IS NOT NULL
    ON CONFLICT (`month`, `region_code`, `org_id`, `days`) DO UPDATE SET `n` = `n` + excluded.`n`;
  DELETE FROM `stats_case_facts` WHERE `case_id` = OLD.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `stats_instalments_insert` AFTER INSERT ON `instalments`
BEGIN
  INSERT INTO `stats_instalments` (`due_date`, `region_code`, `org_id`, `total`, `paid`, `on_time`)
    SELECT NEW.`due_date`, coalesce(c.`region_code`, ''), a.`org_id`, 1, (NEW.`paid_at` IS NOT NULL), coalesce(NEW.`paid_at` < (unixepoch(NEW.`due_date`) + 57600) * 1000, 0)
    FROM `agreements` a JOIN `cases` c ON c.`id` = NEW.`case_id` WHERE a.`id` = NEW.`agreement_id` AND a.`status` <> 'superseded'
    ON CONFLICT (`due_date`, `region_code`, `org_id`) DO UPDATE SET `total` = `total` + excluded.`total`, `paid` = `paid` + excluded.`paid`, `on_time` = `on_time` + excluded.`on_time`;
END;
--> statement-breakpoint
CREATE TRIGGER `stats_instalments_update` AFTER UPDATE OF `paid_at`, `due_date`, `agreement_id`, `case_id` ON `instalments`
BEGIN
  INSERT INTO `stats_instalments` (`due_date`, `region_code`, `org_id`, `total`, `paid`, `on_time`)
    SELECT OLD.`due_date`, coalesce(c.`region_code`, ''), a.`org_id`, -1, -(OLD.`paid_at` IS NOT NULL), -coalesce(OLD.`paid_at` < (unixepoch(OLD.`due_date`) + 57600) * 1000, 0)
    FROM `agreements` a JOIN `cases` c ON c.`id` = OLD.`case_id` WHERE a.`id` = OLD.`agreement_id` AND a.`status` <> 'superseded'
    ON CONFLICT (`due_date`, `region_code`, `org_id`) DO UPDATE SET `total` = `total` + excluded.`total`, `paid` = `paid` + excluded.`paid`, `on_time` = `on_time` + excluded.`on_time`;
  INSERT INTO `stats_instalments` (`due_date`, `region_code`, `org_id`, `total`, `paid`, `on_time`)
    SELECT NEW.`due_date`, coalesce(c.`region_code`, ''), a.`org_id`, 1, (NEW.`paid_at` IS NOT NULL), coalesce(NEW.`paid_at` < (unixepoch(NEW.`due_date`) + 57600) * 1000, 0)
    FROM `agreements` a JOIN `cases` c ON c.`id` = NEW.`case_id` WHERE a.`id` = NEW.`agreement_id` AND a.`status` <> 'superseded'
    ON CONFLICT (`due_date`, `region_code`, `org_id`) DO UPDATE SET `total` = `total` + excluded.`total`, `paid` = `paid` + excluded.`paid`, `on_time` = `on_time` + excluded.`on_time`;
END;
--> statement-breakpoint
CREATE TRIGGER `stats_instalments_delete` AFTER DELETE ON `instalments`
BEGIN
  INSERT INTO `stats_instalments` (`due_date`, `region_code`, `org_id`, `total`, `paid`, `on_time`)
    SELECT OLD.`due_date`, coalesce(c.`region_code`, ''), a.`org_id`, -1, -(OLD.`paid_at` IS NOT NULL), -coalesce(OLD.`paid_at` < (unixepoch(OLD.`due_date`) + 57600) * 1000, 0)
    FROM `agreements` a JOIN `cases` c ON c.`id` = OLD.`case_id` WHERE a.`id` = OLD.`agreement_id` AND a.`status` <> 'superseded'
    ON CONFLICT (`due_date`, `region_code`, `org_id`) DO UPDATE SET `total` = `total` + excluded.`total`, `paid` = `paid` + excluded.`paid`, `on_time` = `on_time` + excluded.`on_time`;
END;
--> statement-breakpoint
-- An agreement set aside after a rejected 司法确认 (remediate) takes its instalments out; one
-- that is not superseded any more would put them back.
CREATE TRIGGER `stats_agreements_standing` AFTER UPDATE OF `status` ON `agreements`
  WHEN (OLD.`status` = 'superseded') <> (NEW.`status` = 'superseded')
BEGIN
  INSERT INTO `stats_instalments` (`due_date`, `region_code`, `org_id`, `total`, `paid`, `on_time`)
    SELECT i.`due_date`, coalesce(c.`region_code`, ''), NEW.`org_id`, s.k, s.k * (i.`paid_at` IS NOT NULL), s.k * coalesce(i.`paid_at` < (unixepoch(i.`due_date`) + 57600) * 1000, 0)
    FROM `instalments` i JOIN `cases` c ON c.`id` = i.`case_id`, (SELECT CASE WHEN NEW.`status` = 'superseded' THEN -1 ELSE 1 END AS k) s
    WHERE i.`agreement_id` = NEW.`id`
    ON CONFLICT (`due_date`, `region_code`, `org_id`) DO UPDATE SET `total` = `total` + excluded.`total`, `paid` = `paid` + excluded.`paid`, `on_time` = `on_time` + excluded.`on_time`;
END;
--> statement-breakpoint
CREATE TRIGGER `stats_ratings_insert` AFTER INSERT ON `ratings`
BEGIN
  INSERT INTO `stats_ratings` (`month`, `region_code`, `org_id`, `n`, `mediator_sum`, `process_sum`, `outcome_sum`)
    SELECT strftime('%Y-%m', NEW.`created_at` / 1000 + 28800, 'unixepoch'), coalesce((SELECT `region_code` FROM `cases` WHERE `id` = NEW.`case_id`), ''), coalesce(NEW.`org_id`, ''),
      1, NEW.`mediator_score`, NEW.`process_score`, NEW.`outcome_score`
    WHERE true
    ON CONFLICT (`month`, `region_code`, `org_id`) DO UPDATE SET `n` = `n` + excluded.`n`, `mediator_sum` = `mediator_sum` + excluded.`mediator_sum`, `process_sum` = `process_sum` + excluded.`process_sum`, `outcome_sum` = `outcome_sum` + excluded.`outcome_sum`;
END;
--> statement-breakpoint
CREATE TRIGGER `stats_ratings_update` AFTER UPDATE ON `ratings`
BEGIN
  INSERT INTO `stats_ratings` (`month`, `region_code`, `org_id`, `n`, `mediator_sum`, `process_sum`, `outcome_sum`)
    SELECT strftime('%Y-%m', OLD.`created_at` / 1000 + 28800, 'unixepoch'), coalesce((SELECT `region_code` FROM `cases` WHERE `id` = OLD.`case_id`), ''), coalesce(OLD.`org_id`, ''),
      -1, -OLD.`mediator_score`, -OLD.`process_score`, -OLD.`outcome_score`
    WHERE true
    ON CONFLICT (`month`, `region_code`, `org_id`) DO UPDATE SET `n` = `n` + excluded.`n`, `mediator_sum` = `mediator_sum` + excluded.`mediator_sum`, `process_sum` = `process_sum` + excluded.`process_sum`, `outcome_sum` = `outcome_sum` + excluded.`outcome_sum`;
  INSERT INTO `stats_ratings` (`month`, `region_code`, `org_id`, `n`, `mediator_sum`, `process_sum`, `outcome_sum`)
    SELECT strftime('%Y-%m', NEW.`created_at` / 1000 + 28800, 'unixepoch'), coalesce((SELECT `region_code` FROM `cases` WHERE `id` = NEW.`case_id`), ''), coalesce(NEW.`org_id`, ''),
      1, NEW.`mediator_score`, NEW.`process_score`, NEW.`outcome_score`
    WHERE true
    ON CONFLICT (`month`, `region_code`, `org_id`) DO UPDATE SET `n` = `n` + excluded.`n`, `mediator_sum` = `mediator_sum` + excluded.`mediator_sum`, `process_sum` = `process_sum` + excluded.`process_sum`, `outcome_sum` = `outcome_sum` + excluded.`outcome_sum`;
END;
--> statement-breakpoint
CREATE TRIGGER `stats_ratings_delete` AFTER DELETE ON `ratings`
BEGIN
  INSERT INTO `stats_ratings` (`month`, `region_code`, `org_id`, `n`, `mediator_sum`, `process_sum`, `outcome_sum`)
    SELECT strftime('%Y-%m', OLD.`created_at` / 1000 + 28800, 'unixepoch'), coalesce((SELECT `region_code` FROM `cases` WHERE `id` = OLD.`case_id`), ''), coalesce(OLD.`org_id`, ''),
      -1, -OLD.`mediator_score`, -OLD.`process_score`, -OLD.`outcome_score`
    WHERE true
    ON CONFLICT (`month`, `region_code`, `org_id`) DO UPDATE SET `n` = `n` + excluded.`n`, `mediator_sum` = `mediator_sum` + excluded.`mediator_sum`, `process_sum` = `process_sum` + excluded.`process_sum`, `outcome_sum` = `outcome_sum` + excluded.`outcome_sum`;
END;