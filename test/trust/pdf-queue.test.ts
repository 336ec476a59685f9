// The fair PDF queue (issue 10, item 10): renders are taken round-robin by user, so one user's sixteen reports do not
// hold up another's; a user may have 4 renders pending, the 5th is refused with 429 and a Retry-After. A fake slow
// renderer for the queue itself, then one real render through the queue (Chromium; skipped without it).
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/http/errors.js';
import { FairQueue } from '../../src/core/pdf-queue.js';
import { closePdfRenderer, renderPdf } from '../../src/core/pdf.js';

const hasChromium = fs.existsSync('/usr/bin/chromium');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A queue whose renderer takes `ms` and records the order in which renders finished. */
function fakeQueue(perUser: number, ms = 20) {
  const done: string[] = [];
  const q = new FairQueue<string, string>(
    async (name) => {
      await sleep(ms);
      done.push(name);
      return `pdf of ${name}`;
    },
    { perUser },
  );
  return { q, done };
}

describe('FairQueue', () => {
  it("one user's 16 renders hold up another user's by at most 2 of theirs (the one under way and one more)", async () => {
    const { q, done } = fakeQueue(16);
    const a = Array.from({ length: 16 }, (_, i) => q.submit(`A${i + 1}`, { districtId: 'd', username: 'a' }));
    const b = q.submit('B1', { districtId: 'd', username: 'b' });
    expect(await b).toBe('pdf of B1');
    expect(done.indexOf('B1')).toBeLessThanOrEqual(2);
    await Promise.all(a);
    expect(done.filter((x) => x.startsWith('A'))).toEqual(Array.from({ length: 16 }, (_, i) => `A${i + 1}`)); // each user's in order
  });

  it('a user arriving later while another has many queued still waits for at most one more of theirs', async () => {
    const { q, done } = fakeQueue(16);
    const a = Array.from({ length: 16 }, (_, i) => q.submit(`A${i + 1}`, 'a'));
    await sleep(70); // A has had a few rendered, one is under way
    const before = done.length;
    await q.submit('B1', 'b');
    expect(done.indexOf('B1') - before).toBeLessThanOrEqual(2);
    await Promise.all(a);
  });

  it('caps the renders pending over all users: the next one, from anyone, is refused with 429 until one finishes', async () => {
    const done: string[] = [];
    const q = new FairQueue<string, string>(
      async (name) => {
        await sleep(20);
        done.push(name);
        return name;
      },
      { perUser: 4, total: 6 },
    );
    // 3 users × 2 = 6 pending (each under its own limit of 4): the 7th, from a fourth user, is refused.
    const ok = ['a', 'b', 'c'].flatMap((u) => [1, 2].map((i) => q.submit(`${u}${i}`, u)));
    const refused = await q.submit('d1', 'd').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).status).toBe(429);
    expect((refused as AppError).extra?.retryAfter).toBeGreaterThanOrEqual(1);
    await Promise.all(ok);
    expect(await q.submit('d2', 'd')).toBe('d2'); // room again once they are done
    expect(done).toHaveLength(7);
  });

  it('users with many renders each alternate', async () => {
    const { q, done } = fakeQueue(4, 5);
    const all = [];
    for (const u of ['a', 'b', 'c']) for (let i = 1; i <= 3; i++) all.push(q.submit(`${u}${i}`, u));
    await Promise.all(all);
    expect(done).toEqual(['a1', 'b1', 'c1', 'a2', 'b2', 'c2', 'a3', 'b3', 'c3']);
  });

  it("refuses a user's 5th pending render with 429, Retry-After and a 中文 / English message; others still get in", async () => {
    const { q } = fakeQueue(4, 30);
    const a = Array.from({ length: 4 }, (_, i) => q.submit(`A${i + 1}`, { districtId: 'd', username: 'a' }));
    const refused = await q.submit('A5', { districtId: 'd', username: 'a' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    const e = refused as AppError;
    expect(e.status).toBe(429);
    expect(e.code).toBe('pdf_busy');
    expect(e.message).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
    expect(e.extra?.retryAfter).toBeGreaterThanOrEqual(1);
    // The same name in another district is another user; another user is not limited by a's renders.
    const other = [q.submit('A-other-district', { districtId: 'e', username: 'a' }), q.submit('B1', 'b')];
    expect(await Promise.all([...a, ...other])).toHaveLength(6);
    // Once a's renders are done, a may ask again.
    expect(await q.submit('A6', { districtId: 'd', username: 'a' })).toBe('pdf of A6');
  });

  it('a failed render rejects only its own request; internal renders (no owner) have no limit', async () => {
    const q = new FairQueue<string, string>(
      async (x) => {
        await sleep(1);
        if (x === 'bad') throw new Error('boom');
        return x;
      },
      { perUser: 1 },
    );
    const bad = q.submit('bad', 'u').catch((e: Error) => e.message);
    const internal = await Promise.all(Array.from({ length: 6 }, (_, i) => q.submit(`i${i}`)));
    expect(internal).toHaveLength(6);
    expect(await bad).toBe('boom');
    expect(await q.submit('good', 'u')).toBe('good');
    await q.onIdle();
    expect(q.size).toBe(0);
  });
});

describe.skipIf(!hasChromium)('renderPdf through the queue', () => {
  afterAll(() => closePdfRenderer());

  it('still produces a PDF for an owner', async () => {
    const pdf = await renderPdf('<!doctype html><meta charset="utf-8"><h1>均衡 fair queue</h1>', { headerTitle: 'test' }, { districtId: 'd', username: 'a' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(1000);
  });
});
