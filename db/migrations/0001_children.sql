CREATE TABLE `child_availability` (
	`child_id` text NOT NULL,
	`start_minute` integer NOT NULL,
	`end_minute` integer NOT NULL,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `child_availability_child` ON `child_availability` (`child_id`);--> statement-breakpoint
CREATE TABLE `child_needs` (
	`child_id` text NOT NULL,
	`subject` text NOT NULL,
	`grade` integer NOT NULL,
	`priority` integer NOT NULL,
	PRIMARY KEY(`child_id`, `subject`),
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `child_sensitive` (
	`child_id` text PRIMARY KEY NOT NULL,
	`referral_reason` text DEFAULT '' NOT NULL,
	`family_situation` text DEFAULT '' NOT NULL,
	`learning_difficulties` text DEFAULT '' NOT NULL,
	`special_needs_notes` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `children` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text,
	`organization_id` text NOT NULL,
	`program_id` text NOT NULL,
	`first_name` text NOT NULL,
	`last_name` text NOT NULL,
	`birth_year` integer NOT NULL,
	`school` text NOT NULL,
	`grade` integer NOT NULL,
	`municipality_id` integer NOT NULL,
	`languages` text NOT NULL,
	`mode` text NOT NULL,
	`preferences` text NOT NULL,
	`interests` text NOT NULL,
	`special_needs` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'referred' NOT NULL,
	`waiting_since` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `children_user_id_unique` ON `children` (`user_id`);--> statement-breakpoint
CREATE INDEX `children_org_status` ON `children` (`organization_id`,`status`,`waiting_since`);--> statement-breakpoint
CREATE TABLE `consents` (
	`id` text PRIMARY KEY NOT NULL,
	`child_id` text NOT NULL,
	`purpose` text NOT NULL,
	`given_by_user_id` text NOT NULL,
	`text_version` text NOT NULL,
	`method` text NOT NULL,
	`given_at` integer NOT NULL,
	`withdrawn_at` integer,
	`withdrawn_by_user_id` text,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`given_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`withdrawn_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `consents_child` ON `consents` (`child_id`,`purpose`);--> statement-breakpoint
CREATE TABLE `guardian_invitations` (
	`id` text PRIMARY KEY NOT NULL,
	`child_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`email` text,
	`expires_at` integer NOT NULL,
	`accepted_at` integer,
	`accepted_by_user_id` text,
	`revoked_at` integer,
	`created_by_user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`accepted_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `guardian_invitations_token` ON `guardian_invitations` (`token_hash`);--> statement-breakpoint
CREATE INDEX `guardian_invitations_child` ON `guardian_invitations` (`child_id`);--> statement-breakpoint
CREATE TABLE `referrals` (
	`id` text PRIMARY KEY NOT NULL,
	`child_id` text NOT NULL,
	`organization_id` text NOT NULL,
	`referred_by_user_id` text NOT NULL,
	`referrer_kind` text NOT NULL,
	`professional_institution` text,
	`professional_role` text,
	`guardian_first_name` text NOT NULL,
	`guardian_last_name` text NOT NULL,
	`guardian_email` text,
	`guardian_phone` text,
	`status` text DEFAULT 'submitted' NOT NULL,
	`info_request` text,
	`info_reply` text,
	`decline_reason` text,
	`decided_by_user_id` text,
	`decided_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`referred_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `referrals_referrer` ON `referrals` (`referred_by_user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `referrals_org_status` ON `referrals` (`organization_id`,`status`);--> statement-breakpoint
CREATE INDEX `referrals_child` ON `referrals` (`child_id`);