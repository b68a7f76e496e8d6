/**
 * The public surface of lib/serve/.
 * @module
 */
export * from "./http.ts";
export * from "./net_grant.ts";
export * from "./openai_request.ts";
export * from "./openai_response.ts";
export * from "./policy.ts";
export * from "./reward.ts";
export * from "./server.ts";
export * from "./stand_in.ts";
export * from "./tiny_adapter.ts";
