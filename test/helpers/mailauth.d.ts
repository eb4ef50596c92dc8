// mailauth ships no types; only the DKIM verifier is used, to check Keel's signatures in tests.
declare module 'mailauth/lib/dkim/verify.js' {
  export interface DkimResult {
    signingDomain: string;
    selector: string;
    status: { result: string; comment?: string };
  }
  export function dkimVerify(
    message: Buffer | string,
    options: { resolver: (name: string, type: string) => Promise<unknown> },
  ): Promise<{ results: DkimResult[] }>;
}
