CREATE TABLE `volunteer_agreements` (
	`id` text PRIMARY KEY NOT NULL,
	`volunteer_user_id` text NOT NULL,
	`signed_on` text NOT NULL,
	`min_months` integer NOT NULL,
	`hours_per_week` real NOT NULL,
	`non_conviction_statement` integer NOT NULL,
	`recorded_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`volunteer_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `screening_interviews` (
	`id` text PRIMARY KEY NOT NULL,
	`volunteer_user_id` text NOT NULL,
	`held_on` text NOT NULL,
	`interviewer` text NOT NULL,
	`outcome` text NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`recorded_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`volunteer_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `quiz_attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`module_id` text NOT NULL,
	`user_id` text NOT NULL,
	`score_percent` integer NOT NULL,
	`passed` integer NOT NULL,
	`answers` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`module_id`) REFERENCES `training_modules`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `quiz_attempts_user_module` ON `quiz_attempts` (`user_id`,`module_id`);--> statement-breakpoint
CREATE TABLE `record_checks` (
	`id` text PRIMARY KEY NOT NULL,
	`volunteer_user_id` text NOT NULL,
	`verified_on` text NOT NULL,
	`valid_until` text NOT NULL,
	`verified_by` text NOT NULL,
	`expiry_warned_at` integer,
	`expired_notified_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`volunteer_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`verified_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `screening_references` (
	`id` text PRIMARY KEY NOT NULL,
	`volunteer_user_id` text NOT NULL,
	`name` text NOT NULL,
	`contact` text NOT NULL,
	`outcome` text NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`recorded_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`volunteer_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `training_modules` (
	`id` text PRIMARY KEY NOT NULL,
	`program_id` text NOT NULL,
	`title` text NOT NULL,
	`material` text NOT NULL,
	`required` integer DEFAULT true NOT NULL,
	`hours` real NOT NULL,
	`pass_mark` integer DEFAULT 80 NOT NULL,
	`questions` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `training_modules_program` ON `training_modules` (`program_id`);--> statement-breakpoint
CREATE TABLE `volunteer_hours` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`organization_id` text NOT NULL,
	`worked_on` text NOT NULL,
	`hours` real NOT NULL,
	`kind` text NOT NULL,
	`zprost_type` text NOT NULL,
	`source` text NOT NULL,
	`description` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `volunteer_hours_source` ON `volunteer_hours` (`user_id`,`source`);--> statement-breakpoint
CREATE INDEX `volunteer_hours_user_date` ON `volunteer_hours` (`user_id`,`worked_on`);--> statement-breakpoint
CREATE TABLE `volunteer_profiles` (
	`user_id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`program_id` text NOT NULL,
	`status` text DEFAULT 'applied' NOT NULL,
	`birth_date` text NOT NULL,
	`gender` text NOT NULL,
	`faculty` text NOT NULL,
	`study_programme` text NOT NULL,
	`study_year` integer NOT NULL,
	`languages` text NOT NULL,
	`subjects` text NOT NULL,
	`availability` text NOT NULL,
	`mode` text NOT NULL,
	`municipality_id` integer NOT NULL,
	`interests` text NOT NULL,
	`motivation` text NOT NULL,
	`experience_special_needs` integer DEFAULT false NOT NULL,
	`experience_at_risk` integer DEFAULT false NOT NULL,
	`experience_notes` text DEFAULT '' NOT NULL,
	`capacity` integer DEFAULT 1 NOT NULL,
	`status_reason` text,
	`changed_fields` text,
	`changed_at` integer,
	`submitted_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `volunteer_profiles_org_status` ON `volunteer_profiles` (`organization_id`,`status`);--> statement-breakpoint
CREATE TABLE `volunteer_status_changes` (
	`id` text PRIMARY KEY NOT NULL,
	`volunteer_user_id` text NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`reason` text,
	`actor_user_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`volunteer_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `volunteer_status_changes_volunteer` ON `volunteer_status_changes` (`volunteer_user_id`);--> statement-breakpoint
CREATE TABLE `workshop_attendance` (
	`workshop_id` text NOT NULL,
	`user_id` text NOT NULL,
	`marked_by` text NOT NULL,
	`marked_at` integer NOT NULL,
	FOREIGN KEY (`workshop_id`) REFERENCES `workshops`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`marked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `workshop_attendance_pk` ON `workshop_attendance` (`workshop_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `workshops` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`program_id` text,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`starts_at` integer NOT NULL,
	`hours` real NOT NULL,
	`location` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `workshops_org_start` ON `workshops` (`organization_id`,`starts_at`);