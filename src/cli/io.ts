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
    err: (text) => process.stderr.write(text),
    isTTY,
    color: pc.createColors(useColor),
  };
}

/** An in-memory io for tests: everything written is collected. */
export function bufferIo(): CliIo & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    isTTY: false,
    color: pc.createColors(false),
    stdout: () => out,
    stderr: () => err,
  };
}
