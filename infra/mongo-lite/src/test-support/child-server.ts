import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

export const BIN = path.join(__dirname, '..', '..', 'dist', 'bin.js');

export interface ChildServer {
  child: ChildProcess;
  port: number;
  uri: string;
  stderr: () => string;
}

/** Runs the built bin on port 0 and resolves with the port it prints. */
export function spawnServer(args: string[]): Promise<ChildServer> {
  if (!existsSync(BIN))
    throw new Error(`${BIN} is missing: build the package first (npm run build -w @peiyu/mongo-lite)`);
  const child = spawn(process.execPath, [BIN, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${err}`)), 15_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening port=(\d+) uri=(\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, port: Number(m[1]), uri: m[2] as string, stderr: () => err });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${err}`));
    });
  });
}

export function kill9(s: ChildServer): Promise<void> {
  return new Promise((resolve) => {
    if (s.child.exitCode !== null || s.child.signalCode !== null) return resolve();
    s.child.once('exit', () => resolve());
    s.child.kill('SIGKILL');
  });
}
