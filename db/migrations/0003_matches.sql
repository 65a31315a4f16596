CREATE TABLE `match_events` (
	`id` text PRIMARY KEY NOT NULL,
	`match_id` text NOT NULL,
	`actor_user_id` text,
	`action` text NOT NULL,
	`reason` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`match_id`) REFERENCES `matches`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `match_events_match` ON `match_events` (`match_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `matches` (
	`id` text PRIMARY KEY NOT NULL,
	`organization_id` text NOT NULL,
	`program_id` text NOT NULL,
	`child_id` text NOT NULL,
	`volunteer_user_id` text NOT NULL,
	`status` text NOT NULL,
	`score` real NOT NULL,
	`explanation` text NOT NULL,
	`proposed_by` text,
	`decided_by` text,
	`decided_at` integer,
	`reject_reason` text,
	`volunteer_response` text DEFAULT 'pending' NOT NULL,
	`guardian_response` text DEFAULT 'pending' NOT NULL,
	`decline_reason` text,
	`close_reason` text,
	`closed_with_concern` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`program_id`) REFERENCES `programs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`child_id`) REFERENCES `children`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`volunteer_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`proposed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `matches_org_status` ON `matches` (`organization_id`,`status`);--> statement-breakpoint
CREATE INDEX `matches_child` ON `matches` (`child_id`);--> statement-breakpoint
CREATE INDEX `matches_volunteer` ON `matches` (`volunteer_user_id`,`status`);