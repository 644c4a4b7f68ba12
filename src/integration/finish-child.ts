/** The child process of ./finish.ts: the stages after Astro's build on one output folder, reported as messages, then exit. */
import { finishOutput, FinishError, type FinishEvent, type FinishInput } from './finish.ts';

// A build process that ends, however it ends, takes these stages with it.
process.once('disconnect', () => process.exit(1));

const send = (event: FinishEvent) => new Promise<void>((resolve) => process.send!(event, () => resolve()));

process.once('message', async (input: FinishInput) => {
  let last: FinishEvent;
  try {
    last = { type: 'done', result: await finishOutput(input, (event) => void send(event)) };
  } catch (error) {
    last =
      error instanceof FinishError
        ? { type: 'failed', message: error.message, hint: error.hint }
        : { type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  await send(last);
  process.exit(0);
});
