/**
 * The public surface of lib/serve/: the course's HTTP server (the policy behind the OpenAI API,
 * the verifier as a reward service), the policy interface it serves, the stand-in policy, the
 * adapter of the tiny model, and the one-host network grant of the networked tasks.
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
