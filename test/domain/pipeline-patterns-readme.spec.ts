/**
 * The README's "Pipelines" table (the decision guide's patterns priced side by side) is what the service
 * computes: the table is rendered here from the presets and the bundled rates, and must appear verbatim.
 * If the figures change on purpose, replace the README table with the one this test prints.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipelinePatternsTable } from './support/pipeline-patterns-table';

describe('README: the decision guide patterns priced side by side', () => {
  it('shows exactly what streamfit computes for the presets at the bundled us-east-1 rates', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const table = pipelinePatternsTable();
    if (!readme.includes(table)) console.log(`README pipeline table should be:\n${table}`);
    expect(readme).toContain(table);
  });
});
