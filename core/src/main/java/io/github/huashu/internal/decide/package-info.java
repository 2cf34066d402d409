/**
 * Stage 7, decide: MATCH, CLARIFY or FALLBACK from a ranking and the thresholds ({@code Decider}),
 * follow-ups re-ranked in their conversation ({@code FollowUps}), the other questions of a mixed
 * request ({@code MixedRequests}) and what the agent should do ({@code AdviceRules}). Works on
 * rankings through the {@code Intents} view, so it is tested with made-up rankings. Not API.
 */
package io.github.huashu.internal.decide;
