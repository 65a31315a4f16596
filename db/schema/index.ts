export * from "./organizations";
export * from "./users";
export * from "./auth";
export * from "./messaging";
export * from "./volunteers";
export * from "./children";
export * from "./matches";
export * from "./lessons";
