/** POST /api/v1/idm/contacts/upsert: the spec's REST compatibility route, status by status. */
import { describe, expect, it } from 'vitest';
import { contactFields } from '../../src/contacts/fields.js';
import { maxBodyBytes } from '../../src/rest/upsert.js';
import { useTestApp } from '../support/app.js';
import { ContactByTrackingId } from '../support/documents.js';

const t = useTestApp();
const path = '/api/v1/idm/contacts/upsert';
let serial = 0;
const unique = (prefix: string) => `${prefix}-${++serial}-${Math.random().toString(36).slice(2, 8)}`;
const newContact = () => ({ trackingId: unique('crm'), email: `${unique('person')}@example.com`, firstName: 'Ada', lastName: 'Lovelace' });

function post(body: string, contentType = 'application/json') {
  return t.request(path, { method: 'POST', headers: { 'content-type': contentType }, body });
}
async function send(body: string, contentType?: string) {
  const response = await post(body, contentType);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
const sendJson = (value: unknown) => send(JSON.stringify(value));

describe('200', () => {
  it('creates, answering the flat contact with result "created" and nothing internal', async () => {
    const input = { ...newContact(), company: 'Analytical', note: 'two\nlines' };
    const { status, body } = await sendJson(input);
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(['id', ...contactFields, 'createdAt', 'updatedAt', 'result'].sort());
    expect(body).toMatchObject({ ...input, phone: null, result: 'created' });
    expect(new Date(body.createdAt as string).toISOString()).toBe(body.createdAt);
    expect(body.updatedAt).toBe(body.createdAt);
  });

  it('updates through the same domain function as GraphQL, answering result "updated"', async () => {
    const input = newContact();
    const created = await sendJson(input);
    const updated = await sendJson({ trackingId: input.trackingId, city: 'London' });
    expect(updated).toMatchObject({ status: 200, body: { id: created.body.id, city: 'London', result: 'updated' } });
    const replay = await sendJson({ trackingId: input.trackingId, city: 'London' });
    expect(replay.body).toMatchObject({ result: 'updated', updatedAt: updated.body.updatedAt });
    const { contactByTrackingId } = await t.run(ContactByTrackingId, { trackingId: input.trackingId });
    expect(contactByTrackingId).toMatchObject({ id: created.body.id, city: 'London', updatedAt: updated.body.updatedAt });
  });

  it('reads a JSON body whatever its content-type says', async () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded']) {
      expect((await send(JSON.stringify(newContact()), contentType)).status).toBe(200);
    }
  });
});

describe('400', () => {
  it('reports every field error, naming the first as `field`', async () => {
    const { status, body } = await sendJson({ trackingId: unique('crm'), email: 'not an address', lastName: null });
    expect(status).toBe(400);
    expect(body).toEqual({
      error: 'validation_error',
      message: expect.any(String),
      field: 'email',
      fieldErrors: [
        { field: 'email', code: 'INVALID', message: expect.any(String) },
        { field: 'lastName', code: 'REQUIRED', message: expect.any(String) },
        { field: 'firstName', code: 'REQUIRED', message: expect.any(String) },
      ],
    });
  });

  it('names wrong types and unknown fields', async () => {
    const wrongType = await sendJson({ ...newContact(), phone: 12345 });
    expect(wrongType).toMatchObject({ status: 400, body: { error: 'validation_error', field: 'phone' } });
    expect(wrongType.body.fieldErrors).toEqual([{ field: 'phone', code: 'INVALID', message: expect.any(String) }]);
    const unknown = await sendJson({ ...newContact(), favouriteColour: 'blue' });
    expect(unknown).toMatchObject({ status: 400, body: { error: 'validation_error', field: 'favouriteColour' } });
  });

  it('answers a body that is no JSON object with field null', async () => {
    const bodies = ['', '{"email": ', 'email=a@b.c', '[]', 'null', '"text"', '42', `${'['.repeat(100_000)}${']'.repeat(100_000)}`];
    for (const text of bodies) {
      const { status, body } = await send(text);
      expect(status, text.slice(0, 20)).toBe(400);
      expect(body).toEqual({ error: 'validation_error', message: expect.any(String), field: null, fieldErrors: [] });
    }
  });

  it('rejects control characters, also NUL, without reaching the database', async () => {
    const { status, body } = await sendJson({ ...newContact(), trackingId: 'crm\u0000' });
    expect(status).toBe(400);
    expect(body.fieldErrors).toEqual([{ field: 'trackingId', code: 'INVALID', message: expect.any(String) }]);
  });

  it('tells an over-long note by its field, well below the body limit', async () => {
    const { status, body } = await sendJson({ ...newContact(), note: 'x'.repeat(10_001) });
    expect(status).toBe(400);
    expect(body).toMatchObject({ field: 'note', fieldErrors: [{ field: 'note', code: 'TOO_LONG' }] });
  });
});

describe('409 and 413', () => {
  it('answers 409 conflict, naming the holder, when the email belongs to another contact', async () => {
    const holder = await sendJson(newContact());
    const { status, body } = await sendJson({ ...newContact(), email: (holder.body.email as string).toUpperCase() });
    expect(status).toBe(409);
    expect(body).toEqual({
      error: 'conflict',
      message: expect.any(String),
      field: 'email',
      fieldErrors: [{ field: 'email', code: 'TAKEN', message: expect.stringContaining(holder.body.id as string) }],
    });
  });

  it('answers 400, not 409, when something besides the taken email needs fixing', async () => {
    const holder = await sendJson(newContact());
    const { status, body } = await sendJson({ ...newContact(), email: holder.body.email, firstName: null });
    expect(status).toBe(400);
    expect(body.fieldErrors).toContainEqual(expect.objectContaining({ field: 'email', code: 'TAKEN' }));
  });

  it(`answers 413 for a body over ${maxBodyBytes} bytes`, async () => {
    const { status, body } = await sendJson({ ...newContact(), note: 'x'.repeat(maxBodyBytes) });
    expect(status).toBe(413);
    expect(body).toEqual({ error: 'payload_too_large', message: expect.any(String), field: null, fieldErrors: [] });
  });

  it(`answers 413 for a declared Content-Length over ${maxBodyBytes} bytes, and serves one within it`, async () => {
    const body = JSON.stringify(newContact());
    const declaring = (length: number) => ({ method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(length) }, body });
    const refused = await t.request(path, declaring(maxBodyBytes + 1));
    expect(refused.status).toBe(413);
    expect(await refused.json()).toEqual({ error: 'payload_too_large', message: expect.any(String), field: null, fieldErrors: [] });
    const served = await t.request(path, declaring(body.length));
    expect(served.status).toBe(200);
    expect(await served.json()).toMatchObject({ result: 'created' });
  });
});
