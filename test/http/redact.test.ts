import { describe, expect, it } from 'vitest';
import { authStyleOf, identityAvailable, resolveCredentials } from '../../src/http/credentials.js';
import { basicAuthHeader, createRedactor, md5Hex } from '../../src/http/redact.js';
import { RESOLVED, SECRETS, targetSecrets } from './support/fixtures.js';

describe('basicAuthHeader and md5Hex', () => {
  it('computes MD5 per the RFC 1321 test suite', () => {
    expect(md5Hex('')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(md5Hex('abc')).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(md5Hex('message digest')).toBe('f96b697d7cb7938d525a2f31aaf161d0');
  });

  it('encodes user ":" md5(password) in Base64, as Capillary documents', () => {
    // The documented sample (store123 / Pass123) carries an MD5 that is not md5('Pass123'), so
    // only its shape is checked here: the decoded value is user:md5hex.
    const header = basicAuthHeader('store123', 'Pass123');
    expect(header).toMatch(/^Basic [A-Za-z0-9+/]+=*$/u);
    expect(Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8')).toBe(
      'store123:2f23fa3579f3f75175793649115c1b25',
    );
  });
});

describe('createRedactor', () => {
  const redactor = createRedactor(RESOLVED.secrets);
  const basic = basicAuthHeader(SECRETS.user, SECRETS.password);

  it.each([
    ['the password', `login failed for ${SECRETS.password}`],
    ['its MD5', `hash=${md5Hex(SECRETS.password)}`],
    ['its MD5 in upper case', `hash=${md5Hex(SECRETS.password).toUpperCase()}`],
    ['the Basic value', `authorization: ${basic}`],
    ['the unhashed Basic value', Buffer.from(`${SECRETS.user}:${SECRETS.password}`).toString('base64')],
    ['the token', `x-cap-api-oauth-token: ${SECRETS.token}`],
    ['a percent-encoded password', `?p=${encodeURIComponent(SECRETS.password)}`],
    ['another principal’s token', `token ${SECRETS.forbiddenToken} and ${SECRETS.breakupToken}`],
  ])('removes %s', (_what, text) => {
    const redacted = redactor.redact(text);
    expect(redacted).toContain('<redacted>');
    for (const secret of RESOLVED.secrets) expect(redacted).not.toContain(secret);
  });

  it('keeps user names and ordinary text', () => {
    expect(redactor.redact(`user ${SECRETS.user} got 401`)).toBe(`user ${SECRETS.user} got 401`);
  });

  it('replaces a secret inside JSON where it appears escaped', () => {
    const sneaky = createRedactor(['pa"ss\\word']);
    expect(sneaky.redact(JSON.stringify({ echo: 'pa"ss\\word' }))).toBe('{"echo":"<redacted>"}');
  });

  it('replaces the longest secret whole when one contains another', () => {
    const nested = createRedactor(['abc', 'xxabcxx']);
    expect(nested.redact('1 xxabcxx 2 abc')).toBe('1 <redacted> 2 <redacted>');
  });

  it('finds an MD5 in either case, whichever case it was given in', () => {
    const upper = createRedactor(['ABCDEF0123']);
    expect(upper.redact('h=abcdef0123 H=ABCDEF0123')).toBe('h=<redacted> H=<redacted>');
    const lower = createRedactor(['abcdef0123']);
    expect(lower.redact('h=abcdef0123 H=ABCDEF0123')).toBe('h=<redacted> H=<redacted>');
  });

  it('matches a password as given: only a whole hex string is matched in other cases', () => {
    // The other-case spellings are for MD5s: a password's own case is part of it, and text that
    // merely resembles it in another case (a word, a hex-looking prefix or suffix) is not a secret.
    for (const secret of ['Secret', 'zz-beef', 'beef-zz']) {
      const redactor = createRedactor([secret]);
      expect(redactor.redact(`${secret.toUpperCase()} ${secret.toLowerCase()}`)).toBe(
        `${secret.toUpperCase()} ${secret.toLowerCase()}`.replace(secret, '<redacted>'),
      );
    }
  });

  it('leaves every text as it is when it knows no secret', () => {
    expect(createRedactor().redact('nothing to hide: 200 OK')).toBe('nothing to hide: 200 OK');
    expect(createRedactor(['']).redact('still nothing')).toBe('still nothing');
  });

  it('replaces the longest secret whole whatever the order the secrets were added in', () => {
    const later = createRedactor(['xxabcxx']);
    later.add('abc');
    expect(later.redact('1 xxabcxx 2 abc')).toBe('1 <redacted> 2 <redacted>');
    const shorterFirst = createRedactor(['q', 'qqqq', 'qq']);
    expect(shorterFirst.redact('qqqq')).toBe('<redacted>');
  });

  it('treats regex characters literally and ignores empty secrets', () => {
    const literal = createRedactor(['a.b*c', '']);
    literal.add('(x)');
    expect(literal.redact('a.b*c axbbc (x) x')).toBe('<redacted> axbbc <redacted> x');
  });
});

describe('resolveCredentials', () => {
  it('gives every identity its headers when all secrets are known', () => {
    const { credentials } = RESOLVED;
    expect(credentials.primary?.headers).toEqual({ authorization: basicAuthHeader(SECRETS.user, SECRETS.password) });
    expect(credentials['primary-oauth']?.headers).toEqual({ 'x-cap-api-oauth-token': SECRETS.token });
    expect(credentials.none?.headers).toEqual({});
    expect(credentials['wrong-basic-password']?.headers.authorization).toBe(basicAuthHeader(SECRETS.user, 'wrong-password'));
    expect(credentials['unhashed-basic-password']?.headers.authorization).toBe(
      `Basic ${Buffer.from(`${SECRETS.user}:${SECRETS.password}`).toString('base64')}`,
    );
    expect(credentials.forbidden?.headers).toEqual({
      authorization: basicAuthHeader(SECRETS.forbiddenUser, SECRETS.forbiddenPassword),
    });
  });

  it('follows the preferred style', () => {
    const { credentials } = resolveCredentials(targetSecrets('oauth-token'));
    expect(credentials.primary?.headers).toEqual({ 'x-cap-api-oauth-token': SECRETS.token });
    expect(authStyleOf(credentials.primary!)).toBe('oauth-token');
  });

  it('leaves out identities whose secrets are unknown', () => {
    const { credentials, secrets } = resolveCredentials({ primary: { token: SECRETS.token } });
    expect(identityAvailable(credentials, 'primary')).toBe(true);
    expect(identityAvailable(credentials, 'primary-oauth')).toBe(true);
    expect(identityAvailable(credentials, 'wrong-oauth-token')).toBe(true);
    for (const identity of [
      'primary-basic',
      'wrong-basic-password',
      'unhashed-basic-password',
      'forbidden',
      'breakup-disabled',
    ] as const) {
      expect(identityAvailable(credentials, identity)).toBe(false);
    }
    expect(secrets).toEqual([SECRETS.token]);
  });

  it('infers the style from headers when none is declared', () => {
    expect(authStyleOf({ headers: { Authorization: 'Basic abc' } })).toBe('basic');
    expect(authStyleOf({ headers: { 'X-CAP-API-OAUTH-TOKEN': 't' } })).toBe('oauth-token');
    expect(authStyleOf({ headers: {} })).toBe('none');
  });
});
