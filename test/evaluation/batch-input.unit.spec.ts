import { csvRecords, csvRows, jsonRows } from '../../src/evaluation/batch/batch-input';
import { ValidationError } from '../../src/domain';

describe('batch inventory reading', () => {
  it('reads RFC 4180 records: quotes, doubled quotes, line breaks inside quotes, CRLF or LF, a BOM, blank lines', () => {
    const text = '\ufeffa,b\r\n"x, y","say ""hi"""\n"two\nlines",\r\n\r\nlast,row';
    expect([...csvRecords(text)]).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['two\nlines', ''],
      ['last', 'row'],
    ]);
  });

  it('types cells by the workload schema: numbers, booleans, lists as JSON; an empty cell leaves the field out', () => {
    const { count, rows } = csvRows(
      'id,ingestGbPerDay,avgRecordSizeKB,existingKafkaClients,hourlyWriteMBps,sharedConsumers\r\n' +
        `a,12.5,1,TRUE,,\r\nb,,1,false,"[${new Array(24).fill(2).join(',')}]",3\r\n`,
    );
    expect(count).toBe(2);
    const [a, b] = [...rows];
    expect(a).toMatchObject({ row: 1, id: 'a', errors: [] });
    expect(a.workload).toEqual({ ingestGbPerDay: 12.5, avgRecordSizeKB: 1, existingKafkaClients: true });
    expect(b.workload).toEqual({
      avgRecordSizeKB: 1,
      existingKafkaClients: false,
      hourlyWriteMBps: new Array(24).fill(2),
      sharedConsumers: 3,
    });
  });

  it('names each bad field of a row without failing the others; refuses a bad header or too many rows whole', () => {
    const { rows } = csvRows('ingestGbPerDay,avgRecordSizeKB,currentOption\r\nlots,1,NOPE\r\n1,1,MSK_EXPRESS\r\n');
    const [bad, good] = [...rows];
    expect(bad.errors.map((e) => e.field).sort()).toEqual(['currentOption', 'ingestGbPerDay']);
    expect(good).toMatchObject({ errors: [], currentOption: 'MSK_EXPRESS' });
    expect(() => csvRows('ingestGbPerDay,colour\r\n1,red\r\n')).toThrow(ValidationError);
    expect(() => csvRows('ingestGbPerDay,ingestGbPerDay\r\n1,1\r\n')).toThrow(ValidationError);
    expect(() => csvRows(`avgRecordSizeKB\r\n${'1\r\n'.repeat(11)}`, 10)).toThrow(/11 rows; the limit is 10/);
    expect(() => jsonRows({ rows: [] })).toThrow(ValidationError);
    expect([...jsonRows([{ id: 7, ingestGbPerDay: 1, avgRecordSizeKB: 1 }]).rows][0]).toMatchObject({ id: '7' });
  });
});
