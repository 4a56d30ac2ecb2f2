import assert from 'node:assert/strict';
import { contentTypeProblem } from '../../../src/support/json-body';

describe('contentTypeProblem (/api/messages headers)', () => {
  const ok = (headers: Record<string, string>) => assert.equal(contentTypeProblem(headers), undefined, JSON.stringify(headers));
  const refused = (headers: Record<string, string>) => assert.match(contentTypeProblem(headers) ?? '', /application\/json/, JSON.stringify(headers));

  it('accepts application/json, charset utf-8 optional, encoding identity optional', () => {
    ok({ 'content-type': 'application/json' });
    ok({ 'content-type': 'Application/JSON; charset="UTF-8"' });
    ok({ 'content-type': 'application/json;charset=utf8' });
    ok({ 'content-type': 'application/json', 'content-encoding': 'identity' });
  });

  it('refuses other types, other charsets, other parameters and any real encoding', () => {
    refused({});
    refused({ 'content-type': 'text/plain' });
    refused({ 'content-type': 'multipart/form-data; boundary=x' });
    refused({ 'content-type': 'application/jsonp' });
    refused({ 'content-type': 'application/json; charset=utf-16' });
    refused({ 'content-type': 'application/json; boundary=x' });
    refused({ 'content-type': 'application/json', 'content-encoding': 'gzip' });
    refused({ 'content-type': 'application/json', 'content-encoding': 'identity, br' });
  });
});
