// RFC 4180 CSV records (quoted fields, doubled quotes, CRLF or LF, UTF-8 BOM dropped), each with its line number
// in the file so that errors can name it. Kept here, light, so the growth CLI does not load the xlsx reader.

export interface CsvRecord {
  /** 1-based line number of the record's first line. */
  line: number;
  cells: string[];
}

export function parseCsvRecords(text: string): CsvRecord[] {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const out: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  const n = s.length;
  while (i < n) {
    const start = line;
    const cells: string[] = [];
    for (;;) {
      let cell: string;
      if (s[i] === '"') {
        let j = i + 1;
        let buf = '';
        for (;;) {
          const q = s.indexOf('"', j);
          if (q < 0) {
            buf += s.slice(j);
            j = n;
            break;
          }
          buf += s.slice(j, q);
          if (s[q + 1] === '"') {
            buf += '"';
            j = q + 2;
          } else {
            j = q + 1;
            break;
          }
        }
        for (let k = i; k < j; k++) if (s.charCodeAt(k) === 10) line++;
        cell = buf;
        i = j;
        // anything between the closing quote and the separator is kept as text
        let e = i;
        while (e < n && s[e] !== ',' && s[e] !== '\n' && s[e] !== '\r') e++;
        cell += s.slice(i, e);
        i = e;
      } else {
        let e = i;
        while (e < n && s[e] !== ',' && s[e] !== '\n' && s[e] !== '\r') e++;
        cell = s.slice(i, e);
        i = e;
      }
      cells.push(cell);
      if (i < n && s[i] === ',') {
        i++;
        continue;
      }
      break;
    }
    if (s[i] === '\r') i++;
    if (s[i] === '\n') i++;
    line++;
    if (!(cells.length === 1 && cells[0].trim() === '')) out.push({ line: start, cells });
  }
  return out;
}
