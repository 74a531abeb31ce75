import { fromWorkload, keptFields, toWorkload, validate } from '../../web/src/workload-fields';

/** A scenario loaded into the console's form and saved or evaluated again keeps every field it was saved with. */
describe('console form: fields it has no input for ride along unchanged', () => {
  const saved = {
    hourlyWriteMBps: [...Array(20).fill(1), ...Array(4).fill(40)],
    avgRecordSizeKB: 4,
    sharedConsumers: 2,
    deliverTo: [{ sink: 'S3', sharePercent: 100, convertToParquet: true }],
    recordSizeDistribution: [
      { sizeKB: 1, share: 0.5 },
      { sizeKB: 7, share: 0.5 },
    ],
  };

  it('round-trips lists and objects through fromWorkload → toWorkload', () => {
    const back = toWorkload(fromWorkload(saved)) as unknown as Record<string, unknown>;
    expect(back).toEqual(saved);
  });

  it('names the kept fields, and an hourly profile counts as the volume', () => {
    const values = fromWorkload(saved);
    expect(Object.keys(keptFields(values)).sort()).toEqual(['deliverTo', 'hourlyWriteMBps', 'recordSizeDistribution']);
    expect(validate(values).ingestGbPerDay).toBeUndefined();
  });

  it('a form edit keeps them too', () => {
    const edited = { ...fromWorkload(saved), sharedConsumers: '3' };
    const back = toWorkload(edited) as unknown as Record<string, unknown>;
    expect(back.sharedConsumers).toBe(3);
    expect(back.deliverTo).toEqual(saved.deliverTo);
  });
});
