// What the batch commands (junheng admissions|wellbeing|planning …) share: where they write (stdout for the result,
// stderr for problems; tests pass their own), the error that prints the usage, and reading an input file named by
// an option.
import fs from 'node:fs';
import path from 'node:path';

export interface Output {
  out: (s: string) => void;
  err: (s: string) => void;
}

/** The process's own streams, a line per call. */
export const stdio: Output = { out: (s) => process.stdout.write(s + '\n'), err: (s) => process.stderr.write(s + '\n') };

/** A missing or bad option: the command prints the message and its usage, and exits 2. */
export class UsageError extends Error {}

/** The file an option names, read whole; a missing option or an unreadable file is a UsageError. */
export function readInputFile(file: string | undefined, flag: string): { buf: Buffer; name: string } {
  if (!file) throw new UsageError(`缺少 --${flag} / --${flag} is missing`);
  try {
    return { buf: fs.readFileSync(file), name: path.basename(file) };
  } catch (e) {
    throw new UsageError(`${file}: 无法读取 / cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}
