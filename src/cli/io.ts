import pc from 'picocolors';

/** Colour functions; identity functions when colour is off. */
export type Colors = Pick<
  typeof pc,
  'red' | 'green' | 'yellow' | 'blue' | 'cyan' | 'magenta' | 'gray' | 'bold' | 'dim'
>;

/**
 * What a command writes to. Commands never touch `process.stdout` directly, so tests run them
 * in-process and read what they printed.
 */
export interface CliIo {
  out(text: string): void;
  /** Writes bytes as they are (a signed message must not be re-encoded). */
  outBytes(bytes: Uint8Array): void;
  err(text: string): void;
  /** True when stdout is a terminal: colour and progress bars only then. */
  isTTY: boolean;
  color: Colors;
}

/** The process's real streams; colour only on a TTY and never with NO_COLOR. */
export function processIo(): CliIo {
  const isTTY = Boolean(process.stdout.isTTY);
  const useColor = isTTY && !process.env.NO_COLOR;
  return {
    out: (text) => process.stdout.write(text),
    outBytes: (bytes) => process.stdout.write(bytes),
    err: (text) => process.stderr.write(text),
    isTTY,
    color: pc.createColors(useColor),
  };
}

/** An in-memory io for tests: everything written is collected. */
export function bufferIo(): CliIo & {
  stdout: () => string;
  stdoutBytes: () => Buffer;
  stderr: () => string;
} {
  let out = '';
  const bytes: Buffer[] = [];
  let err = '';
  return {
    out: (t) => {
      out += t;
      bytes.push(Buffer.from(t));
    },
    outBytes: (b) => {
      out += Buffer.from(b).toString('latin1');
      bytes.push(Buffer.from(b));
    },
    err: (t) => {
      err += t;
    },
    isTTY: false,
    color: pc.createColors(false),
    stdout: () => out,
    stdoutBytes: () => Buffer.concat(bytes),
    stderr: () => err,
  };
}
