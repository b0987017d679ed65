// Shared helpers for the benchmarks: a seeded PRNG, seed-like Japanese text, timing.
'use strict';

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  '児童相談所', '区家庭児童相談室', '要保護児童対策地域協議会', '保健師', '母子保健', '研修', '支援方針',
  'アセスメントシート', '関係機関', '情報共有', '乳幼児健診', '家庭訪問', 'マニュアル', '協働', '人材育成',
  'ケース会議', '子どもコーディネーター', '学校', 'スクールソーシャルワーカー', '生活支援担当', '監査',
];
const VERBS = ['を実施した', 'を強化した', 'の見直しを行った', 'について検討を進めた', 'を継続した', 'を拡充した', 'の周知を図った'];

/** A bullet of 30–80 characters, unique enough for 再掲 matching to mean something. */
function sentence(rand, i) {
  const parts = [];
  const n = 2 + Math.floor(rand() * 3);
  for (let k = 0; k < n; k++) parts.push(WORDS[Math.floor(rand() * WORDS.length)]);
  return `・令和${6 + (i % 2)}年度${(i % 12) + 1}月、${parts.join('と')}${VERBS[Math.floor(rand() * VERBS.length)]}（第${i}号）。`;
}

function time(fn, repeat = 3) {
  let best = Infinity;
  let result;
  for (let i = 0; i < repeat; i++) {
    const t0 = process.hrtime.bigint();
    result = fn();
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (ms < best) best = ms;
  }
  return { ms: best, result };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * Runs the functions in turns, `rounds` times, rotating the order and collecting garbage
 * before each (node --expose-gc, required), so a burst of load on a shared machine slows every one
 * alike. Gives each one's median time and its median ratio to the first (the baseline),
 * taken round by round, with the lowest and highest of those ratios.
 */
function interleave(fns, rounds = 7) {
  // Without a collection before each step, one step pays for the garbage of the one before:
  // the same build measured consolidate at 1.2× the parse so, and at 1.44× with it.
  if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc (npm run bench does)');
  const names = Object.keys(fns);
  const times = Object.fromEntries(names.map((n) => [n, []]));
  const results = {};
  for (let i = 0; i < rounds; i++) {
    for (let k = 0; k < names.length; k++) {
      const n = names[(i + k) % names.length];
      globalThis.gc();
      const t0 = process.hrtime.bigint();
      results[n] = fns[n]();
      times[n].push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  const base = times[names[0]];
  const out = {};
  for (const n of names) {
    const ratios = times[n].map((t, i) => t / base[i]);
    out[n] = { ms: median(times[n]), ratio: median(ratios), low: Math.min(...ratios), high: Math.max(...ratios), times: times[n], result: results[n] };
  }
  return out;
}

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) => r.map((c, i) => String(c).padEnd(widths[i])).join('  ')).join('\n');
}

module.exports = { rng, sentence, time, interleave, table, median };
