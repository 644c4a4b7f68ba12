/**
 * Questions on the terminal for values not given as flags. Lines are read from one iterator so that
 * answers piped in (`printf 'a\nb\n' | npm run new:article`) are not lost between questions.
 */
import { createInterface } from 'node:readline';

export interface Asker {
  /** The answer, or undefined when input has ended. */
  ask(question: string): Promise<string | undefined>;
  close(): void;
}

export function createAsker(input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout): Asker {
  const rl = createInterface({ input, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  return {
    async ask(question) {
      output.write(question);
      const next = await lines.next();
      if (next.done) {
        output.write('\n');
        return undefined;
      }
      return next.value.trim();
    },
    close: () => rl.close(),
  };
}
