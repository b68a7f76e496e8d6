/**
 * Everything the notebooks use, in one import: the public surface of every room of lib/.
 * @module
 */
export * from "./compare/mod.ts";
export * from "./core/mod.ts";
export * from "./course/mod.ts";
export * from "./datagen/mod.ts";
export * from "./instrument/mod.ts";
export * from "./learn/mod.ts";
export * from "./measure/mod.ts";
export * from "./policy/mod.ts";
export * from "./present/mod.ts";
export * from "./redteam/mod.ts";
export * from "./select/mod.ts";
export * from "./serve/mod.ts";
