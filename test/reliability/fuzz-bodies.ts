// Generators of invalid POST /reports bodies for the fuzz test. Each case starts from a valid submission and breaks
// it in one way, and says which field a correct 4xx must name (issues[].path): wrong types, missing fields, huge
// strings, Unicode edge cases, deep nesting, numbers as strings, NaN/Infinity, __proto__/constructor keys, bodies
// that are not objects, broken UTF-8, a wrong media type.
import fc from 'fast-check';
import { LIMITS, type Submission } from '../../core/schemas/submission.ts';
import { isHalfMonthId } from '../../core/calendar/half-month.ts';

export interface FuzzCase {
  kind: string;
  body: string | Uint8Array;
  contentType?: string;
  /** Acceptable issue paths: the field itself, or anything under it. */
  paths: string[];
  /** For an unknown key: the key, which must appear in the path or in the message of an issue at its parent. */
  key?: string;
}

const ROW_STRINGS = ['measureId', 'status', 'progress', 'evidence', 'note'] as const;
const ROW_NUMBERS = ['target', 'actual', 'rate', 'fundsPlanned', 'fundsPaid'] as const;
const ROW_REQUIRED = ['measureId', 'status', 'progress'] as const;
const MARK = '@@MARK@@';

type Path = (string | number)[];

/** JSON text of `base` with the value at `path` replaced by raw JSON text (undefined deletes the member). */
function withRaw(base: Submission, path: Path, raw: string | undefined): string {
  const copy = structuredClone(base) as unknown as Record<string, unknown>;
  let at: Record<string | number, unknown> = copy;
  for (const p of path.slice(0, -1)) at = at[p] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (raw === undefined) {
    delete at[last];
    return JSON.stringify(copy);
  }
  at[last] = MARK;
  return JSON.stringify(copy).replace(JSON.stringify(MARK), () => raw);
}

const dotted = (path: Path) => path.join('.');

export function fuzzCases(base: Submission): fc.Arbitrary<FuzzCase> {
  const rowIndex = fc.nat({ max: base.rows.length - 1 });
  const stringField = fc.oneof(
    fc.constantFrom<Path>(['period'], ['signer']),
    fc.tuple(rowIndex, fc.constantFrom(...ROW_STRINGS)).map(([i, f]): Path => ['rows', i, f]),
  );
  const numberField = fc.tuple(rowIndex, fc.constantFrom(...ROW_NUMBERS)).map(([i, f]): Path => ['rows', i, f]);
  const anyValue = fc.oneof(
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.string({ maxLength: 20 }),
    fc.double({ noNaN: true }).map(String), // numbers as strings
    fc.array(fc.integer(), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
  );
  const roundTrip = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;

  const wrongType = fc
    .oneof(
      fc.tuple(stringField, anyValue).filter(([, v]) => typeof roundTrip(v) !== 'string'),
      fc.tuple(numberField, anyValue).filter(([, v]) => typeof roundTrip(v) !== 'number'),
      fc.tuple(fc.constant<Path>(['rows']), anyValue).filter(([, v]) => !Array.isArray(v)),
    )
    .map(([path, v]): FuzzCase => ({
      kind: 'wrong type',
      body: withRaw(base, path, JSON.stringify(v)),
      paths: [dotted(path)],
    }));

  const missing = fc
    .oneof(
      fc.constantFrom<Path>(['period'], ['signer'], ['rows']),
      fc.tuple(rowIndex, fc.constantFrom(...ROW_REQUIRED)).map(([i, f]): Path => ['rows', i, f]),
    )
    .map((path): FuzzCase => ({ kind: 'missing field', body: withRaw(base, path, undefined), paths: [dotted(path)] }));

  const limits: [Path, number][] = [
    [['signer'], LIMITS.signer],
    [['progress'], LIMITS.progress],
    [['evidence'], LIMITS.text],
    [['note'], LIMITS.text],
  ];
  const huge = fc
    .tuple(
      fc.constantFrom(...limits),
      rowIndex,
      fc.constantFrom('测', 'a', '😀', '\u0000', '\u200b', 'é'),
      fc.oneof(fc.integer({ min: 1, max: 3000 }), fc.constant(600_000)),
    )
    .map(([[field, limit], i, ch, extra]): FuzzCase => {
      const path: Path = field[0] === 'signer' ? field : ['rows', i, ...field];
      // limit + extra characters, however the limit counts them (UTF-16 units or code points: 😀 is 2 units, 1 point).
      const text = ch.repeat(limit + extra);
      const body = withRaw(base, path, JSON.stringify(text));
      // Past the body limit the whole body is refused (413) before any field is looked at.
      return {
        kind: 'huge string',
        body,
        paths: new TextEncoder().encode(body).length > LIMITS.bodyBytes ? ['(body)'] : [dotted(path)],
      };
    });

  const edgy = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.constantFrom(
      '\ud800',
      '\udfff',
      '\u0000',
      '\u202e2024-02-H2',
      '\ufeff2024-02-H2',
      '２０２４-02-H2',
      '2024-02-H2\u0000',
      'done\u200b',
      'ｄｏｎｅ',
      '1‐1',
      '１-１',
      '1-1\n',
      'Ⅰ-Ⅰ',
      '2024-13-H1',
      '2024-02-H3',
      '2099-01-H1',
      '0000-01-H1',
      'DONE',
      '已完成',
      '',
    ),
  );
  const unicode = fc
    .tuple(fc.constantFrom('period', 'measureId', 'status'), rowIndex, edgy)
    .filter(([field, , s]) =>
      field === 'period'
        ? !isHalfMonthId(s) || s > '2024-03-H1'
        : field === 'measureId'
          ? !/^\d{1,2}-\d{1,2}$/.test(s)
          : !['done', 'phased', 'ongoing', 'not_started'].includes(s),
    )
    .map(([field, i, s]): FuzzCase => {
      const path: Path = field === 'period' ? ['period'] : ['rows', i, field];
      return { kind: 'unicode edge case', body: withRaw(base, path, JSON.stringify(s)), paths: [dotted(path)] };
    });

  const deep = fc
    .tuple(fc.oneof(stringField, numberField, fc.constant<Path>([])), fc.integer({ min: 1, max: 5000 }), fc.boolean())
    .map(([path, depth, arrays]): FuzzCase => {
      const raw = arrays ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
      // At the root, nested arrays are not an object at all ("(body)"); nested objects carry the unknown key "a".
      const rootPath = arrays ? '(body)' : 'a';
      return {
        kind: 'deep nesting',
        body: path.length ? withRaw(base, path, raw) : raw,
        paths: [path.length ? dotted(path) : rootPath],
      };
    });

  const nonFinite = fc
    .tuple(numberField, fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e999', '-1e999', '0x10', '1_000'))
    .map(([path, lit]): FuzzCase => ({
      kind: 'NaN/Infinity',
      body: withRaw(base, path, lit),
      // 1e999 is valid JSON that parses to Infinity: the field must be named. The rest is not JSON at all.
      paths: lit.endsWith('1e999') ? [dotted(path)] : ['(body)'],
    }));

  const protoKeys = fc
    .tuple(
      fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__'),
      fc.option(rowIndex, { nil: undefined }),
      anyValue,
    )
    .map(([key, row, v]): FuzzCase => {
      const parent: Path = row === undefined ? [] : ['rows', row];
      const text = withRaw(base, [...parent, '@@KEY@@'], '0').replace(
        '"@@KEY@@":0',
        () => `${JSON.stringify(key)}:${JSON.stringify(v)}`,
      );
      const parentPath = parent.length ? dotted(parent) : '(body)';
      return { kind: 'prototype key', body: text, paths: [parent.length ? `${parentPath}.${key}` : key], key };
    });

  const notObject = fc
    .oneof(
      fc.integer(),
      fc.string({ maxLength: 10 }),
      fc.constant(null),
      fc.boolean(),
      fc.array(fc.integer(), { maxLength: 3 }),
    )
    .map((v): FuzzCase => ({ kind: 'not an object', body: JSON.stringify(v), paths: ['(body)'] }));

  const brokenUtf8 = fc
    .constantFrom([0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80])
    .map((bad): FuzzCase => {
      const [head, tail] = withRaw(base, ['signer'], '"@@BAD@@"').split('@@BAD@@') as [string, string];
      const enc = new TextEncoder();
      return {
        kind: 'broken UTF-8',
        body: new Uint8Array([...enc.encode(head), ...bad, ...enc.encode(tail)]),
        paths: ['(body)'],
      };
    });

  const mediaType = fc
    .constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', 'application/jsonp')
    .map((ct): FuzzCase => ({
      kind: 'media type',
      body: JSON.stringify(base),
      contentType: ct,
      paths: ['Content-Type'],
    }));

  return fc.oneof(
    { arbitrary: wrongType, weight: 4 },
    { arbitrary: missing, weight: 2 },
    { arbitrary: huge, weight: 2 },
    { arbitrary: unicode, weight: 3 },
    { arbitrary: deep, weight: 2 },
    { arbitrary: nonFinite, weight: 2 },
    { arbitrary: protoKeys, weight: 2 },
    { arbitrary: notObject, weight: 1 },
    { arbitrary: brokenUtf8, weight: 1 },
    { arbitrary: mediaType, weight: 1 },
  );
}
