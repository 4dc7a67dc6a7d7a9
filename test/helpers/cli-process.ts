import { spawn } from 'node:child_process';

/**
 * Runs one of `src/cli/` as `npm run` does (through tsx), with `env` over the test's own and
 * `stdin` as its input; resolves with its exit code and everything it wrote.
 */
export function runCli(
  script: string,
  args: string[],
  env: Record<string, string>,
  stdin = '',
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', import.meta.resolve('tsx'), script, ...args],
      { env: { ...process.env, LOG_FORMAT: 'json', ...env }, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.stdin.end(stdin);
    child.on('exit', (code) => resolve({ code, output }));
  });
}
