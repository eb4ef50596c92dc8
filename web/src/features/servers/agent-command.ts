/** What the operator runs on the new server: the panel's own address and the one-time token. */
export const agentCommand = (token: string) =>
  `npx keel agent --panel ${window.location.origin} --token ${token}`;
