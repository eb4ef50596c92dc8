import { agentProtocolHeader, agentProtocolVersion } from './agent-protocol.js';

/** An answer the panel gave that is not a success: the agent retries later, or stops on 401. */
export class PanelRefusal extends Error {
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(`the panel answered ${status}: ${detail}`);
  }
}

/**
 * The agent's HTTP calls to the panel: JSON both ways, the protocol version on every request and
 * the agent's credential once it has one. The only way an agent reaches the panel's state.
 */
export class PanelClient {
  constructor(
    private readonly panelUrl: string,
    private credential: string | null = null,
  ) {}

  holdCredential(credential: string): void {
    this.credential = credential;
  }

  async call<Answer>(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    options: { timeoutMs?: number; signal?: AbortSignal } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { [agentProtocolHeader]: String(agentProtocolVersion) };
    if (this.credential) headers.authorization = `Bearer ${this.credential}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(new URL(`/api/agent/v1${path}`, this.panelUrl), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.any([
        AbortSignal.timeout(options.timeoutMs ?? 60_000),
        ...(options.signal ? [options.signal] : []),
      ]),
    });
    if (!response.ok) {
      const problem = (await response.json().catch(() => null)) as { detail?: string } | null;
      throw new PanelRefusal(response.status, problem?.detail ?? response.statusText);
    }
    return (response.status === 204 ? undefined : await response.json()) as Answer;
  }
}
