CREATE TABLE `whiteboard_snapshots` (
	`lesson_id` text PRIMARY KEY NOT NULL,
	`elements` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`lesson_id`) REFERENCES `lessons`(`id`) ON UPDATE no action ON DELETE cascade
);
