import { describe, expect, it } from 'vitest';
import { StageClock } from '../../src/integration/stages.ts';

describe('StageClock', () => {
  it('lists stages in the order they start, though side by side ones end in the other order', async () => {
    const clock = new StageClock();
    const endFirst = clock.start('search index');
    const endSecond = clock.start('link check');
    await new Promise((resolve) => setTimeout(resolve, 20));
    endSecond();
    await new Promise((resolve) => setTimeout(resolve, 20));
    endFirst();
    await clock.run('last', () => new Promise((resolve) => setTimeout(resolve, 5)));
    expect(clock.stages.map((stage) => stage.name)).toEqual(['search index', 'link check', 'last']);
    const [first, second] = clock.stages;
    expect(first!.ms).toBeGreaterThan(second!.ms);
    expect(second!.ms).toBeGreaterThanOrEqual(15);
    for (const stage of clock.stages) expect(stage.peakRss).toBeGreaterThan(0);
  });
});
