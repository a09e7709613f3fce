import { spawn } from 'node:child_process';

export interface KcatResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the `kcat` binary (librdkafka) against `broker` with `args`, feeding `input` on stdin. The time limit
 * only guards against a hung client (every call here ends by itself: -L, -P at EOF, -C/-G with -e).
 */
export function kcat(broker: string, args: readonly string[], input?: string): Promise<KcatResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('kcat', ['-b', broker, '-m', '15', ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: 30_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

/** librdkafka settings for a SASL_PLAINTEXT login. */
export function saslArgs(mechanism: 'SCRAM-SHA-256' | 'PLAIN', username: string, password: string): string[] {
  return [
    '-X',
    'security.protocol=SASL_PLAINTEXT',
    '-X',
    `sasl.mechanisms=${mechanism}`,
    '-X',
    `sasl.username=${username}`,
    '-X',
    `sasl.password=${password}`,
  ];
}

/** The result's stdout, failing with kcat's own stderr when it exited with an error. */
export function ok(r: KcatResult): string {
  if (r.code !== 0) throw new Error(`kcat exited with ${r.code}:\n${r.stderr}`);
  return r.stdout;
}
