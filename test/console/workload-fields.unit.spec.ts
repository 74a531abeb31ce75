import { fromWorkload, keptFields, toWorkload, validate, WORKLOAD_FIELDS } from '../../web/src/workload-fields';

/** A scenario loaded into the console's form and saved or evaluated again keeps every field it was saved with. */
describe('console form: lists are edited as JSON, and nothing saved is dropped', () => {
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

  it('every list of the workload has an input (its JSON), so none rides along unseen; a profile counts as the volume', () => {
    const lists = WORKLOAD_FIELDS.filter((f) => f.kind === 'list').map((f) => f.name);
    expect(lists.sort()).toEqual(['deliverTo', 'hourlyWriteMBps', 'recordSizeDistribution']);
    const values = fromWorkload(saved);
    expect(keptFields(values)).toEqual({});
    expect(JSON.parse(values.recordSizeDistribution as string)).toEqual(saved.recordSizeDistribution);
    expect(validate(values)).toEqual({});
  });

  it('a list typed by hand is sent as a list; text that is not a JSON list is named in the API words', () => {
    const typed = { avgRecordSizeKB: '1', hourlyWriteMBps: JSON.stringify(Array(24).fill(2)) };
    expect(validate(typed)).toEqual({});
    expect((toWorkload(typed) as unknown as Record<string, unknown>).hourlyWriteMBps).toEqual(Array(24).fill(2));
    const bad = {
      ingestGbPerDay: '10',
      avgRecordSizeKB: '1',
      deliverTo: '[{"sink": "S3"',
      recordSizeDistribution: '{}',
    };
    const errors = validate(bad);
    expect(errors.deliverTo).toMatch(/^deliverTo must be a JSON list, e\.g\. \[/);
    expect(errors.recordSizeDistribution).toBe('recordSizeDistribution must be a JSON list […], not object');
    // Sent as typed, the server names the same fields.
    expect((toWorkload(bad) as unknown as Record<string, unknown>).deliverTo).toBe('[{"sink": "S3"');
  });

  it('a form edit keeps the lists too', () => {
    const edited = { ...fromWorkload(saved), sharedConsumers: '3' };
    const back = toWorkload(edited) as unknown as Record<string, unknown>;
    expect(back.sharedConsumers).toBe(3);
    expect(back.deliverTo).toEqual(saved.deliverTo);
  });
});
