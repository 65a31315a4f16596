CREATE TABLE `whiteboard_elements` (
	`lesson_id` text NOT NULL,
	`element_id` text NOT NULL,
	`version` integer NOT NULL,
	`version_nonce` integer NOT NULL,
	`author_user_id` text NOT NULL,
	`element` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`lesson_id`, `element_id`),
	FOREIGN KEY (`lesson_id`) REFERENCES `lessons`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
