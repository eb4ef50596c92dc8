/**
 * The version of the contract between the panel and its agents (the `/api/agent/v1` routes and
 * what they carry). Every agent request names its version in this header; the panel answers the
 * versions it accepts, so a panel upgraded first can keep serving agents one version behind.
 */
export const agentProtocolHeader = 'x-keel-agent-version';
export const agentProtocolVersion = 1;
export const acceptedAgentVersions: readonly number[] = [agentProtocolVersion];

/** How long the panel holds a poll for work open when nothing changes; the agent's timeout is longer. */
export const workPollMs = 25_000;
