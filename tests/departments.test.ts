// The department master and how a cell lists departments: every spelling sections use is
// known, however the entries are separated.
import fc from 'fast-check';
import { defaultConfig } from '../lib/config';
import { deptMaster, isKnown, tokenizeDepartments } from '../lib/departments';

const config = defaultConfig();
const master = deptMaster(config);
const prefixOf = new Map(config.bureaus.map((b) => [b.name, b.prefix]));
const entries = config.departments.map((d) => ({ name: d.name, prefix: d.kind === 'bureau' ? undefined : prefixOf.get(d.bureau) }));

// Separators between entries and the ways the prefix is written, as in seeds 000 and 002.
const SEPARATORS = [' ', '\n', '、', '\u3000', ', ', '\r\n'];
const PREFIX_STYLES = [(p: string) => `${p})`, (p: string) => `${p}) `, (p: string) => `${p}）`, (p: string) => `${p}）\u3000`];

describe('departments', () => {
  it('knows every entry of the master in every prefix style, however a cell separates them', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...entries), fc.constantFrom(...PREFIX_STYLES)), { minLength: 1, maxLength: 6 }),
        fc.constantFrom(...SEPARATORS),
        (picked, sep) => {
          const written = picked.map(([e, style]) => (e.prefix ? style(e.prefix) + e.name : e.name));
          const cell = written.join(sep);
          const tokens = tokenizeDepartments(cell);
          expect(tokens.map((t) => t.raw.trim())).toEqual(written.map((w) => w.trim()));
          for (const t of tokens) {
            expect(cell.slice(t.start, t.end)).toBe(t.raw);
            expect([t.raw, isKnown(master, t)]).toEqual([t.raw, true]);
          }
        },
      ),
    );
  });

  it('holds every department the seeds name', () => {
    const seeds = [
      '子)子育て支援部', '区)保健福祉部', '子)児童相談所', '保)総務部', '子)子ども育成部', '教)学校教育部', '保)障がい保健福祉部',
      '総)職員部', '総)改革推進室', '保)ウェルネス推進部', '市)男女共同参画室', '子ども未来局', '保健福祉局', '総務局',
      '総) 職員育成担当課', '子) 地域連携課', '保) 保護課', '保) 障がい福祉課', '保) 健康企画課', '区) 健康・子ども課',
      '子) 子育て支援課', '教) 児童生徒担当課', '教) 教職員育成担当課', '総) 人事課', '保) 総務課', '市) 男女共同参画課',
    ];
    const unknown = seeds.flatMap((s) => tokenizeDepartments(s)).filter((t) => !isKnown(master, t)).map((t) => t.raw);
    expect(unknown).toEqual([]);
  });

  it('does not know a name under another bureau’s prefix, nor a misspelling', () => {
    for (const s of ['教)児童相談所', '子)子ども支援部', '区)保険福祉部', '総)職員課']) {
      const [t] = tokenizeDepartments(s);
      expect([s, isKnown(master, t!)]).toEqual([s, false]);
    }
  });
});
