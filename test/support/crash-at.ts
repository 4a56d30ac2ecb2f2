/**
 * Preloaded into the bot child process (`node --require crash-at.js`) by the crash tests: when the
 * bot writes a stdout line containing the text in TOKEN_GUARD_E2E_CRASH_FILE, the line goes out,
 * the file is emptied (so the restarted bot does not crash again) and the process SIGKILLs itself.
 * That stops the bot at an exact step of a revoke (the executor logs one line per step) without
 * any test-only branch in the product, the way a power cut would.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const crashFile = process.env.TOKEN_GUARD_E2E_CRASH_FILE;

function crashText(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return '';
  }
}

if (crashFile) {
  const stdout = process.stdout as unknown as { write: (chunk: unknown, ...rest: unknown[]) => boolean };
  const write = stdout.write.bind(stdout);
  stdout.write = (chunk: unknown, ...rest: unknown[]): boolean => {
    // Written first: stdout to a pipe is synchronous on Linux, so the test sees the line that killed us.
    const written = write(chunk, ...rest);
    const text = crashText(crashFile);
    if (text && String(chunk).includes(text)) {
      writeFileSync(crashFile, '');
      process.kill(process.pid, 'SIGKILL');
    }
    return written;
  };
}
